package io.meterflow.hub.api;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * One API call as its handler sees it: the authenticated caller, path and query parameters, and
 * the body. Query parameters are read from the query string itself, not from Camel headers, so a
 * request header can never pose as a parameter.
 */
public final class ApiRequest {

    private final Message message;
    private final Caller caller;
    private final ObjectMapper json;
    private final Map<String, String> query;
    private byte[] body;

    ApiRequest(Message message, Caller caller, ObjectMapper json) {
        this.message = message;
        this.caller = caller;
        this.json = json;
        this.query = parseQuery(message.getHeader(Exchange.HTTP_QUERY, String.class));
    }

    public Caller caller() {
        return caller;
    }

    public long organizationId() {
        return caller.organizationId();
    }

    /** A numeric id from the path; anything else cannot name a resource, so it is 404. */
    public long pathId(String name, String what) {
        String v = message.getHeader(name, String.class);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound(what + " '" + v + "'");
        }
    }

    public String path(String name) {
        return message.getHeader(name, String.class);
    }

    public String query(String name) {
        String v = query.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public Instant queryInstant(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name, "must be an ISO-8601 instant such as 2026-01-31T23:00:00Z, was '" + v + "'");
        }
    }

    public int queryInt(String name, int dflt, int min, int max) {
        String v = query(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiProblem.badRequest(name, "must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name, "must be a whole number, was '" + v + "'");
        }
    }

    /** The body, read once: the request stream cannot be read twice. */
    public byte[] bodyBytes() {
        if (body == null) {
            byte[] b = message.getBody(byte[].class);
            body = b == null ? new byte[0] : b;
        }
        return body;
    }

    public String bodyText() {
        return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    /** The body as JSON; malformed JSON is a 400 that says where it broke. */
    public JsonNode json() {
        byte[] b = bodyBytes();
        if (b.length == 0) {
            throw ApiProblem.badRequest(null, "the request needs a JSON body");
        }
        try {
            JsonNode node = json.readTree(b);
            if (node == null || node.isMissingNode()) {
                throw ApiProblem.badRequest(null, "the request needs a JSON body");
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
            String why = e.getOriginalMessage();
            int noise = why.indexOf(" (start marker");
            throw new ApiProblem(400, "Bad Request", "malformed JSON" + where + ": " + (noise > 0 ? why.substring(0, noise) : why), null);
        } catch (IOException e) {
            throw new ApiProblem(400, "Bad Request", "could not read the body: " + e.getMessage(), null);
        }
    }

    private static Map<String, String> parseQuery(String q) {
        Map<String, String> m = new HashMap<>();
        if (q == null || q.isEmpty()) {
            return m;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return m;
    }
}
