package io.meterflow.hub.api;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading fields out of a JSON request, each failure naming the field at fault. */
final class Fields {

    private Fields() {
    }

    static JsonNode object(JsonNode body) {
        if (!body.isObject()) {
            throw ApiProblem.badRequest(null, "the body must be a JSON object");
        }
        return body;
    }

    static String text(JsonNode obj, String field, String path, boolean required, int maxLength) {
        JsonNode n = obj.get(field);
        String p = path == null ? field : path + "." + field;
        if (n == null || n.isNull()) {
            if (required) {
                throw ApiProblem.badRequest(p, "is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw ApiProblem.badRequest(p, "must be a string");
        }
        String v = n.textValue().trim();
        if (required && v.isEmpty()) {
            throw ApiProblem.badRequest(p, "must not be empty");
        }
        if (v.length() > maxLength) {
            throw ApiProblem.badRequest(p, "must be at most " + maxLength + " characters");
        }
        return v.isEmpty() ? null : v;
    }

    static Long longValue(JsonNode obj, String field, String path) {
        JsonNode n = obj.get(field);
        String p = path == null ? field : path + "." + field;
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
            throw ApiProblem.badRequest(p, "must be a whole number");
        }
        return n.longValue();
    }

    static BigDecimal positiveDecimal(JsonNode obj, String field, String path) {
        JsonNode n = obj.get(field);
        String p = path == null ? field : path + "." + field;
        if (n == null || n.isNull()) {
            return null;
        }
        BigDecimal d;
        try {
            d = n.isNumber() ? n.decimalValue() : n.isTextual() ? new BigDecimal(n.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            d = null;
        }
        if (d == null) {
            throw ApiProblem.badRequest(p, "must be a decimal number");
        }
        if (d.signum() <= 0) {
            throw ApiProblem.badRequest(p, "must be greater than 0");
        }
        return d;
    }
}
