package dev.atsrelay.dispatcher.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTests {

    @Test
    void commitsOnlyPastRecordsThatAreAllComplete() {
        var offsets = new PartitionOffsets();
        offsets.started(10);
        offsets.started(11);
        offsets.started(12);
        offsets.completed(12);
        offsets.completed(11);
        assertThat(offsets.advance()).isEqualTo(OptionalLong.of(10));
        offsets.completed(10);
        assertThat(offsets.advance()).isEqualTo(OptionalLong.of(13));
        assertThat(offsets.inFlight()).isZero();
    }

    @Test
    void advancesOnlyWhenTheCommitPointMoves() {
        var offsets = new PartitionOffsets();
        assertThat(offsets.advance()).isEmpty();
        offsets.started(0);
        assertThat(offsets.advance()).isEqualTo(OptionalLong.of(0));
        assertThat(offsets.advance()).isEmpty();
        offsets.completed(0);
        assertThat(offsets.advance()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void aSlowRecordHoldsTheCommitPointButNotTheOthers() {
        var offsets = new PartitionOffsets();
        for (long o = 100; o < 200; o++) {
            offsets.started(o);
        }
        for (long o = 101; o < 200; o++) {
            offsets.completed(o);
        }
        assertThat(offsets.inFlight()).isEqualTo(1);
        assertThat(offsets.uncommitted()).isEqualTo(100);
        assertThat(offsets.advance()).isEqualTo(OptionalLong.of(100));
        offsets.completed(100);
        assertThat(offsets.inFlight()).isZero();
        assertThat(offsets.uncommitted()).isZero();
        assertThat(offsets.advance()).isEqualTo(OptionalLong.of(200));
    }

    @Test
    void theLastCommitIsMarkedCleanOnlyWhenEveryRecordDispatchedIsDone() {
        var offsets = new PartitionOffsets();
        assertThat(offsets.lastCommit()).as("nothing dispatched").isEmpty();
        offsets.started(5);
        offsets.started(6);
        offsets.completed(6);
        assertThat(offsets.lastCommit()).as("5 in flight: the commit point, unmarked").contains(new OffsetAndMetadata(5));
        offsets.completed(5);
        assertThat(offsets.lastCommit()).contains(new OffsetAndMetadata(7, ReadAgainRanges.CLEAN_HANDOVER));
        assertThat(offsets.advance()).as("the last commit counts as committed").isEmpty();
    }
}
