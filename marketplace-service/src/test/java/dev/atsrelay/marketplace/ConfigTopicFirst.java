package dev.atsrelay.marketplace;

import dev.atsrelay.testkit.ConfigTopicFixture;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Creates the configuration topic before the service starts, as config-service would in a deployment. */
public class ConfigTopicFirst implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        new ConfigTopicFixture(context.getEnvironment().getProperty("atsrelay.kafka.prefix", ""));
    }
}
