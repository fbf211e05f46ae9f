package dev.atsrelay.ingest.credential;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CredentialConfiguration {

    @Bean
    KeyIndex keyIndex() {
        return new KeyIndex();
    }
}
