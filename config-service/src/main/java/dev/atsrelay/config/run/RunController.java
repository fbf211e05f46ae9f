package dev.atsrelay.config.run;

import dev.atsrelay.config.action.CustomAction;
import dev.atsrelay.config.api.Page;
import dev.atsrelay.config.credential.Caller;
import dev.atsrelay.config.credential.Scope;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The ATS screen's API (an {@code actions:run} key, the only scope that may state a user's permissions): which
 * buttons to show a user on a display area, and running one on records. A run is read back with {@code actions:run}
 * or {@code admin}. The user's permissions travel in the body, not the URL: a user may hold many, and they stay out
 * of access logs and caches.
 */
@RestController
class RunController {

    private final Runs runs;

    RunController(Runs runs) {
        this.runs = runs;
    }

    record ButtonsRequest(UserRef user, List<String> permissions) {
    }

    record ButtonsView(String area, List<Button> buttons) {
    }

    /** A button: what the user sees, and what pressing it does ({@code popup}, {@code redirect}, {@code background}). */
    record Button(String actionId, String type, String name, String description, String behaviour) {
    }

    /**
     * What a run call answers, by {@code kind}: {@code form} (a pop-up's form, nothing run yet), {@code redirect}
     * (the URL to open; the invocation is recorded as a run) or {@code accepted} (a run; read it at Location).
     */
    record RunAnswer(String kind, String actionId, String name, String description, CustomAction.Form form, String url,
                     String runId, String invocationId, Integer records, String status) {
    }

    @PostMapping("/v1/display-areas/{area}/buttons")
    Mono<ButtonsView> buttons(Caller caller, @PathVariable String area, @RequestBody ButtonsRequest r) {
        return runs.buttons(caller.tenantWith(Scope.ACTIONS_RUN), area, r.user(), r.permissions())
                .map(list -> new ButtonsView(area, list.stream().map(d -> new Button(d.id(), d.body().actionType(),
                        d.body().name(), d.body().description(), d.body().manual().behaviour())).toList()));
    }

    @PostMapping("/v1/display-areas/{area}/buttons/{actionId}/runs")
    Mono<ResponseEntity<RunAnswer>> run(Caller caller, @PathVariable String area, @PathVariable String actionId,
                                        @RequestBody RunRequest r) {
        return runs.run(caller.tenantWith(Scope.ACTIONS_RUN), area, actionId, r).map(RunController::answer);
    }

    private static ResponseEntity<RunAnswer> answer(Runs.Answer answer) {
        if (answer instanceof Runs.FormToShow f) {
            CustomAction a = f.action().body();
            return ResponseEntity.ok(new RunAnswer("form", f.action().id(), a.name(), a.description(), a.manual().form(),
                    null, null, null, null, null));
        }
        if (answer instanceof Runs.Redirect x) {
            return ResponseEntity.ok(new RunAnswer("redirect", x.run().actionId(), null, null, null, x.url(), x.run().id(),
                    x.invocationId(), 1, "running"));
        }
        Run run = ((Runs.Accepted) answer).run();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/v1/runs/" + run.id()))
                .body(new RunAnswer("accepted", run.actionId(), null, null, null, null, run.id(), null, run.records(), "running"));
    }

    @GetMapping("/v1/runs/{id}")
    Mono<RunView> get(Caller caller, @PathVariable String id, @RequestParam(required = false) String state,
                      @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return runs.view(caller.tenantWithAny(Scope.ACTIONS_RUN, Scope.ADMIN), id, state, cursor, Page.limit(limit));
    }
}
