package dev.atsrelay.marketplace;

import dev.atsrelay.testkit.MutableClock;
import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock the tests move by hand: seven days pass without sleeping. Tests only ever move it forward. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    public static final MutableClock CLOCK = MutableClock.startingNow();

    @Bean
    @Primary
    Clock mutableClock() {
        return CLOCK;
    }
}
