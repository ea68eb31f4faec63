package io.meterflow.hub.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hub's REST API as the command-line tools (loadgen, pollbench) use it: an API key, JSON or
 * text in, JSON out, and errors that say which call failed.
 */
public final class HubApi {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    public HubApi(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String url() {
        return url;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A call with a JSON body (or none when {@code body} is null). */
    public JsonNode call(String method, String path, String key, Object body) throws IOException, InterruptedException {
        return body == null ? send(method, path, key, null, null)
                : send(method, path, key, "application/json", json.writeValueAsString(body));
    }

    /** A call with a body of the given content type (CSV, say), or none when {@code body} is null. */
    public JsonNode send(String method, String path, String key, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException(method + " " + url + path + " failed: " + e.getMessage() + " (is the hub running at " + url + "?)", e);
        }
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? json.createObjectNode() : json.readTree(r.body());
    }
}
