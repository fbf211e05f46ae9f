package dev.atsrelay.config.trigger;

import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.api.Versions;
import dev.atsrelay.config.credential.Caller;
import dev.atsrelay.config.credential.Scope;
import dev.atsrelay.config.document.Document;
import dev.atsrelay.config.document.DocumentNotFound;
import dev.atsrelay.config.document.Documents;
import dev.atsrelay.config.id.TenantId;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The stage triggers of one job (partner article: the Trigger wand on a job's stage → "+ Add trigger"), beside
 * those it inherited from its template. Needs an {@code admin} key. Replaced as a whole.
 */
@RestController
@RequestMapping("/v1/jobs/{jobId}/stage-triggers")
class JobStageTriggerController {

    static final String KIND = "job_triggers";

    private final Documents documents;
    private final TriggerRules rules;
    private final TransactionalOperator tx;
    private final Clock clock;

    JobStageTriggerController(Documents documents, TriggerRules rules, TransactionalOperator tx, Clock clock) {
        this.documents = documents;
        this.rules = rules;
        this.tx = tx;
        this.clock = clock;
    }

    record Triggers(List<StageTriggers> stages) {
    }

    record TriggersView(String jobId, List<StageTriggers> stages, long version) {
    }

    @GetMapping
    Mono<ResponseEntity<TriggersView>> get(Caller caller, @PathVariable String jobId) {
        return find(caller.tenantWith(Scope.ADMIN), jobId).map(JobStageTriggerController::view);
    }

    @PutMapping
    Mono<ResponseEntity<TriggersView>> replace(Caller caller, @PathVariable String jobId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @RequestBody Triggers r) {
        TenantId tenant = caller.tenantWith(Scope.ADMIN);
        if (jobId.length() > 100) {
            throw new InvalidField("/jobId", "a job id has at most 100 characters");
        }
        var next = new JobStageTriggers(jobId, r.stages() == null ? List.of() : r.stages());
        return rules.check(tenant, next.stages(), "/stages").then(tx.transactional(
                documents.find(KIND, tenant, jobId, JobStageTriggers.class)
                        .flatMap(d -> {
                            Versions.checkIfMatch(ifMatch, d.version());
                            return documents.update(d.with(next, clock.instant()));
                        })
                        .switchIfEmpty(Mono.defer(() -> {
                            Versions.checkIfMatch(ifMatch, 0);
                            return documents.insert(KIND, tenant, jobId, next);
                        }))))
                .map(JobStageTriggerController::view);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(Caller caller, @PathVariable String jobId,
                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tx.transactional(find(caller.tenantWith(Scope.ADMIN), jobId).flatMap(d -> {
            Versions.checkIfMatch(ifMatch, d.version());
            return documents.delete(d);
        }));
    }

    private Mono<Document<JobStageTriggers>> find(TenantId tenant, String jobId) {
        return documents.find(KIND, tenant, jobId, JobStageTriggers.class)
                .switchIfEmpty(Mono.error(new DocumentNotFound("stage triggers for job", jobId)));
    }

    private static ResponseEntity<TriggersView> view(Document<JobStageTriggers> d) {
        return ResponseEntity.ok().eTag(Versions.etag(d.version())).body(new TriggersView(d.id(), d.body().stages(), d.version()));
    }
}
