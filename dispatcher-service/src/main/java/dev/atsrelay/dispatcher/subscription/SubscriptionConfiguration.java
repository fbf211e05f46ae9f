package dev.atsrelay.dispatcher.subscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

    @Bean
    SubscriptionIndex subscriptionIndex() {
        return new SubscriptionIndex();
    }

    @Bean
    ConfigChanges configChanges(SubscriptionIndex index, SecretProperties secrets) {
        return new ConfigChanges(index, new SecretCipher(secrets.keys()));
    }
}
