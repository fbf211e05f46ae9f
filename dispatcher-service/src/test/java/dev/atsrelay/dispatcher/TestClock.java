package dev.atsrelay.dispatcher;

import dev.atsrelay.testkit.MutableClock;
import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock the retry tests move by hand: schedules are tested without sleeping for minutes or hours. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    public static final MutableClock CLOCK = MutableClock.startingNow();

    @Bean
    @Primary
    Clock mutableClock() {
        return CLOCK;
    }
}
