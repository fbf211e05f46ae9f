package dev.atsrelay.local;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * deploy/local/demo: against the running local stack, creates a tenant and a webhook pointing at a receiver it
 * starts on 127.0.0.1, posts a job.opened event, and prints the delivered webhook with its verified signature.
 * Usage: {@code Demo <operator token> <example event file>}.
 */
public final class Demo {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONFIG = "http://127.0.0.1:8081";
    private static final String INGEST = "http://127.0.0.1:8082";
    private static final String DISPATCHER = "http://127.0.0.1:8083";

    private record Delivered(Map<String, List<String>> headers, String body) {
    }

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        String operatorToken = args[0];
        BlockingQueue<Delivered> inbox = new ArrayBlockingQueue<>(10);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            inbox.add(new Delivered(exchange.getRequestHeaders(), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks";
        try {
            step("operator creates a tenant");
            JsonNode tenant = call("POST", CONFIG + "/v1/tenants", operatorToken, Map.of("name", "Demo Agency"), 201);
            String adminKey = tenant.get("adminKey").get("key").asString();
            System.out.println("  tenant " + tenant.get("id").asString());

            step("administrator issues an events:write key for ATS core");
            String eventsKey = call("POST", CONFIG + "/v1/api-keys", adminKey,
                    Map.of("name", "ATS core", "scopes", List.of("events:write")), 201).get("key").asString();

            step("administrator creates a webhook for job.opened -> " + receiverUrl);
            JsonNode webhook = call("POST", CONFIG + "/v1/webhooks", adminKey,
                    Map.of("url", receiverUrl, "eventTypes", List.of("job.opened"), "description", "demo"), 201);
            String secret = webhook.get("secret").asString();
            String webhookUrl = CONFIG + "/v1/webhooks/" + webhook.get("id").asString();
            step("administrator presses Test (the dispatcher sends a signed webhook.test), then Save");
            JsonNode test = call("POST", webhookUrl + "/test", adminKey, Map.of(), 200);
            System.out.println("  test: " + test);
            inbox.poll(10, TimeUnit.SECONDS);
            call("POST", webhookUrl + "/activate", adminKey, Map.of(), 200);
            awaitEnabled(DISPATCHER + "/v1/endpoints/" + webhook.get("id").asString(), adminKey);

            step("ATS core posts a job.opened event to the ingest service");
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of(args[1])));
            event.put("id", "evt_demo_" + Instant.now().toEpochMilli());
            event.remove("tenantid");
            JsonNode accepted = awaitStatus("POST", INGEST + "/v1/events", eventsKey, event, 202);
            System.out.println("  " + accepted);

            step("the receiver gets the webhook");
            Delivered delivered = inbox.poll(30, TimeUnit.SECONDS);
            if (delivered == null) {
                throw new IllegalStateException("no webhook arrived within 30 s; see deploy/local/run/logs");
            }
            for (String h : List.of("Webhook-id", "Webhook-timestamp", "Webhook-signature")) {
                System.out.println("  " + h.toLowerCase() + ": " + delivered.headers().get(h).get(0));
            }
            System.out.println("  body: " + delivered.body());
            Map<String, List<String>> headers = Map.of(
                    "webhook-id", delivered.headers().get("Webhook-id"),
                    "webhook-timestamp", delivered.headers().get("Webhook-timestamp"),
                    "webhook-signature", delivered.headers().get("Webhook-signature"));
            new Webhook(secret).verify(delivered.body(), headers);
            System.out.println("\nSignature verified with the official Standard Webhooks library (com.standardwebhooks).");
            System.out.println("\nThe admin console: " + CONFIG + "/console — sign in with this local demo tenant's admin key "
                    + adminKey);
        } finally {
            receiver.stop(0);
        }
    }

    private static void step(String text) {
        System.out.println("\n== " + text);
    }

    private static JsonNode awaitStatus(String method, String url, String bearer, Object body, int status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> response = send(method, url, bearer, body);
            if (response.statusCode() == status) {
                return JSON.readTree(response.body());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the dispatcher holds the webhook as active and enabled (changes arrive through Kafka). */
    private static void awaitEnabled(String url, String bearer) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> response = send("GET", url, bearer, null);
            if (response.statusCode() == 200 && JSON.readTree(response.body()).get("enabled").asBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the dispatcher did not see the webhook within 30 s: " + response.body());
            }
            Thread.sleep(200);
        }
    }

    private static JsonNode call(String method, String url, String bearer, Object body, int status) throws Exception {
        HttpResponse<String> response = send(method, url, bearer, body);
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String url, String bearer, Object body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + bearer).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
