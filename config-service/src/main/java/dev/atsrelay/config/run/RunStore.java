package dev.atsrelay.config.run;

import dev.atsrelay.config.id.TenantId;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Runs and their records in PostgreSQL (tables {@code action_run}, {@code action_run_record}; Flyway V3). */
@Component
class RunStore {

    private final DatabaseClient db;
    private final JsonMapper json;

    RunStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Totals per state and, once nothing is pending, when the last record reached its end. */
    record Totals(Map<RecordProgress.State, Integer> counts, Instant lastUpdate) {

        int of(RecordProgress.State state) {
            return counts.getOrDefault(state, 0);
        }
    }

    Mono<Void> insert(Run run, List<RunRecord> records) {
        var runRow = db.sql("INSERT INTO action_run (id, tenant_id, action_id, action_name, action_type, behaviour, area, "
                        + "user_id, user_name, input, records, created_at, session_expires_at) VALUES (:id, :tenant, :action, "
                        + ":name, :type, :behaviour, :area, :user, :userName, :input, :records, :at, :sessionExpiresAt)")
                .bind("id", run.id()).bind("tenant", run.tenant().value()).bind("action", run.actionId())
                .bind("name", run.actionName()).bind("type", run.actionType()).bind("behaviour", run.behaviour())
                .bind("area", run.area()).bind("user", run.user().userId());
        runRow = orNull(runRow, "userName", run.user().name(), String.class)
                .bind("input", Json.of(json.writeValueAsString(run.input()))).bind("records", run.records())
                .bind("at", utc(run.createdAt()));
        // the run's session data (its input, which the vendors may read) goes with the first of its sessions
        Instant firstExpiry = records.stream().map(RunRecord::sessionExpiresAt).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        runRow = orNull(runRow, "sessionExpiresAt", firstExpiry == null ? null : utc(firstExpiry), OffsetDateTime.class);
        // one statement, a batch of bindings: a bulk of 1,000 records is one round trip
        Mono<Void> recordRows = db.inConnectionMany(connection -> {
            var statement = connection.createStatement("INSERT INTO action_run_record (invocation_id, run_id, record_id, "
                    + "job_id, candidate_id, state, attempts, updated_at, session_id, session_expires_at) "
                    + "VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $7, $8)");
            for (int i = 0; i < records.size(); i++) {
                if (i > 0) {
                    statement.add();
                }
                RunRecord r = records.get(i);
                statement.bind(0, r.invocationId()).bind(1, run.id()).bind(2, r.record().recordId());
                bindNullable(statement, 3, r.record().jobId());
                bindNullable(statement, 4, r.record().candidateId());
                statement.bind(5, utc(run.createdAt()));
                bindNullable(statement, 6, r.sessionId());
                if (r.sessionExpiresAt() == null) {
                    statement.bindNull(7, OffsetDateTime.class);
                } else {
                    statement.bind(7, utc(r.sessionExpiresAt()));
                }
            }
            return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated);
        }).then();
        return runRow.then().then(recordRows);
    }

    Mono<Run> find(TenantId tenant, String id) {
        return db.sql("SELECT * FROM action_run WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id).bind("tenant", tenant.value())
                .map(this::run).one();
    }

    Mono<Totals> totals(String runId) {
        return db.sql("SELECT state, count(*) AS n, max(updated_at) AS last FROM action_run_record WHERE run_id = :run GROUP BY state")
                .bind("run", runId)
                .map(row -> new Object[] {RecordProgress.State.of(row.get("state", String.class)), row.get("n", Long.class),
                        row.get("last", OffsetDateTime.class)})
                .all().collectList()
                .map(rows -> {
                    Map<RecordProgress.State, Integer> counts = new EnumMap<>(RecordProgress.State.class);
                    Instant last = null;
                    for (Object[] r : rows) {
                        counts.put((RecordProgress.State) r[0], ((Long) r[1]).intValue());
                        Instant at = ((OffsetDateTime) r[2]).toInstant();
                        last = last == null || at.isAfter(last) ? at : last;
                    }
                    return new Totals(counts, last);
                });
    }

    /** Up to {@code limit + 1} records after the cursor (an invocation id), in invocation order; of one state if given. */
    Flux<RunRecord> page(String runId, RecordProgress.State state, String after, int limit) {
        var spec = db.sql("SELECT * FROM action_run_record WHERE run_id = :run AND invocation_id > :after "
                        + (state == null ? "" : "AND state = :state ") + "ORDER BY invocation_id LIMIT :limit")
                .bind("run", runId).bind("after", after == null ? "" : after).bind("limit", limit + 1);
        if (state != null) {
            spec = spec.bind("state", state.value());
        }
        return spec.map(this::record).all();
    }

    /** The record, locked until the transaction ends, if it belongs to that run of that tenant. */
    Mono<RunRecord> lock(String invocationId, String runId, String tenantId) {
        return db.sql("SELECT r.* FROM action_run_record r JOIN action_run a ON a.id = r.run_id "
                        + "WHERE r.invocation_id = :inv AND r.run_id = :run AND a.tenant_id = :tenant FOR UPDATE OF r")
                .bind("inv", invocationId).bind("run", runId).bind("tenant", tenantId)
                .map(this::record).one();
    }

    Mono<Void> update(String invocationId, RecordProgress p) {
        var spec = db.sql("UPDATE action_run_record SET state = :state, attempts = :attempts, last_status = :status, "
                        + "last_error = :error, reason = :reason, message_id = :message, updated_at = :at WHERE invocation_id = :inv")
                .bind("state", p.state().value()).bind("attempts", p.attempts()).bind("at", utc(p.updatedAt()))
                .bind("inv", invocationId);
        spec = orNull(spec, "status", p.lastStatus(), Integer.class);
        spec = orNull(spec, "error", p.lastError(), String.class);
        spec = orNull(spec, "reason", p.reason(), String.class);
        return orNull(spec, "message", p.messageId(), String.class).then();
    }

    private Run run(Readable row) {
        return new Run(row.get("id", String.class), new TenantId(row.get("tenant_id", String.class)),
                row.get("action_id", String.class), row.get("action_name", String.class), row.get("action_type", String.class),
                row.get("behaviour", String.class), row.get("area", String.class),
                new UserRef(row.get("user_id", String.class), row.get("user_name", String.class)),
                json.readValue(row.get("input", Json.class).asString(), new TypeReference<Map<String, Object>>() {
                }), row.get("records", Integer.class), row.get("created_at", OffsetDateTime.class).toInstant());
    }

    private RunRecord record(Readable row) {
        return new RunRecord(row.get("invocation_id", String.class), row.get("run_id", String.class),
                new RecordRef(row.get("record_id", String.class), row.get("job_id", String.class), row.get("candidate_id", String.class)),
                new RecordProgress(RecordProgress.State.of(row.get("state", String.class)), row.get("attempts", Integer.class),
                        row.get("last_status", Integer.class), row.get("last_error", String.class), row.get("reason", String.class),
                        row.get("message_id", String.class), row.get("updated_at", OffsetDateTime.class).toInstant()),
                row.get("session_id", String.class), instant(row.get("session_expires_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static DatabaseClient.GenericExecuteSpec orNull(DatabaseClient.GenericExecuteSpec spec, String name, Object value,
                                                            Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static void bindNullable(io.r2dbc.spi.Statement statement, int index, String value) {
        if (value == null) {
            statement.bindNull(index, String.class);
        } else {
            statement.bind(index, value);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
