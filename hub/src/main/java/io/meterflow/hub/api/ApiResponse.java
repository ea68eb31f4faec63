package io.meterflow.hub.api;

import java.util.Map;

/** What an API handler answers: status, content type, body bytes and extra headers. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0], Map.of());
    }

    public ApiResponse withHeader(String name, String value) {
        var h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, body, Map.copyOf(h));
    }
}
