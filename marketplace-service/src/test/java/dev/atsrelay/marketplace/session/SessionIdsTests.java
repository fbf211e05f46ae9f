package dev.atsrelay.marketplace.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionIdsTests {

    @Test
    void idsCarryAtLeast128RandomBitsInBase32() {
        assertThat(SessionIds.RANDOM_BITS).isGreaterThanOrEqualTo(128);
        String id = SessionIds.next();
        assertThat(id).matches("vs_[a-z2-7]{32}");
        assertThat(SessionIds.wellFormed(id)).isTrue();
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(SessionIds.next())).isTrue();
        }
    }

    @Test
    void base32FollowsRfc4648() {
        // RFC 4648 section 10 test vectors, lower case and without padding
        assertThat(SessionIds.base32("f".getBytes())).isEqualTo("my");
        assertThat(SessionIds.base32("foob".getBytes())).isEqualTo("mzxw6yq");
        assertThat(SessionIds.base32("foobar".getBytes())).isEqualTo("mzxw6ytboi");
    }

    @Test
    void refusesWhatCannotBeASessionId() {
        assertThat(SessionIds.wellFormed(null)).isFalse();
        assertThat(SessionIds.wellFormed("vs_1")).isFalse();
        assertThat(SessionIds.wellFormed("vs_" + "A".repeat(32))).isFalse();
        assertThat(SessionIds.wellFormed("xx_" + "a".repeat(32))).isFalse();
        assertThat(SessionIds.wellFormed("vs_" + "a".repeat(31) + "1")).isFalse();
    }
}
