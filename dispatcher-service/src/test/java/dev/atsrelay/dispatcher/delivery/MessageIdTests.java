package dev.atsrelay.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdTests {

    @Test
    void isStableForTheSameEventAndEndpointAndDiffersOtherwise() {
        String id = MessageId.of("tn_a", "evt_1", "wh_1");
        assertThat(id).startsWith("msg_").hasSize(4 + 32).isEqualTo(MessageId.of("tn_a", "evt_1", "wh_1"));
        assertThat(MessageId.of("tn_a", "evt_1", "wh_2")).isNotEqualTo(id);
        assertThat(MessageId.of("tn_b", "evt_1", "wh_1")).isNotEqualTo(id);
        assertThat(MessageId.of("tn_a", "evt_2", "wh_1")).isNotEqualTo(id);
    }
}
