package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Settings → Marketplace in headless Chromium, against the running services: an agency sees a registered vendor,
 * connects to it from the page (the action and its secret are shown once), and after a recruiter runs the action sees
 * the vendor session among its live sessions, with its expiry.
 */
class ConsoleMarketplaceBrowserTests {

    private final Platform platform = Platform.shared();

    @Test
    void anAgencyConnectsToAVendorAndSeesTheSessionOfARun() throws Exception {
        try (var vendorEndpoint = new WebhookReceiver();
             var console = new Console(platform)) {
            String vendorName = "Assessly";
            var vendor = Http.post(platform.marketplace.url("/v1/vendors"), Platform.OPERATOR_TOKEN, Map.of(
                    "name", vendorName, "description", "Skills assessments, scored within a day.",
                    "capabilities", List.of("assessment", "reference_check"),
                    "configuration", Map.of("name", "Send assessment",
                            "description", "Invites the candidate to a skills assessment.",
                            "endpointUrl", vendorEndpoint.url("/assessments"),
                            "manual", Map.of("displayAreas", List.of("candidate", "candidate_search"),
                                    "permissions", List.of("assessments.send"), "behaviour", "background"))));
            assertThat(vendor.status()).isEqualTo(201);
            String vendorId = vendor.body().get("id").asString();
            String vendorKey = vendor.body().get("apiKey").get("key").asString();

            var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Marketplace console agency"));
            String admin = tenant.body().get("adminKey").get("key").asString();
            String runKey = Http.post(platform.config.url("/v1/api-keys"), admin,
                    Map.of("name", "ATS screen", "scopes", List.of("actions:run"))).body().get("key").asString();
            // marketplace-service and the dispatcher know the key once they have read it from the configuration topic
            WalkingSkeletonE2ETests.awaitStatus(() -> Http.get(platform.marketplace.url("/v1/accounts"), admin), 200);

            console.signIn("marketplace", admin);
            console.textIn(By.id("vendors"), vendorName);
            WebElement vendorRow = console.driver().findElement(By.cssSelector("#vendors tr[data-id='" + vendorId + "']"));
            assertThat(vendorRow.getText()).contains("Assessment, Reference check").contains("Skills assessments, scored within a day.");
            console.textIn(By.id("accounts"), "No accounts yet");
            console.assertAccessible();

            // connecting without a vendor is refused next to the field
            console.click(By.id("mk-connect"));
            console.until("the vendor error", d -> !d.findElement(By.id("mk-vendor-error")).getText().isBlank());
            assertThat(console.driver().findElement(By.id("mk-vendor")).getDomAttribute("aria-invalid")).isEqualTo("true");

            // an area the vendor does not allow cannot be chosen; one it allows, with the agency's own permission
            console.click(By.cssSelector("#vendors button[aria-label='Connect to " + vendorName + "']"));
            assertThat(new Select(console.driver().findElement(By.id("mk-vendor"))).getFirstSelectedOption().getText()).isEqualTo(vendorName);
            console.textIn(By.id("mk-vendor-info"), "Send assessment");
            assertThat(console.driver().findElements(By.cssSelector("#mk-areas input[name=displayAreas]"))).hasSize(2);
            console.click(By.cssSelector("#mk-areas input[value=candidate]"));
            console.driver().findElement(By.id("mk-name")).sendKeys("Assess skills");
            console.driver().findElement(By.id("mk-permissions")).sendKeys("assess.run");
            console.assertAccessible();
            console.click(By.id("mk-connect"));
            console.textIn(By.id("mk-result"), "Connected to " + vendorName);
            String secret = console.driver().findElement(By.cssSelector("#mk-secret code")).getText();
            assertThat(secret).startsWith("whsec_");
            console.textIn(By.id("accounts"), "Up to date (version 1)");
            WebElement accountRow = console.visible(By.cssSelector("#accounts tbody tr[data-id]"));
            String actionId = accountRow.findElement(By.tagName("code")).getText();
            assertThat(actionId).startsWith("act_");
            assertThat(accountRow.getText()).contains("Assess skills").contains("candidate").contains("assess.run");
            console.textIn(By.cssSelector("#vendors tr[data-id='" + vendorId + "']"), "Connected");

            // a recruiter runs the action on a candidate: the run opens a vendor session
            WalkingSkeletonE2ETests.awaitStatus(() -> Http.get(platform.dispatcher.url("/v1/endpoints/" + actionId), admin), 200);
            var run = Http.post(platform.config.url("/v1/display-areas/candidate/buttons/" + actionId + "/runs"), runKey,
                    Map.of("user", Map.of("userId", "u-12", "name", "Rosa Lind"), "permissions", List.of("assess.run"),
                            "records", List.of(Map.of("recordId", "CAND-9001", "candidateId", "CAND-9001"))));
            assertThat(run.status()).isEqualTo(202);
            var received = vendorEndpoint.await(1, Duration.ofSeconds(30)).get(0);
            String sessionId = Http.JSON.readTree(received.body()).at("/data/session/sessionId").asString();
            assertThat(sessionId).startsWith("vs_");

            // the agency sees it among its live sessions, with the time left until it expires
            console.click(By.id("sessions-refresh"));
            console.textIn(By.id("sessions"), sessionId);
            WebElement sessionRow = console.driver().findElement(By.cssSelector("#sessions tr[data-id='" + sessionId + "']"));
            assertThat(sessionRow.getText()).contains(vendorName).contains("1 record").contains("CAND-9001")
                    .contains("in 6 days 23 hours");
            var session = Http.get(platform.marketplace.url("/v1/sessions/" + sessionId), admin).body();
            assertThat(sessionRow.findElement(By.tagName("time")).getDomAttribute("datetime"))
                    .isEqualTo(session.get("expiresAt").asString());
            assertThat(Instant.parse(session.get("expiresAt").asString())).isAfter(Instant.now().plus(Duration.ofDays(6)));
            console.assertAccessible();
            ((JavascriptExecutor) console.driver()).executeScript("document.getElementById('accounts-title').scrollIntoView()");
            console.screenshot("marketplace");

            // the vendor publishes a new configuration: the account offers it, and applying it from the page updates it
            assertThat(Http.post(platform.marketplace.url("/v1/vendor/configurations"), vendorKey, Map.of("name", "Send assessment",
                    "description", "Invites the candidate to a skills assessment, now with video.",
                    "endpointUrl", vendorEndpoint.url("/assessments"),
                    "manual", Map.of("displayAreas", List.of("candidate", "candidate_search"),
                            "permissions", List.of("assessments.send"), "behaviour", "background"))).status()).isEqualTo(201);
            console.open("marketplace");
            console.textIn(By.id("accounts"), "Update available: version 1 → 2");
            console.assertAccessible();
            console.click(By.cssSelector("#accounts button[aria-label='Apply the update of " + vendorName + "']"));
            console.textIn(By.id("accounts-status"), "version 2 applied to " + actionId);
            console.textIn(By.id("accounts"), "Up to date (version 2)");
        }
    }
}
