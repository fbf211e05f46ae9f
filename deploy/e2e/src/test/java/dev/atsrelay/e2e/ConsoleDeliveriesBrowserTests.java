package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.node.ObjectNode;

/**
 * Settings → Deliveries in headless Chromium, against the running services: a delivery to a failing receiver is
 * dead-lettered, and replayed from the page once the receiver works again; and an endpoint's dead letters in a time
 * range are recovered from the page while a progress bar follows the job.
 */
class ConsoleDeliveriesBrowserTests {

    private final Platform platform = Platform.shared();

    /** A tenant with an active webhook on the receiver, live in the dispatcher, and a key to post events. */
    private record Agency(String tenantId, String adminKey, String eventsKey, String webhookId) {
    }

    private Agency agency(String name, WebhookReceiver receiver) {
        var tenant = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", name));
        String tenantId = tenant.body().get("id").asString();
        String admin = tenant.body().get("adminKey").get("key").asString();
        String eventsKey = Http.post(platform.config.url("/v1/api-keys"), admin,
                Map.of("name", "ATS core", "scopes", List.of("events:write"))).body().get("key").asString();
        String webhookId = Http.post(platform.config.url("/v1/webhooks"), admin,
                Map.of("url", receiver.url("/hooks/ats"), "eventTypes", List.of("job.opened"), "description", name + " hooks"))
                .body().get("id").asString();
        assertThat(Http.post(platform.config.url("/v1/webhooks/" + webhookId + "/test"), admin, Map.of())
                .body().get("passed").asBoolean()).isTrue();
        assertThat(Http.post(platform.config.url("/v1/webhooks/" + webhookId + "/activate"), admin, Map.of()).status()).isEqualTo(200);
        WalkingSkeletonE2ETests.awaitStatus(() -> {
            var r = Http.get(platform.dispatcher.url("/v1/endpoints/" + webhookId), admin);
            return r.status() == 200 && r.body().get("enabled").asBoolean() ? r : new Http.Response(0, null, r.text());
        }, 200);
        return new Agency(tenantId, admin, eventsKey, webhookId);
    }

    private String postEvent(Agency agency) throws Exception {
        ObjectNode event = (ObjectNode) Http.JSON.readTree(Files.readString(
                Path.of(System.getProperty("atsrelay.root"), "docs/events/examples/job.opened.json")));
        String id = "evt_console_" + System.nanoTime();
        event.put("id", id);
        event.put("tenantid", agency.tenantId());
        WalkingSkeletonE2ETests.awaitStatus(() -> Http.post(platform.ingest.url("/v1/events"), agency.eventsKey(), event), 202);
        return id;
    }

