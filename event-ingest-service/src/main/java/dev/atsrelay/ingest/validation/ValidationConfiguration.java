package dev.atsrelay.ingest.validation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

    @Bean
    SchemaCatalogue schemaCatalogue(JsonMapper json) {
        return new SchemaCatalogue(json);
    }

    @Bean
    EventValidator eventValidator(SchemaCatalogue catalogue, IngestProperties properties) {
        return new EventValidator(catalogue, (int) properties.maxEventSize().toBytes());
    }
}
