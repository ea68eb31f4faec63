package io.meterflow.hub.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a member or an API key may do in its organization; each role includes the ones below it. */
public enum Role {
    /** Reads meters, readings and events. */
    VIEWER,
    /** Also creates and changes meters, their keys, and posts readings. */
    OPERATOR,
    /** Also manages the organization, its members and its API keys, and creates organizations. */
    ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public static Role fromCode(String code, String field) {
        if (code != null) {
            for (Role r : values()) {
                if (r.code().equalsIgnoreCase(code.trim())) {
                    return r;
                }
            }
        }
        throw ApiProblem.badRequest(field, "must be one of "
                + Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", ")) + ", was " + quote(code));
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