    /** Waits until the tenant has this many dead letters (3 attempts, 1 s apart, per delivery on this platform). */
    private void awaitDeadLetters(Agency agency, int count) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            var r = Http.get(platform.dispatcher.url("/v1/dead-letters?endpointId=" + agency.webhookId()), agency.adminKey());
            if (r.status() == 200 && r.body().get("items").size() >= count) {
                return;
            }
            assertThat(Instant.now()).as(count + " dead letters").isBefore(deadline);
            sleep(300);
        }
    }

    @Test
    void aDeadLetteredDeliveryIsReplayedFromThePageAndDelivered() throws Exception {
        try (var receiver = new WebhookReceiver();
             var console = new Console(platform)) {
            Agency agency = agency("Deliveries agency", receiver);
            receiver.respond(r -> WebhookReceiver.Reply.status(500).withBody("{\"error\":\"database down\"}"));
            receiver.clear();
            postEvent(agency);
            awaitDeadLetters(agency, 1);
            assertThat(receiver.received()).hasSize(3);

            console.signIn("deliveries", agency.adminKey());
            // the attempt log shows the three failed attempts; filtered to the webhook and failures, still three
            console.textIn(By.id("attempts"), "Failed, retryable");
            new Select(console.visible(By.id("at-endpoint"))).selectByValue(agency.webhookId());
            new Select(console.driver().findElement(By.id("at-outcome"))).selectByValue("retryable");
            console.click(By.id("at-show"));
            console.until("three failed attempts", d -> d.findElements(By.cssSelector("#attempts tbody tr")).size() == 3
                    && d.findElement(By.id("attempts")).getText().contains("500"));

            // a bad range is refused next to its field
            setInput(console, By.id("at-since"), "2030-01-02T00:00:00");
            setInput(console, By.id("at-until"), "2030-01-01T00:00:00");
            console.click(By.id("at-show"));
            console.until("the range error", d -> !d.findElement(By.id("at-until-error")).getText().isBlank());
            assertThat(console.driver().findElement(By.id("at-until")).getDomAttribute("aria-invalid")).isEqualTo("true");
            console.click(By.id("at-reset"));

            // the dead letter, with why it died
            console.textIn(By.id("dead-letters"), "exhausted");
            WebElement deadRow = console.visible(By.cssSelector("#dead-letters tbody tr[data-id]"));
            String messageId = deadRow.getDomAttribute("data-id");
            assertThat(deadRow.getText()).contains("HTTP 500").contains("job.opened");

            // its detail: state, attempts and the receiver's answer
            console.click(By.cssSelector("#dead-letters button[aria-label='Details of message " + messageId + "']"));
            console.textIn(By.id("message-state"), "Dead letter");
            console.textIn(By.id("message-attempts"), "database down");
            // and the request: the event as it was sent
            assertThat(console.visible(By.id("message-request")).getText()).contains("job.opened");
            console.assertAccessible();

            // the receiver works again: replay from the list and watch it become delivered
            receiver.clear();
            receiver.respond(r -> WebhookReceiver.Reply.status(204));
            console.click(By.cssSelector("#dead-letters button[aria-label='Replay message " + messageId + "']"));
            console.textIn(By.id("message-status"), "Replayed: delivered.");
            console.textIn(By.id("message-state"), "Delivered");
            assertThat(receiver.received()).hasSize(1);
            assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo(messageId);
            console.textIn(By.id("dead-letters"), "No dead letters.");
            console.assertAccessible();
            ((JavascriptExecutor) console.driver()).executeScript(
                    "document.getElementById('message').scrollIntoView(); window.scrollBy(0, -24);");
            console.screenshot("deliveries");

            var status = Http.get(platform.dispatcher.url("/v1/messages/" + messageId), agency.adminKey()).body();
            assertThat(status.get("state").asString()).isEqualTo("delivered");
        }
    }

    @Test
    void anEndpointsDeadLettersInARangeAreRecoveredWhileTheProgressBarFollows() throws Exception {
        int deliveries = 4;
        try (var receiver = new WebhookReceiver();
             var console = new Console(platform)) {
            Agency agency = agency("Recovery agency", receiver);
            receiver.respond(r -> WebhookReceiver.Reply.status(503));
            for (int i = 0; i < deliveries; i++) {
                postEvent(agency);
            }
            awaitDeadLetters(agency, deliveries);
            receiver.clear();
            receiver.respond(r -> WebhookReceiver.Reply.status(204));

            console.signIn("deliveries", agency.adminKey());
            console.until(deliveries + " dead letters", d -> d.findElements(By.cssSelector("#dead-letters tbody tr[data-id]")).size() == deliveries);

            // without an endpoint the page says so next to the field
            console.click(By.id("rc-start"));
            console.until("the endpoint error", d -> !d.findElement(By.id("rc-endpoint-error")).getText().isBlank());

            new Select(console.driver().findElement(By.id("rc-endpoint"))).selectByValue(agency.webhookId());
            // the last hour up to a minute from now, in the browser's own time zone
            ((JavascriptExecutor) console.driver()).executeScript(
                    "const local = (ms) => new Date(ms - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 19);"
                            + "document.getElementById('rc-since').value = local(Date.now() - 3600000);"
                            + "document.getElementById('rc-until').value = local(Date.now() + 60000);");
            console.click(By.id("rc-start"));

            WebElement progress = console.visible(By.id("recovery-progress"));
            console.until("the recovery to finish", d -> "done".equals(d.findElement(By.id("recovery")).getDomAttribute("data-status")));
            assertThat(progress.getDomProperty("value")).isEqualTo(progress.getDomProperty("max")).isEqualTo(Integer.toString(deliveries));
            assertThat(console.driver().findElement(By.id("recovery-text")).getText())
                    .isEqualTo("Done: " + deliveries + " of " + deliveries + " re-sent.");
            assertThat(progress.getDomAttribute("aria-valuetext")).contains(deliveries + " of " + deliveries + " re-sent");
            console.assertAccessible();
            console.screenshot("deliveries-recovery");

            // the recovered messages reach the receiver, and the dead letters are gone
            receiver.await(deliveries, Duration.ofSeconds(30));
            console.click(By.id("dl-show"));
            console.textIn(By.id("dead-letters"), "No dead letters.");
        }
    }

    private static void setInput(Console console, By by, String value) {
        ((JavascriptExecutor) console.driver()).executeScript("arguments[0].value = arguments[1];",
                console.driver().findElement(by), value);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
