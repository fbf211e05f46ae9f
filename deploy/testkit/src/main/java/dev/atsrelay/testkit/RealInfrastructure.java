package dev.atsrelay.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the real broker and a fresh PostgreSQL database of its own, and gives it a topic
 * and consumer-group prefix of its own so that contexts sharing the JVM's broker never see each other's records.
 * Use with {@code @ContextConfiguration(initializers = RealInfrastructure.class)}.
 */
public final class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("testkit-real-infrastructure", properties(uniquePrefix())));
    }

    public static String uniquePrefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    /** The properties that connect a service to the shared broker and to a database of its own. */
    public static Map<String, Object> properties(String kafkaPrefix) {
        Postgres.Database db = Postgres.newDatabase("test");
        Map<String, Object> p = new HashMap<>();
        p.put("spring.kafka.bootstrap-servers", KafkaBroker.bootstrapServers());
        p.put("atsrelay.kafka.prefix", kafkaPrefix);
        p.put("spring.r2dbc.url", db.r2dbcUrl());
        p.put("spring.r2dbc.username", db.username());
        p.put("spring.r2dbc.password", db.password());
        p.put("spring.flyway.url", db.jdbcUrl());
        p.put("spring.flyway.user", db.username());
        p.put("spring.flyway.password", db.password());
        return p;
    }
}
