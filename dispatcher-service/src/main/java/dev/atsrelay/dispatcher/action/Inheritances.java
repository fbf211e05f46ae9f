package dev.atsrelay.dispatcher.action;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The stage triggers each job inherited from its template when it was created (table {@code job_inheritance}). */
@Component
class Inheritances {

    private static final TypeReference<Map<String, List<String>>> STAGES = new TypeReference<>() { };

    private final DatabaseClient db;
    private final JsonMapper json;

    Inheritances(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Records what the job inherits; the first record wins (a re-read job.created changes nothing). */
    Mono<Void> inherit(String tenantId, String jobId, ActionIndex.Template template, Instant at) {
        return db.sql("""
                        INSERT INTO job_inheritance (tenant_id, job_id, template_id, stages, inherited_at)
                        VALUES (:tenant, :job, :template, :stages, :at) ON CONFLICT (tenant_id, job_id) DO NOTHING""")
                .bind("tenant", tenantId).bind("job", jobId).bind("template", template.id())
                .bind("stages", json.writeValueAsString(template.stages())).bind("at", at.atOffset(ZoneOffset.UTC))
                .then();
    }

    /** The job's inherited stage → action ids; empty if it inherited nothing (or was created before we knew). */
    Mono<Map<String, List<String>>> inherited(String tenantId, String jobId) {
        return db.sql("SELECT stages FROM job_inheritance WHERE tenant_id = :tenant AND job_id = :job")
                .bind("tenant", tenantId).bind("job", jobId)
                .map(row -> json.readValue(row.get("stages", String.class), STAGES))
                .one()
                .defaultIfEmpty(Map.of());
    }
}
