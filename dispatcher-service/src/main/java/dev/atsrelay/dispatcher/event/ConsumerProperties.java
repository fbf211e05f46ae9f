package dev.atsrelay.dispatcher.event;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the dispatcher consumes domain events.
 *
 * @param groupId                 consumer group shared by every dispatcher instance (after the prefix)
 * @param instanceId              static group membership: a restarted instance with the same id gets its partitions
 *                                back at once instead of after a rebalance; empty = dynamic membership
 * @param consumers               consumer threads in this instance
 * @param maxInFlightPerPartition records of one partition being dispatched at once; beyond it the partition pauses
 * @param maxDeliveriesInFlight   first attempts of this instance in flight at once (a record fans out to one per
 *                                matching endpoint); beyond it every partition pauses, so a backlog waits in Kafka
 * @param sessionTimeout          how long the group waits for a silent instance before moving its partitions
 * @param commitInterval          how often the consumer commits the offsets its completed records allow (at most);
 *                                a handover and a stop always commit
 * @param shutdownGrace           how long a stopping instance waits for in-flight deliveries before it commits
 * @param leaveGroupOnShutdown    a gracefully stopping instance leaves the group, so its partitions move at once
 *                                (default); turn off for rolling restarts that come back within the session timeout
 */
@Validated
@ConfigurationProperties("atsrelay.dispatcher.consumer")
record ConsumerProperties(@NotBlank String groupId, @NotNull String instanceId, @Min(1) int consumers,
                          @Min(1) int maxInFlightPerPartition, @Min(1) int maxDeliveriesInFlight,
                          @NotNull Duration sessionTimeout, @NotNull Duration commitInterval,
                          @NotNull Duration shutdownGrace, boolean leaveGroupOnShutdown) {
}
