package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.testkit.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * Settings → Custom Actions and Settings → Job templates &amp; stage triggers in headless Chromium, against the running
 * services: an administrator creates each kind of custom action (manual pop-up, redirect and background; event on job
 * fill and on a stage entered; marketplace), sees a field error for a bad endpoint URL, and sets the workflow stages, a
 * job template with a stage trigger and one job's stage triggers. Everything is checked through the public API.
 */
class ConsoleActionsBrowserTests {

    private final Platform platform = Platform.shared();

    @Test
    void anAdministratorCreatesEachKindOfCustomAction() throws Exception {
        try (var endpoint = new WebhookReceiver();
             var vendorEndpoint = new WebhookReceiver();
             var console = new Console(platform)) {
            String vendorName = "Checkers " + UUID.randomUUID().toString().substring(0, 8);
            var vendor = Http.post(platform.marketplace.url("/v1/vendors"), Platform.OPERATOR_TOKEN, Map.of(
                    "name", vendorName, "capabilities", List.of("background_check"),
                    "configuration", Map.of("name", "Background check",
                            "description", "Runs a background check. The candidate must have consented.",
                            "endpointUrl", vendorEndpoint.url("/checks"),
                            "manual", Map.of("displayAreas", List.of("candidate"), "permissions", List.of("checks.run"),
                                    "behaviour", "background"))));
            assertThat(vendor.status()).isEqualTo(201);
            String vendorId = vendor.body().get("id").asString();

            String key = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Actions console agency"))
                    .body().get("adminKey").get("key").asString();
            assertThat(put(platform.config.url("/v1/workflow-stages"), key, Map.of("stages", List.of(
                    Map.of("stageId", "screening", "name", "Screening", "filled", false),
                    Map.of("stageId", "interview", "name", "Interview", "filled", false),
                    Map.of("stageId", "placed", "name", "Placed", "filled", true))))).isEqualTo(200);

            console.signIn("custom-actions", key);
            console.visible(By.id("ca-name"));
            console.assertAccessible();

            // a bad endpoint URL is refused next to its field
            type(console, "ca-name", "Send to HRIS");
            type(console, "ca-description", "Sends the candidate to the HRIS. The candidate must be placed.");
            type(console, "ca-endpoint", "not a url");
            click(console, "input[name='displayAreas'][value='candidate']");
            type(console, "ca-permissions", "hris.send");
            click(console, "input[name='behaviour'][value='background']");
            click(console, "#ca-create");
            console.until("the endpoint URL error", d -> !d.findElement(By.id("ca-endpoint-error")).getText().isBlank());
            assertThat(console.driver().findElement(By.id("ca-endpoint")).getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(console.driver().findElement(By.id("ca-name-error")).getText()).isBlank();
            console.assertAccessible();
            console.screenshot("custom-actions-invalid-url");

            // manual, background: fixed and created; its secret is shown once
            clear(console, "ca-endpoint");
            type(console, "ca-endpoint", endpoint.url("/hris"));
            click(console, "#ca-create");
            created(console, "Send to HRIS");

            // manual, pop-up with a form of two fields
            click(console, "input[name='type'][value='manual']");
            type(console, "ca-name", "Request references");
            type(console, "ca-description", "Asks the referees for a reference.");
            type(console, "ca-endpoint", endpoint.url("/references"));
            click(console, "input[name='displayAreas'][value='candidate']");
            click(console, "input[name='displayAreas'][value='job_order']");
            type(console, "ca-permissions", "refs.request\nrefs.admin");
            click(console, "input[name='behaviour'][value='popup']");
            type(console, "ca-field-0-name", "reason");
            type(console, "ca-field-0-label", "Reason");
            new org.openqa.selenium.support.ui.Select(console.driver().findElement(By.id("ca-field-0-type"))).selectByValue("select");
            type(console, "ca-field-0-options", "Hiring, Audit");
            click(console, "#ca-field-0-required");
            click(console, "#ca-add-field");
            type(console, "ca-field-1-name", "notes");
            type(console, "ca-field-1-label", "Notes");
            new org.openqa.selenium.support.ui.Select(console.driver().findElement(By.id("ca-field-1-type"))).selectByValue("textarea");
            console.assertAccessible();
            console.screenshot("custom-actions");
            click(console, "#ca-create");
            created(console, "Request references");

            // manual, redirect
            type(console, "ca-name", "Open in the vendor's system");
            type(console, "ca-description", "Opens the candidate in the vendor's system.");
            type(console, "ca-endpoint", endpoint.url("/redirects"));
            click(console, "input[name='displayAreas'][value='candidate_search']");
            type(console, "ca-permissions", "vendor.open");
            click(console, "input[name='behaviour'][value='redirect']");
            type(console, "ca-redirect-url", "https://127.0.0.1/start?candidate={recordId}&user={userId}");
            click(console, "#ca-create");
            created(console, "Open in the vendor's system");

            // event: job order fill
            click(console, "input[name='type'][value='event']");
            assertThat(console.driver().findElement(By.id("ca-manual")).isDisplayed()).isFalse();
            type(console, "ca-name", "Tell payroll");
            type(console, "ca-description", "Tells payroll a job was filled.");
            type(console, "ca-endpoint", endpoint.url("/payroll"));
            click(console, "input[name='trigger'][value='job_fill']");
            click(console, "#ca-create");
            created(console, "Tell payroll");

            // event: a referral-workflow stage entered; the Filled stage cannot be chosen
            type(console, "ca-name", "Book the interview room");
            type(console, "ca-description", "Books a room when a candidate reaches the interview.");
            type(console, "ca-endpoint", endpoint.url("/rooms"));
            click(console, "input[name='trigger'][value='stage_entered']");
            console.visible(By.cssSelector("input[name='stageIds'][value='interview']"));
            assertThat(console.driver().findElement(By.cssSelector("input[name='stageIds'][value='placed']")).isEnabled()).isFalse();
            click(console, "input[name='stageIds'][value='interview']");
            console.assertAccessible();
            console.screenshot("custom-actions-event");
            click(console, "#ca-create");
            created(console, "Book the interview room");

            // marketplace: linked to a vendor, without a button
            click(console, "input[name='type'][value='marketplace']");
            type(console, "ca-name", "Own background check");
            type(console, "ca-description", "Our own background check through the vendor.");
            type(console, "ca-endpoint", vendorEndpoint.url("/own-checks"));
            type(console, "ca-vendor", vendorId);
            assertThat(console.driver().findElement(By.id("ca-manual")).isDisplayed()).isFalse();
            click(console, "#ca-create");
            created(console, "Own background check");

            // the list shows them all; rotate one's secret and disable another
            console.textIn(By.id("actions"), "Own background check");
            console.textIn(By.id("actions"), "When a candidate enters: Interview");
            console.textIn(By.id("actions"), "When a job is filled");
            click(console, "#actions button[aria-label='Rotate the secret of Send to HRIS']");
            console.until("the new secret", d -> d.findElement(By.cssSelector("#actions-secret code")).getText().startsWith("whsec_"));
            click(console, "#actions button[aria-label='Disable Tell payroll']");
            console.visible(By.cssSelector("#actions button[aria-label='Enable Tell payroll']"));
            click(console, "#actions button[aria-label='Test Request references']");
            console.textIn(By.id("actions-test-result"), "Test of Request references passed");
            console.assertAccessible();
            scrollTo(console, "actions-title");
            console.screenshot("custom-actions-list");

            // as the API has them
            Map<String, JsonNode> actions = actions(key);
            assertThat(actions).hasSize(6);
            JsonNode background = actions.get("Send to HRIS");
            assertThat(background.get("type").asString()).isEqualTo("manual");
            assertThat(background.get("endpointUrl").asString()).isEqualTo(endpoint.url("/hris"));
            assertThat(background.at("/manual/behaviour").asString()).isEqualTo("background");
            assertThat(background.at("/manual/displayAreas/0").asString()).isEqualTo("candidate");
            assertThat(background.at("/manual/permissions/0").asString()).isEqualTo("hris.send");
            assertThat(background.get("secrets").size()).isEqualTo(2);
            JsonNode popup = actions.get("Request references");
            assertThat(popup.at("/manual/behaviour").asString()).isEqualTo("popup");
            assertThat(popup.at("/manual/displayAreas").size()).isEqualTo(2);
            assertThat(popup.at("/manual/permissions/1").asString()).isEqualTo("refs.admin");
            assertThat(popup.at("/manual/form/fields/0/name").asString()).isEqualTo("reason");
            assertThat(popup.at("/manual/form/fields/0/type").asString()).isEqualTo("select");
            assertThat(popup.at("/manual/form/fields/0/required").asBoolean()).isTrue();
            assertThat(popup.at("/manual/form/fields/0/options/1").asString()).isEqualTo("Audit");
            assertThat(popup.at("/manual/form/fields/1/type").asString()).isEqualTo("textarea");
            assertThat(popup.at("/manual/form/fields/1/required").asBoolean()).isFalse();
            JsonNode redirect = actions.get("Open in the vendor's system");
            assertThat(redirect.at("/manual/behaviour").asString()).isEqualTo("redirect");
            assertThat(redirect.at("/manual/redirectUrlTemplate").asString()).isEqualTo("https://127.0.0.1/start?candidate={recordId}&user={userId}");
            JsonNode jobFill = actions.get("Tell payroll");
            assertThat(jobFill.get("type").asString()).isEqualTo("event");
            assertThat(jobFill.at("/event/trigger").asString()).isEqualTo("job_fill");
            assertThat(jobFill.get("enabled").asBoolean()).isFalse();
            JsonNode stage = actions.get("Book the interview room");
            assertThat(stage.at("/event/trigger").asString()).isEqualTo("stage_entered");
            assertThat(stage.at("/event/stageIds").size()).isEqualTo(1);
            assertThat(stage.at("/event/stageIds/0").asString()).isEqualTo("interview");
            JsonNode own = actions.get("Own background check");
            assertThat(own.get("type").asString()).isEqualTo("marketplace");
            assertThat(own.at("/marketplace/vendorId").asString()).isEqualTo(vendorId);
            assertThat(own.has("manual") && !own.get("manual").isNull()).isFalse();

            // a marketplace action created by connecting to the vendor shows in the list with its vendor
            eventually("the agency connects to the vendor", () -> Http.post(platform.marketplace.url("/v1/accounts"), key,
                    Map.of("vendorId", vendorId, "name", "Vendor's check", "displayAreas", List.of("candidate"),
                            "permissions", List.of("checks.run"))).status() == 201);
            console.open("custom-actions");
            console.textIn(By.id("actions"), "Vendor's check");
            String connected = actions(key).get("Vendor's check").get("id").asString();
            console.textIn(By.cssSelector("#actions tr[data-id='" + connected + "']"), "Vendor: " + vendorName);

            // deleting one asks first, then it is gone
            click(console, "#actions button[aria-label='Delete Tell payroll']");
            console.until("the confirmation", ExpectedConditions.alertIsPresent()).accept();
            console.until("Tell payroll gone", d -> !d.findElement(By.id("actions")).getText().contains("Tell payroll"));
            assertThat(actions(key)).doesNotContainKey("Tell payroll").containsKey("Send to HRIS");
        }
    }

    @Test
    void anAdministratorSetsStagesATemplateAndAJobsStageTriggers() throws Exception {
        try (var endpoint = new WebhookReceiver();
             var console = new Console(platform)) {
            String key = Http.post(platform.config.url("/v1/tenants"), Platform.OPERATOR_TOKEN, Map.of("name", "Templates console agency"))
                    .body().get("adminKey").get("key").asString();
            String hris = createAction(key, "Send to HRIS", endpoint.url("/hris"), "background");
            createAction(key, "Ask for a reason", endpoint.url("/ask"), "redirect");

            console.signIn("templates", key);
            console.visible(By.id("stage-0-stageId"));
            console.assertAccessible();

            // the workflow stages: a duplicate id is refused next to its field, then saved
            type(console, "stage-0-stageId", "screening");
            type(console, "stage-0-name", "Screening");
            click(console, "#stage-add");
            type(console, "stage-1-stageId", "screening");
            type(console, "stage-1-name", "Interview");
            click(console, "#stage-add");
            type(console, "stage-2-stageId", "placed");
            type(console, "stage-2-name", "Placed");
            click(console, "#stage-2-filled");
            click(console, "#stages-save");
            console.until("the duplicate stage id error", d -> !d.findElement(By.id("stage-1-stageId-error")).getText().isBlank());
            assertThat(console.driver().findElement(By.id("stage-1-stageId")).getDomAttribute("aria-invalid")).isEqualTo("true");
            console.assertAccessible();
            clear(console, "stage-1-stageId");
            type(console, "stage-1-stageId", "interview");
            click(console, "#stages-save");
            console.textIn(By.id("stages-result"), "Saved 3 stages");

            // a template whose Interview stage triggers the background action; only actions that run without a user are offered
            console.visible(By.cssSelector("#tpl-triggers fieldset[data-stage='interview']"));
            assertThat(console.driver().findElement(By.id("tpl-triggers")).getText()).doesNotContain("Ask for a reason");
            click(console, "#tpl-create");
            console.until("the name error", d -> !d.findElement(By.id("tpl-name-error")).getText().isBlank());
            type(console, "tpl-name", "Engineering");
            click(console, "#tpl-default");
            click(console, "#tpl-triggers fieldset[data-stage='interview'] input[value='" + hris + "']");
            click(console, "#tpl-create");
            console.textIn(By.id("tpl-result"), "Created the template Engineering, the default");
            console.textIn(By.id("templates"), "Interview: Send to HRIS");

            // a second template, made the default from the list
            type(console, "tpl-name", "Sales");
            click(console, "#tpl-create");
            console.textIn(By.id("tpl-result"), "Created the template Sales.");
            click(console, "#templates button[aria-label='Make Sales the default']");
            console.visible(By.cssSelector("#templates button[aria-label='Make Engineering the default']"));

            // one job's own triggers: none yet, then Screening runs the background action
            type(console, "job-id", "JOB-1001");
            click(console, "#job-load");
            console.textIn(By.id("job-result"), "no triggers of its own yet");
            click(console, "#job-triggers fieldset[data-stage='screening'] input[value='" + hris + "']");
            click(console, "#job-save");
            console.textIn(By.id("job-result"), "Saved: job JOB-1001 has its own triggers on 1 stage");
            console.assertAccessible();
            ((JavascriptExecutor) console.driver()).executeScript("window.scrollTo(0, 0)");
            console.screenshot("templates");
            scrollTo(console, "job-title");
            console.screenshot("templates-job");

            // loaded again, the job shows its trigger
            console.open("templates");
            type(console, "job-id", "JOB-1001");
            click(console, "#job-load");
            console.textIn(By.id("job-result"), "has its own triggers on 1 stage");
            assertThat(console.visible(By.cssSelector("#job-triggers fieldset[data-stage='screening'] input[value='" + hris + "']"))
                    .isSelected()).isTrue();

            // as the API has them
            JsonNode stages = Http.get(platform.config.url("/v1/workflow-stages"), key).body().get("stages");
            assertThat(stages.size()).isEqualTo(3);
            assertThat(stages.get(1).get("stageId").asString()).isEqualTo("interview");
            assertThat(stages.get(2).get("filled").asBoolean()).isTrue();
            JsonNode templates = Http.get(platform.config.url("/v1/job-templates"), key).body().get("items");
            Map<String, JsonNode> byName = new HashMap<>();
            templates.forEach(t -> byName.put(t.get("name").asString(), t));
            assertThat(byName).containsOnlyKeys("Engineering", "Sales");
            JsonNode engineering = byName.get("Engineering");
            assertThat(engineering.get("isDefault").asBoolean()).isFalse();
            assertThat(engineering.get("stages").size()).isEqualTo(1);
            assertThat(engineering.at("/stages/0/stageId").asString()).isEqualTo("interview");
            assertThat(engineering.at("/stages/0/actionIds/0").asString()).isEqualTo(hris);
            assertThat(byName.get("Sales").get("isDefault").asBoolean()).isTrue();
            assertThat(byName.get("Sales").get("stages").size()).isZero();
            JsonNode job = Http.get(platform.config.url("/v1/jobs/JOB-1001/stage-triggers"), key).body();
            assertThat(job.get("stages").size()).isEqualTo(1);
            assertThat(job.at("/stages/0/stageId").asString()).isEqualTo("screening");
            assertThat(job.at("/stages/0/actionIds/0").asString()).isEqualTo(hris);
        }
    }

    private String createAction(String key, String name, String url, String behaviour) {
        Map<String, Object> manual = new HashMap<>(Map.of("displayAreas", List.of("candidate"), "permissions", List.of("p"),
                "behaviour", behaviour));
        if (behaviour.equals("redirect")) {
            manual.put("redirectUrlTemplate", "https://127.0.0.1/start?candidate={recordId}");
        }
        var created = Http.post(platform.config.url("/v1/custom-actions"), key, Map.of("type", "manual", "name", name,
                "description", name + ".", "endpointUrl", url, "manual", manual));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    private Map<String, JsonNode> actions(String key) {
        Map<String, JsonNode> byName = new HashMap<>();
        Http.get(platform.config.url("/v1/custom-actions?limit=200"), key).body().get("items")
                .forEach(a -> byName.put(a.get("name").asString(), a));
        return byName;
    }

    private static void created(Console console, String name) {
        By problem = By.cssSelector("#action-form .form-error");
        console.until(name + " created or refused", d -> d.findElement(By.id("ca-result")).getText().contains("Created: " + name)
                || !d.findElement(problem).getText().isBlank());
        assertThat(console.driver().findElement(problem).getText()).as("the problem creating " + name).isBlank();
        console.until("the secret of " + name, d -> d.findElement(By.cssSelector("#ca-secret code")).getText().startsWith("whsec_"));
    }

    private static void type(Console console, String id, String text) {
        console.visible(By.id(id)).sendKeys(text);
    }

    private static void clear(Console console, String id) {
        console.visible(By.id(id)).clear();
    }

    private static void click(Console console, String css) {
        console.click(By.cssSelector(css));
    }

    private static void scrollTo(Console console, String id) {
        ((JavascriptExecutor) console.driver()).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    /** PUT with JSON (Http has no PUT); the URL is on 127.0.0.1. */
    private static int put(String url, String bearer, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + bearer).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(250);
        }
    }
}
