package dev.atsrelay.config.stage;

import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.api.Versions;
import dev.atsrelay.config.document.Document;
import dev.atsrelay.config.document.Documents;
import dev.atsrelay.config.id.TenantId;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The tenant's workflow stages: read by the custom-action and template rules, replaced as a whole. */
@Component
public class WorkflowStages {

    static final String KIND = "workflow";
    private static final String ID = "stages";

    private final Documents documents;
    private final TransactionalOperator tx;
    private final Clock clock;

    WorkflowStages(Documents documents, TransactionalOperator tx, Clock clock) {
        this.documents = documents;
        this.tx = tx;
        this.clock = clock;
    }

    /** The tenant's workflow, or an empty one (version 0) if none was set. */
    public Mono<Document<Workflow>> current(TenantId tenant) {
        return documents.find(KIND, tenant, ID, Workflow.class)
                .defaultIfEmpty(new Document<>(KIND, tenant, ID, Workflow.EMPTY, 0, null, null));
    }

    Mono<Document<Workflow>> replace(TenantId tenant, String ifMatch, Workflow next) {
        InvalidField.check(next.problems());
        return tx.transactional(current(tenant).flatMap(doc -> {
            Versions.checkIfMatch(ifMatch, doc.version());
            return doc.version() == 0 ? documents.insert(KIND, tenant, ID, next) : documents.update(doc.with(next, clock.instant()));
        }));
    }
}
