package dev.atsrelay.marketplace.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.atsrelay.marketplace.Fixture;
import dev.atsrelay.marketplace.MarketplaceTest;
import dev.atsrelay.marketplace.TestClock;
import dev.atsrelay.testkit.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Vendor sessions over real HTTP against the running service, on the real broker and PostgreSQL: the internal open,
 * the vendor's callbacks, the tenant's view, and the 7-day lifetime with the clock moved by hand.
 */
@MarketplaceTest
@SuppressWarnings("unchecked")
class SessionIntegrationTests {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    SessionPurge purge;

    @Value("${atsrelay.kafka.prefix}")
    String prefix;

    private Fixture fixture() {
        return new Fixture(http, prefix);
    }

    @Test
    void opensASessionOnceForEachInvocation() {
        var f = fixture();
        var vendor = f.vendor();
        var tenant = f.tenant();
        var request = Fixture.openRequest(tenant, vendor, "inv_" + UUID.randomUUID());
        String first = http.post().uri("/internal/v1/sessions").header("Authorization", Fixture.INTERNAL).bodyValue(request)
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String again = http.post().uri("/internal/v1/sessions").header("Authorization", Fixture.INTERNAL).bodyValue(request)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode opened = Fixture.json(first);
        assertThat(Fixture.json(again)).isEqualTo(opened);
        assertThat(opened.get("sessionId").asString()).matches("vs_[a-z2-7]{32}");
        Instant created = Instant.parse(opened.get("createdAt").asString());
        assertThat(Instant.parse(opened.get("expiresAt").asString())).isEqualTo(created.plus(Duration.ofDays(7)).minusSeconds(15 * 60));

        var otherTenant = new java.util.HashMap<>(request);
        otherTenant.put("tenantId", f.tenant().id());
        http.post().uri("/internal/v1/sessions").header("Authorization", Fixture.INTERNAL).bodyValue(otherTenant)
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.code").isEqualTo("invocation_conflict");
    }

