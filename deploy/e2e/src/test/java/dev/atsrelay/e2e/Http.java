package dev.atsrelay.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for the tests; every URL it is given is on 127.0.0.1. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, JsonNode body, String text) {
    }

    private Http() {
    }

    static Response get(String url, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), bearer);
    }

    static Response post(String url, String bearer, Object body) {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), bearer);
    }

    static Response patch(String url, String bearer, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), bearer);
    }

    private static Response send(HttpRequest.Builder request, String bearer) {
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        try {
            var response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body().stripLeading();
            JsonNode node = text.startsWith("{") || text.startsWith("[") ? JSON.readTree(text) : null;
            return new Response(response.statusCode(), node, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
