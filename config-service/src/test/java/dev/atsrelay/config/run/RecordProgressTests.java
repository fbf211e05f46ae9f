package dev.atsrelay.config.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.run.DeliveryOutcome.Kind;
import dev.atsrelay.config.run.RecordProgress.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordProgressTests {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static DeliveryOutcome outcome(Kind kind, int attempt, Integer status, String reason) {
        return new DeliveryOutcome("inv_1", "run_1", "tn_1", "act_1", "evt_inv_1", "msg_1", kind, attempt, status,
                status == null || status < 300 ? null : "HTTP " + status, reason, T0.plusSeconds(attempt));
    }

    private static RecordProgress apply(RecordProgress p, DeliveryOutcome... outcomes) {
        for (DeliveryOutcome o : outcomes) {
            p = p.after(o).orElse(p);
        }
        return p;
    }

    @Test
    void deliveredMakesAPendingRecordDone() {
        RecordProgress p = apply(RecordProgress.pending(T0), outcome(Kind.DELIVERED, 1, 204, null));
        assertThat(p.state()).isEqualTo(State.DONE);
        assertThat(p.attempts()).isEqualTo(1);
        assertThat(p.lastStatus()).isEqualTo(204);
        assertThat(p.messageId()).isEqualTo("msg_1");
        assertThat(p.terminal()).isTrue();
    }

    @Test
    void retryingOnlyCountsAttemptsOfAPendingRecord() {
        RecordProgress p = apply(RecordProgress.pending(T0), outcome(Kind.RETRYING, 2, 503, null));
        assertThat(p.state()).isEqualTo(State.PENDING);
        assertThat(p.attempts()).isEqualTo(2);
        assertThat(p.lastError()).isEqualTo("HTTP 503");
    }

    @Test
    void anOlderRetryingArrivingLateChangesNothing() {
        RecordProgress p = apply(RecordProgress.pending(T0), outcome(Kind.RETRYING, 3, 503, null));
        assertThat(p.after(outcome(Kind.RETRYING, 2, 500, null))).isEmpty();
        assertThat(p.after(outcome(Kind.RETRYING, 3, 503, null))).as("a duplicate").isEmpty();
    }

    @Test
    void failedWinsOverPendingEvenWhenItsAttemptIsOlder() {
        RecordProgress p = apply(RecordProgress.pending(T0), outcome(Kind.RETRYING, 4, 503, null),
                outcome(Kind.FAILED, 3, 410, "gone"));
        assertThat(p.state()).isEqualTo(State.FAILED);
        assertThat(p.attempts()).isEqualTo(4);
        assertThat(p.reason()).isEqualTo("gone");
        assertThat(p.lastStatus()).isEqualTo(410);
    }

    @Test
    void retryingAfterFailedChangesNothing() {
        RecordProgress failed = apply(RecordProgress.pending(T0), outcome(Kind.FAILED, 8, 503, "exhausted"));
        assertThat(failed.after(outcome(Kind.RETRYING, 7, 503, null))).isEmpty();
        assertThat(failed.after(outcome(Kind.RETRYING, 9, 503, null))).isEmpty();
        assertThat(failed.after(outcome(Kind.FAILED, 8, 503, "exhausted"))).as("a duplicate").isEmpty();
    }

    @Test
    void deliveredAlwaysWinsEvenAfterFailed() {
        RecordProgress replayed = apply(RecordProgress.pending(T0), outcome(Kind.FAILED, 8, 503, "exhausted"),
                outcome(Kind.DELIVERED, 9, 200, null));
        assertThat(replayed.state()).isEqualTo(State.DONE);
        assertThat(replayed.reason()).isNull();
        assertThat(replayed.lastError()).isNull();
        assertThat(replayed.attempts()).isEqualTo(9);
    }

    @Test
    void nothingUndoesDone() {
        RecordProgress done = apply(RecordProgress.pending(T0), outcome(Kind.DELIVERED, 2, 200, null));
        assertThat(done.after(outcome(Kind.FAILED, 3, 503, "exhausted"))).isEmpty();
        assertThat(done.after(outcome(Kind.RETRYING, 3, 503, null))).isEmpty();
        assertThat(done.after(outcome(Kind.DELIVERED, 2, 200, null))).as("a duplicate").isEmpty();
        assertThat(done.after(outcome(Kind.DELIVERED, 1, 200, null))).as("an older delivery").isEmpty();
    }
}