    @Test
    void theInternalApiNeedsItsTokenAndValidBodies() {
        var f = fixture();
        var vendor = f.vendor();
        var tenant = f.tenant();
        http.post().uri("/internal/v1/sessions").header("Authorization", "Bearer wrong")
                .bodyValue(Fixture.openRequest(tenant, vendor, "inv_x")).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
        http.post().uri("/internal/v1/sessions").header("Authorization", Fixture.INTERNAL)
                .bodyValue(Map.of("tenantId", "acme", "vendorId", "ven_unknown", "records", java.util.List.of())).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT).expectBody()
                .jsonPath("$.code").isEqualTo("invalid_field")
                .jsonPath("$.errors[*].pointer").value(p -> assertThat((java.util.List<Object>) p)
                        .contains("/tenantId", "/actionId", "/invocationId", "/records"));
        var unknownVendor = new java.util.HashMap<>(Fixture.openRequest(tenant, vendor, "inv_" + UUID.randomUUID()));
        unknownVendor.put("vendorId", "ven_nobody");
        http.post().uri("/internal/v1/sessions").header("Authorization", Fixture.INTERNAL).bodyValue(unknownVendor).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT).expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/vendorId");
        http.post().uri("/internal/v1/sessions").header("Authorization", Fixture.INTERNAL)
                .header("Content-Type", "application/json").bodyValue("{not json").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("malformed_request");
    }

    @Test
    void aSessionWorksAtSixDaysTwentyThreeHoursAndIsGoneAtSevenDays() {
        var f = fixture();
        var vendor = f.vendor();
        var tenant = f.tenant();
        JsonNode opened = f.open(tenant, vendor);
        String id = opened.get("sessionId").asString();
        Instant created = Instant.parse(opened.get("createdAt").asString());

        // results are taken while their Kafka record (kept up to retention.ms + segment.ms = 3 d 1 h) is gone before
        // the session expires
        Instant expiresAt = Instant.parse(opened.get("expiresAt").asString());
        Instant resultsUntil = expiresAt.minus(Duration.ofDays(3)).minus(Duration.ofHours(1));
        f.readAsVendor(vendor, id).expectStatus().isOk().expectBody().jsonPath("$.resultsUntil").isEqualTo(resultsUntil.toString());
        TestClock.CLOCK.set(resultsUntil.minusSeconds(1));
        f.postResult(vendor, id, Map.of("status", "completed", "result", Map.of("score", 87))).expectStatus().isAccepted();
        assertThat(rows("session_result", id)).isEqualTo(1);

        TestClock.CLOCK.set(created.plus(Duration.ofDays(6)).plus(Duration.ofHours(23)));
        purge.purgeExpired().block();
        f.readAsVendor(vendor, id).expectStatus().isOk().expectBody()
                .jsonPath("$.context.candidate.name").isEqualTo("Dana Whitfield")
                .jsonPath("$.records[0].recordId").isEqualTo("CAND-1")
                .jsonPath("$.results.length()").isEqualTo(1);
        f.postResult(vendor, id, Map.of("status", "completed")).expectStatus().isEqualTo(410)
                .expectBody().jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("result_window_closed"));
        assertThat(rows("session_result", id)).isEqualTo(1);

        TestClock.CLOCK.set(created.plus(Duration.ofDays(7)));
        purge.purgeExpired().block();
        assertThat(rows("vendor_session", id)).as("the session row").isZero();
        assertThat(rows("session_result", id)).as("its results").isZero();
        f.readAsVendor(vendor, id).expectStatus().isNotFound();
        f.postResult(vendor, id, Map.of("status", "completed")).expectStatus().isNotFound();
        http.get().uri("/v1/sessions/{id}", id).header("Authorization", tenant.bearer()).exchange().expectStatus().isNotFound();
    }

    @Test
    void anExpiredSessionIsRefusedEvenBeforeThePurgeRuns() {
        var f = fixture();
        var vendor = f.vendor();
        JsonNode opened = f.open(f.tenant(), vendor);
        TestClock.CLOCK.set(Instant.parse(opened.get("expiresAt").asString()));
        f.readAsVendor(vendor, opened.get("sessionId").asString()).expectStatus().isNotFound();
    }

    @Test
    void aPurgeAfterALongOutageRemovesEverythingOverdueAtOnce() {
        var f = fixture();
        var vendor = f.vendor();
        var tenant = f.tenant();
        for (int i = 0; i < 5; i++) {
            f.postResult(vendor, f.open(tenant, vendor).get("sessionId").asString(), Map.of("status", "in_progress"))
                    .expectStatus().isAccepted();
        }
        TestClock.CLOCK.advance(Duration.ofDays(30)); // the service was down for a month
        long purged = purge.purgeExpired().block();
        assertThat(purged).as("five sessions, in batches of two, in one run").isGreaterThanOrEqualTo(5);
        Instant now = TestClock.CLOCK.instant();
        assertThat(db.sql("SELECT count(*) AS n FROM vendor_session WHERE expires_at <= :now").bind("now", now.atOffset(java.time.ZoneOffset.UTC))
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
        assertThat(db.sql("SELECT count(*) AS n FROM session_result r JOIN vendor_session s ON s.id = r.session_id "
                + "WHERE s.tenant_id = :t").bind("t", tenant.id()).map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void onlyTheSessionsOwnVendorMayUseItAndAForgedIdRevealsNothing() {
        var f = fixture();
        var vendor = f.vendor();
        var other = f.vendor();
        String id = f.open(f.tenant(), vendor).get("sessionId").asString();
        String otherVendors = problem(f.readAsVendor(other, id));
        String random = problem(f.readAsVendor(vendor, SessionIds.next()));
        String forged = problem(f.readAsVendor(vendor, id.substring(0, id.length() - 1) + (id.endsWith("a") ? "b" : "a")));
        String malformed = problem(f.readAsVendor(vendor, "vs_1"));
        assertThat(otherVendors).isEqualTo(random).isEqualTo(forged).isEqualTo(malformed).doesNotContain(id);
        f.postResult(other, id, Map.of("status", "completed")).expectStatus().isNotFound();
        f.readAsVendor(vendor, id).expectStatus().isOk();
        http.get().uri("/v1/vendor/sessions/{id}", id).header("Authorization", "Bearer atsv_forged").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aTenantSeesOnlyItsOwnSessions() {
        var f = fixture();
        var vendor = f.vendor();
        var tenant = f.tenant();
        var other = f.tenant();
        String mine = f.open(tenant, vendor).get("sessionId").asString();
        String theirs = f.open(other, vendor).get("sessionId").asString();
        http.get().uri("/v1/sessions/{id}", theirs).header("Authorization", tenant.bearer()).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        http.get().uri("/v1/sessions/{id}", mine).header("Authorization", tenant.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.vendorId").isEqualTo(vendor.id());
        http.get().uri("/v1/sessions?limit=200").header("Authorization", tenant.bearer()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].sessionId").value(ids -> assertThat((java.util.List<Object>) ids).containsExactly(mine));
        http.get().uri("/v1/sessions?limit=0").header("Authorization", tenant.bearer()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.parameter").isEqualTo("limit");
    }

    @Test
    void aResultBecomesMarketplaceResultReceivedOnTheBrokerWithTheSessionsExpiry() throws Exception {
        var f = fixture();
        var vendor = f.vendor();
        var tenant = f.tenant();
        JsonNode opened = f.open(tenant, vendor);
        String id = opened.get("sessionId").asString();
        String eventId = Fixture.json(f.postResult(vendor, id, Map.of("status", "completed",
                        "record", Map.of("area", "candidate", "recordId", "CAND-1"), "result", Map.of("score", 87)))
                .expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody()).get("eventId").asString();
        f.postResult(vendor, id, Map.of("status", "completed", "record", Map.of("area", "candidate", "recordId", "CAND-9")))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT).expectBody().jsonPath("$.errors[0].pointer").isEqualTo("/record");
        f.postResult(vendor, id, Map.of("status", "done")).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);

        try (var reader = new TopicReader(prefix + "ats.platform.v1")) {
            var record = reader.readUntil(rs -> rs.stream().anyMatch(r -> eventId.equals(r.headers().get("ce_id"))), Duration.ofSeconds(30))
                    .stream().filter(r -> eventId.equals(r.headers().get("ce_id"))).findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo(tenant.id() + ":session/" + id);
            assertThat(record.headers()).containsEntry("ce_type", "marketplace.result_received")
                    .containsEntry("ce_tenantid", tenant.id())
                    .containsEntry("session-expires-at", opened.get("expiresAt").asString());
            JsonNode event = Fixture.json(record.value());
            assertThat(schema("envelope.schema.json").validate(event)).isEmpty();
            assertThat(schema("marketplace.result_received.v1.schema.json").validate(event.get("data"))).isEmpty();
            assertThat(event.get("data").get("result").get("score").asInt()).isEqualTo(87);
        }
        http.get().uri("/v1/sessions/{id}", id).header("Authorization", tenant.bearer()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.results.length()").isEqualTo(1).jsonPath("$.results[0].eventId").isEqualTo(eventId);
    }

    @Test
    void exposesSessionMetrics() {
        var f = fixture();
        var vendor = f.vendor();
        f.open(f.tenant(), vendor);
        f.readAsVendor(vendor, SessionIds.next()).expectStatus().isNotFound();
        purge.purgeExpired().block();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class).value(body -> assertThat(body)
                .contains("atsrelay_marketplace_sessions_opened_total", "atsrelay_marketplace_sessions_live",
                        "atsrelay_marketplace_sessions_purged_total", "atsrelay_marketplace_sessions_oldest_age_seconds",
                        "atsrelay_marketplace_callbacks_total{kind=\"context\",outcome=\"not_found\""));
    }

    private static String problem(WebTestClient.ResponseSpec spec) {
        JsonNode body = Fixture.json(spec.expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody());
        ((tools.jackson.databind.node.ObjectNode) body).remove("instance"); // the caller's own path
        return body.toString();
    }

    private long rows(String table, String sessionId) {
        String column = table.equals("vendor_session") ? "id" : "session_id";
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE " + column + " = :id").bind("id", sessionId)
                .map(r -> r.get("n", Long.class)).one().block();
    }

    private static Schema schema(String file) throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("../docs/events/" + file)));
    }
}
