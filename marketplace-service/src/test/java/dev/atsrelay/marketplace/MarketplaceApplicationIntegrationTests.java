package dev.atsrelay.marketplace;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@MarketplaceTest
class MarketplaceApplicationIntegrationTests {

    @Autowired
    WebTestClient http;

    @Test
    void startsOnItsOwnDatabaseAndExposesHealthAndMetrics() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("jvm_memory_used_bytes", "service=\"marketplace-service\""));
    }

    @Test
    void answersAnUnknownRouteWithAProblem() {
        http.get().uri("/v1/nothing-here").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }
}
