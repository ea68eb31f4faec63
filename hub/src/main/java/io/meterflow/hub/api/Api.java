package io.meterflow.hub.api;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * What every API operation shares: authentication, the role check, turning failures into
 * {@code application/problem+json}, and writing the answer. Handlers stay plain functions from
 * an {@link ApiRequest} to an {@link ApiResponse}.
 */
@Component
public class Api {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger log = LoggerFactory.getLogger(Api.class);

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private final ApiKeyAuthenticator authenticator;
    private final ObjectMapper json;

    public Api(ApiKeyAuthenticator authenticator, ObjectMapper json) {
        this.authenticator = authenticator;
        this.json = json;
    }

    public void handle(Exchange exchange, Role needed, Handler handler) {
        Message in = exchange.getMessage();
        ApiResponse response;
        try {
            Caller caller = authenticator.authenticate(in.getHeader("Authorization", String.class));
            caller.require(needed);
            response = handler.handle(new ApiRequest(in, caller, json));
        } catch (ApiProblem p) {
            response = problem(p.status(), p.title(), p.getMessage(), p.field(), in);
        } catch (DataIntegrityViolationException e) {
            response = integrityProblem(e, in);
        } catch (org.springframework.amqp.AmqpException e) {
            log.warn("API call {} {}: the broker did not take the data: {}", in.getHeader(Exchange.HTTP_METHOD),
                    in.getHeader(Exchange.HTTP_URI), e.toString());
            response = problem(503, "Service Unavailable", "the message broker did not confirm the data; nothing was accepted, "
                    + "send it again", null, in).withHeader("Retry-After", "5");
        } catch (Exception e) {
            log.error("API call {} {} failed", in.getHeader(Exchange.HTTP_METHOD), in.getHeader(Exchange.HTTP_URI), e);
            response = problem(500, "Internal Server Error", "the hub could not complete this request; the error is in its log", null, in);
        }
        write(exchange, response);
    }

    public ApiResponse ok(Object body) {
        return json(200, body);
    }

    public ApiResponse created(Object body, String location) {
        return json(201, body).withHeader("Location", location);
    }

    public ApiResponse json(int status, Object body) {
        try {
            return new ApiResponse(status, "application/json", json.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a response", e);
        }
    }

    public ObjectMapper mapper() {
        return json;
    }

    private ApiResponse problem(int status, String title, String detail, String field, Message in) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        if (field != null) {
            p.put("field", field);
        }
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        if (uri != null) {
            p.put("instance", uri);
        }
        try {
            ApiResponse r = new ApiResponse(status, PROBLEM_JSON, json.writeValueAsBytes(p), Map.of());
            return status == 401 ? r.withHeader("WWW-Authenticate", "Bearer realm=\"meterflow\"") : r;
        } catch (JsonProcessingException e) {
            return new ApiResponse(status, PROBLEM_JSON, ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /** Constraint violations the handlers did not foresee: a clash is 409, a bad value 400. */
    private ApiResponse integrityProblem(DataIntegrityViolationException e, Message in) {
        String state = e.getCause() instanceof SQLException s ? s.getSQLState() : null;
        String msg = e.getMostSpecificCause().getMessage();
        if ("23505".equals(state)) {
            return problem(409, "Conflict", "that already exists: " + firstLine(msg), null, in);
        }
        if ("23503".equals(state)) {
            return problem(409, "Conflict", "it refers to something that does not exist, or is still referred to: " + firstLine(msg), null, in);
        }
        return problem(400, "Bad Request", "a value breaks a rule: " + firstLine(msg), null, in);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void write(Exchange exchange, ApiResponse r) {
        Message out = exchange.getMessage();
        // Request headers would otherwise be echoed into the response (the API key among them).
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        if (r.contentType() != null) {
            out.setHeader(Exchange.CONTENT_TYPE, r.contentType());
        }
        r.headers().forEach(out::setHeader);
        out.setBody(r.body());
    }
}
