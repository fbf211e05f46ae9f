package dev.atsrelay.config.run;

import dev.atsrelay.config.api.Page;
import java.time.Instant;
import java.util.Map;

/**
 * A run as {@code GET /v1/runs/{id}} shows it: the action, who ran it where and when, its status ({@code running}
 * until no record is pending, then {@code done}), the totals per state and one page of its records.
 */
record RunView(String id, ActionRef action, String behaviour, String area, UserRef user, Map<String, Object> input,
               Instant createdAt, String status, Instant finishedAt, Totals totals, Page<RecordView> records) {

    record ActionRef(String actionId, String name, String type) {
    }

    record Totals(int records, int pending, int done, int failed) {
    }

    /**
     * One record: its invocation, its state, what the last reported attempt said and, for a marketplace action, its
     * vendor session (the id only until the session expires; its expiry stays, to tell why the id is gone).
     */
    record RecordView(String invocationId, String recordId, String jobId, String candidateId, String state, int attempts,
                      Integer lastStatus, String lastError, String reason, String messageId, Instant updatedAt,
                      String sessionId, Instant sessionExpiresAt) {

        static RecordView of(RunRecord r) {
            RecordProgress p = r.progress();
            return new RecordView(r.invocationId(), r.record().recordId(), r.record().jobId(), r.record().candidateId(),
                    p.state().value(), p.attempts(), p.lastStatus(), p.lastError(), p.reason(), p.messageId(), p.updatedAt(),
                    r.sessionId(), r.sessionExpiresAt());
        }
    }

    static RunView of(Run run, RunStore.Totals totals, Page<RunRecord> page) {
        int pending = totals.of(RecordProgress.State.PENDING);
        boolean done = pending == 0;
        return new RunView(run.id(), new ActionRef(run.actionId(), run.actionName(), run.actionType()), run.behaviour(),
                run.area(), run.user(), run.input(), run.createdAt(), done ? "done" : "running",
                done ? totals.lastUpdate() : null,
                new Totals(run.records(), pending, totals.of(RecordProgress.State.DONE), totals.of(RecordProgress.State.FAILED)),
                page.map(RecordView::of));
    }
}
