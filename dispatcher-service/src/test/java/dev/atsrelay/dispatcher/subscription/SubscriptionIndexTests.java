package dev.atsrelay.dispatcher.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionIndexTests {

    private static Subscription subscription(String id, String tenant, long version, boolean enabled, String... types) {
        return new Subscription(id, tenant, version, "https://example.com/" + id, Set.of(types), enabled, List.of());
    }

    @Test
    void matchesByTenantAndTypeOnly() {
        var index = new SubscriptionIndex();
        index.put(subscription("wh_1", "tn_a", 1, true, "job.opened", "job.closed"));
        index.put(subscription("wh_2", "tn_a", 1, true, "job.filled"));
        index.put(subscription("wh_3", "tn_b", 1, true, "job.opened"));
        assertThat(index.matching("tn_a", "job.opened")).extracting(Subscription::id).containsExactly("wh_1");
        assertThat(index.matching("tn_b", "job.opened")).extracting(Subscription::id).containsExactly("wh_3");
        assertThat(index.matching("tn_c", "job.opened")).isEmpty();
    }

    @Test
    void ignoresOlderVersionsAndDisabledSubscriptions() {
        var index = new SubscriptionIndex();
        index.put(subscription("wh_1", "tn_a", 2, true, "job.opened"));
        index.put(subscription("wh_1", "tn_a", 1, true, "job.closed"));
        assertThat(index.matching("tn_a", "job.opened")).hasSize(1);
        index.put(subscription("wh_1", "tn_a", 3, false, "job.opened"));
        assertThat(index.matching("tn_a", "job.opened")).isEmpty();
        assertThat(index.find("wh_1")).isNotNull();
    }

    @Test
    void removesOnTombstone() {
        var index = new SubscriptionIndex();
        index.put(subscription("wh_1", "tn_a", 1, true, "job.opened"));
        index.remove("wh_1");
        assertThat(index.matching("tn_a", "job.opened")).isEmpty();
        assertThat(index.find("wh_1")).isNull();
        assertThat(index.size()).isZero();
    }
}
