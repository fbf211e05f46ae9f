package dev.atsrelay.marketplace.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /** Fails the start if the margin does not cover the purge interval (SessionLifetime says why). */
    @Bean
    SessionLifetime sessionLifetime(SessionProperties properties) {
        return properties.lifetime();
    }
}
