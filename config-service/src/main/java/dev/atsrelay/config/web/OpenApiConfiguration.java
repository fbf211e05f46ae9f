package dev.atsrelay.config.web;

import dev.atsrelay.config.credential.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of the public API (/v3/api-docs) and its browsable UI (/swagger-ui.html). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the caller comes from the Authorization header, not from a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI openApi() {
        return new OpenAPI()
                .info(new Info().title("ATS Relay — configuration API").version("v1")
                        .description("Tenants, API keys, webhooks (Test before Save), custom actions, workflow stages, "
                                + "job templates and stage triggers; the buttons and runs of manual custom actions. Errors are RFC 9457 problem details with a stable "
                                + "code (docs/problems.md). Changes answer an ETag; send it back in If-Match."))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key (atsr_…): the admin scope for configuration, the actions:run scope for "
                                + "/v1/display-areas (the ATS screen), or the operator token for /v1/tenants")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
