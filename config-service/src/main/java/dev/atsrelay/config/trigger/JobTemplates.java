package dev.atsrelay.config.trigger;

import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.api.Page;
import dev.atsrelay.config.api.Versions;
import dev.atsrelay.config.document.Document;
import dev.atsrelay.config.document.DocumentNotFound;
import dev.atsrelay.config.document.Documents;
import dev.atsrelay.config.id.Ids;
import dev.atsrelay.config.id.TenantId;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Settings → Templates → Job templates. At most one template is the tenant's default; making another the default
 * clears the flag of the previous one in the same transaction.
 */
@Component
class JobTemplates {

    static final String KIND = "job_template";

    private final Documents documents;
    private final TriggerRules rules;
    private final TransactionalOperator tx;
    private final Clock clock;

    JobTemplates(Documents documents, TriggerRules rules, TransactionalOperator tx, Clock clock) {
        this.documents = documents;
        this.rules = rules;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<Document<JobTemplate>> create(TenantId tenant, JobTemplate t) {
        checkName(t.name());
        String id = Ids.next("tpl");
        return rules.check(tenant, t.stages(), "/stages").then(tx.transactional(
                (t.isDefault() ? clearDefault(tenant) : Mono.<Void>empty()).then(documents.insert(KIND, tenant, id, t))));
    }

    Mono<Document<JobTemplate>> get(TenantId tenant, String id) {
        return documents.find(KIND, tenant, id, JobTemplate.class).switchIfEmpty(Mono.error(new DocumentNotFound("job template", id)));
    }

    Mono<Page<Document<JobTemplate>>> list(TenantId tenant, String cursor, int limit) {
        return documents.list(KIND, tenant, cursor, limit, JobTemplate.class).collectList().map(rows -> Page.of(rows, limit, Document::id));
    }

    Mono<Document<JobTemplate>> update(TenantId tenant, String id, String ifMatch, String name, java.util.List<StageTriggers> stages) {
        if (name != null) {
            checkName(name);
        }
        return (stages == null ? Mono.<Void>empty() : rules.check(tenant, stages, "/stages")).then(tx.transactional(
                get(tenant, id).flatMap(d -> {
                    Versions.checkIfMatch(ifMatch, d.version());
                    var next = new JobTemplate(name != null ? name : d.body().name(), d.body().isDefault(),
                            stages != null ? stages : d.body().stages());
                    return documents.update(d.with(next, clock.instant()));
                })));
    }

    Mono<Document<JobTemplate>> makeDefault(TenantId tenant, String id, String ifMatch) {
        return tx.transactional(get(tenant, id).flatMap(d -> {
            Versions.checkIfMatch(ifMatch, d.version());
            if (d.body().isDefault()) {
                return Mono.just(d);
            }
            return clearDefault(tenant).then(documents.update(d.with(new JobTemplate(d.body().name(), true, d.body().stages()),
                    clock.instant())));
        }));
    }

    Mono<Void> delete(TenantId tenant, String id, String ifMatch) {
        return tx.transactional(get(tenant, id).flatMap(d -> {
            Versions.checkIfMatch(ifMatch, d.version());
            return documents.delete(d);
        }));
    }

    private Mono<Void> clearDefault(TenantId tenant) {
        return Flux.from(documents.list(KIND, tenant, null, 10_000, JobTemplate.class))
                .filter(d -> d.body().isDefault())
                .concatMap(d -> documents.update(d.with(new JobTemplate(d.body().name(), false, d.body().stages()), clock.instant())))
                .then();
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidField("/name", "name must be 1 to 200 characters");
        }
    }
}
