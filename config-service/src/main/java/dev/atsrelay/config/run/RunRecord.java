package dev.atsrelay.config.run;

import java.time.Instant;

/**
 * One record of a run: its invocation (one {@code action.invoked}), its delivery progress and, for a marketplace
 * action, its vendor session: the id until the session expires ({@code sessionExpiresAt}), when it is redacted.
 */
record RunRecord(String invocationId, String runId, RecordRef record, RecordProgress progress, String sessionId,
                 Instant sessionExpiresAt) {

    RunRecord(String invocationId, String runId, RecordRef record, RecordProgress progress) {
        this(invocationId, runId, record, progress, null, null);
    }

    RunRecord withSession(String id, Instant expiresAt) {
        return new RunRecord(invocationId, runId, record, progress, id, expiresAt);
    }
}
