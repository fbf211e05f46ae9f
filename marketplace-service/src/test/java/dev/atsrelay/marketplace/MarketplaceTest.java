package dev.atsrelay.marketplace;

import dev.atsrelay.testkit.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Boots the whole service on a random port (real HTTP on 127.0.0.1) against the real broker and a database of its
 * own, with a clock the tests move by hand.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s") // the default 5 s is too short for a first request on a busy 2-core machine
@ContextConfiguration(initializers = {RealInfrastructure.class, ConfigTopicFirst.class})
@ActiveProfiles("test")
@Import(TestClock.class)
public @interface MarketplaceTest {
}
