package io.meterflow.hub.api;

/**
 * An error answered as {@code application/problem+json} (RFC 9457): status, title, detail and,
 * for bad input, the field at fault as a JSON path such as {@code readings[3].value}.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ApiProblem(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(400, "Bad Request", field == null ? detail : field + ": " + detail, field);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "Not Found", what + " not found", null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, null);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
