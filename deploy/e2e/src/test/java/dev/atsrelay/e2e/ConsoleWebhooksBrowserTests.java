package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.WebhookReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Settings → Webhooks in headless Chromium, against the running services: a webhook whose Test fails cannot be saved;
 * with its URL fixed the Test passes and Save activates it (the Recruitis article's flow).
 */
class ConsoleWebhooksBrowserTests {

    private final Platform platform = Platform.shared();

    @Test
    void saveIsOfferedOnlyAfterAPassingTest() throws Exception {
        try (var failing = new WebhookReceiver().respond(r -> WebhookReceiver.Reply.status(503).withBody("maintenance"));
             var working = new WebhookReceiver();
             var console = new Console(platform)) {
            String key = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Console agency"))
                    .body().get("adminKey").get("key").asString();

            console.signIn("webhooks", key);
            assertThat(console.driver().switchTo().activeElement().getDomAttribute("id")).as("focus after signing in").isEqualTo("main");
            console.assertAccessible();
            WebElement url = console.visible(By.id("wh-url"));
            WebElement save = console.driver().findElement(By.id("wh-save"));

            // a bad URL is refused next to its field
            url.sendKeys("not a url");
            console.click(By.cssSelector("input[value='job.published']"));
            console.click(By.id("wh-test"));
            console.until("the URL error", d -> !d.findElement(By.id("wh-url-error")).getText().isBlank());
            assertThat(url.getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(console.driver().switchTo().activeElement()).as("focus on the field at fault").isEqualTo(url);
            console.screenshot("webhooks-invalid-url");

            // a URL that answers 503: the Test fails and Save stays unavailable
            url.clear();
            url.sendKeys(failing.url("/positions"));
            console.click(By.id("wh-test"));
            console.textIn(By.id("wh-test-result"), "Test failed");
            assertThat(console.driver().findElement(By.id("wh-test-result")).getText()).contains("503").contains("maintenance");
            assertThat(save.isEnabled()).isFalse();
            assertThat(console.driver().findElement(By.cssSelector("#wh-secret code")).getText()).startsWith("whsec_");

            // fixed: the Test passes, Save is offered and activates the webhook
            url.clear();
            url.sendKeys(working.url("/positions"));
            assertThat(save.isEnabled()).as("a changed URL needs a new Test").isFalse();
            console.click(By.id("wh-test"));
            console.textIn(By.id("wh-test-result"), "Test passed");
            assertThat(working.await(1, Duration.ofSeconds(10)).get(0).body()).contains("webhook.test");
            console.until("Save to be offered", d -> save.isEnabled());
            console.screenshot("webhooks-test-passed");
            save.click();
            console.textIn(By.id("wh-test-result"), "is active");
            console.textIn(By.id("webhooks"), "Active");
            console.assertAccessible();
            console.screenshot("webhooks");

            // edit it: a new URL whose Test fails cannot be saved; one that passes can, and the webhook stays active
            console.click(By.cssSelector("#webhooks button[aria-label^='Edit']"));
            console.textIn(By.id("new-webhook-title"), "Edit the webhook");
            assertThat(url.getDomProperty("value")).isEqualTo(working.url("/positions"));
            url.clear();
            url.sendKeys(failing.url("/moved"));
            console.click(By.id("wh-test"));
            console.textIn(By.id("wh-test-result"), "Test failed");
            assertThat(save.isEnabled()).isFalse();
            url.clear();
            url.sendKeys(working.url("/moved"));
            console.click(By.id("wh-test"));
            console.textIn(By.id("wh-test-result"), "Test passed");
            console.until("Save to be offered", d -> save.isEnabled());
            save.click();
            console.textIn(By.id("wh-test-result"), "active with the changes");
            var edited = Http.get(platform.config.url("/v1/webhooks"), key).body().get("items").get(0);
            assertThat(edited.get("url").asString()).isEqualTo(working.url("/moved"));
            assertThat(edited.get("status").asString()).isEqualTo("active");

            // rotate its secret and disable it from the list
            console.click(By.cssSelector("#webhooks button[aria-label^='Rotate']"));
            console.until("the new secret", d -> d.findElement(By.cssSelector("#webhooks-secret code")).getText().startsWith("whsec_"));
            console.click(By.cssSelector("#webhooks button[aria-label^='Disable']"));
            console.until("the webhook disabled", d -> d.findElement(By.id("webhooks")).getText().contains("disabled in the console"));
            var webhooks = Http.get(platform.config.url("/v1/webhooks"), key).body().get("items");
            assertThat(webhooks.get(0).get("status").asString()).isEqualTo("active");
            assertThat(webhooks.get(0).get("enabled").asBoolean()).isFalse();
            assertThat(webhooks.get(0).get("secrets").size()).isEqualTo(2);

            // and delete it, after a confirmation
            console.click(By.cssSelector("#webhooks button[aria-label^='Delete']"));
            console.until("the confirmation", ExpectedConditions.alertIsPresent()).accept();
            console.textIn(By.id("webhooks"), "No webhooks yet.");
            assertThat(Http.get(platform.config.url("/v1/webhooks"), key).body().get("items").size()).isZero();
        }
    }
}
