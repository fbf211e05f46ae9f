package dev.atsrelay.marketplace.credential;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CredentialConfiguration {

    @Bean
    TenantKeys tenantKeys() {
        return new TenantKeys();
    }
}
