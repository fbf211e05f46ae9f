package dev.atsrelay.config.trigger;

import dev.atsrelay.config.api.Page;
import dev.atsrelay.config.api.Versions;
import dev.atsrelay.config.credential.Caller;
import dev.atsrelay.config.credential.Scope;
import dev.atsrelay.config.document.Document;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Job templates and their stage triggers (partner article: "Edit default job template → Stages → Stage actions →
 * Triggers"). Needs an {@code admin} key. A template's triggers are copied to each job created from it at creation:
 * editing a template changes only jobs created afterwards.
 */
@RestController
@RequestMapping("/v1/job-templates")
class JobTemplateController {

    private final JobTemplates templates;

    JobTemplateController(JobTemplates templates) {
        this.templates = templates;
    }

    record CreateTemplate(String name, Boolean isDefault, List<StageTriggers> stages) {
    }

    record UpdateTemplate(String name, List<StageTriggers> stages) {
    }

    record TemplateView(String id, String name, boolean isDefault, List<StageTriggers> stages, long version,
                        Instant createdAt, Instant updatedAt) {
        static TemplateView of(Document<JobTemplate> d) {
            return new TemplateView(d.id(), d.body().name(), d.body().isDefault(), d.body().stages(), d.version(),
                    d.createdAt(), d.updatedAt());
        }
    }

    @PostMapping
    @Operation(description = "Creates a job template. Jobs created from it afterwards start with its stage triggers.")
    Mono<ResponseEntity<TemplateView>> create(Caller caller, @RequestBody CreateTemplate r) {
        return templates.create(caller.tenantWith(Scope.ADMIN), new JobTemplate(r.name(), Boolean.TRUE.equals(r.isDefault()),
                r.stages() == null ? List.of() : r.stages())).map(d -> view(HttpStatus.CREATED, d));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<TemplateView>> get(Caller caller, @PathVariable String id) {
        return templates.get(caller.tenantWith(Scope.ADMIN), id).map(d -> view(HttpStatus.OK, d));
    }

    @GetMapping
    Mono<Page<TemplateView>> list(Caller caller, @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) Integer limit) {
        return templates.list(caller.tenantWith(Scope.ADMIN), cursor, Page.limit(limit)).map(p -> p.map(TemplateView::of));
    }

    @PatchMapping("/{id}")
    @Operation(description = "Changes a template. Only jobs created afterwards inherit the change; existing jobs keep "
            + "the triggers they were created with.")
    Mono<ResponseEntity<TemplateView>> update(Caller caller, @PathVariable String id,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody UpdateTemplate r) {
        return templates.update(caller.tenantWith(Scope.ADMIN), id, ifMatch, r.name(), r.stages()).map(d -> view(HttpStatus.OK, d));
    }

    @PostMapping("/{id}/make-default")
    @Operation(description = "Makes this the default template: jobs created without a template inherit its triggers.")
    Mono<ResponseEntity<TemplateView>> makeDefault(Caller caller, @PathVariable String id,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return templates.makeDefault(caller.tenantWith(Scope.ADMIN), id, ifMatch).map(d -> view(HttpStatus.OK, d));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(Caller caller, @PathVariable String id,
                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return templates.delete(caller.tenantWith(Scope.ADMIN), id, ifMatch);
    }

    private static ResponseEntity<TemplateView> view(HttpStatus status, Document<JobTemplate> d) {
        return ResponseEntity.status(status).eTag(Versions.etag(d.version())).body(TemplateView.of(d));
    }
}
