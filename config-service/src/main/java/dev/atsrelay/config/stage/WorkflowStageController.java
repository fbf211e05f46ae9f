package dev.atsrelay.config.stage;

import dev.atsrelay.config.api.Versions;
import dev.atsrelay.config.credential.Caller;
import dev.atsrelay.config.credential.Scope;
import dev.atsrelay.config.document.Document;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The tenant's referral-workflow stages, which Event actions (Referral Workflow Stage), job templates and job stage
 * triggers refer to by {@code stageId}. Needs an {@code admin} key. The list is replaced as a whole.
 */
@RestController
@RequestMapping("/v1/workflow-stages")
class WorkflowStageController {

    private final WorkflowStages stages;

    WorkflowStageController(WorkflowStages stages) {
        this.stages = stages;
    }

    record StagesView(List<WorkflowStage> stages, long version) {
    }

    @GetMapping
    Mono<ResponseEntity<StagesView>> get(Caller caller) {
        return stages.current(caller.tenantWith(Scope.ADMIN)).map(WorkflowStageController::view);
    }

    @PutMapping
    Mono<ResponseEntity<StagesView>> replace(Caller caller, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @RequestBody Workflow workflow) {
        return stages.replace(caller.tenantWith(Scope.ADMIN), ifMatch, workflow).map(WorkflowStageController::view);
    }

    private static ResponseEntity<StagesView> view(Document<Workflow> d) {
        return ResponseEntity.ok().eTag(Versions.etag(d.version())).body(new StagesView(d.body().stages(), d.version()));
    }
}
