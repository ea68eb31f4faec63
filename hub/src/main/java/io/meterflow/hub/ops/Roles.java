package io.meterflow.hub.ops;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One jar serves every role; {@code meterflow.roles} (default {@code all}) chooses which route
 * groups this instance runs, so each can be scaled on its own:
 * <ul>
 * <li>{@code receive}: the receivers (UDP/TCP/MQTT listeners);</li>
 * <li>{@code decode}: decode workers on meterflow.decode;</li>
 * <li>{@code store}: storage workers on meterflow.store and meterflow.store-events, and retention;</li>
 * <li>{@code poll}: the poll dispatch and poll workers;</li>
 * <li>{@code api}: the REST API (always served; the roles above are what this setting turns off).</li>
 * </ul>
 * Each role becomes {@code meterflow.role.<role>} (true/false) for the routes' autoStartup; a role
 * that is off also switches off its own settings (receivers, polling) whatever they say.
 */
public class Roles implements EnvironmentPostProcessor, Ordered {

    public static final List<String> ALL = List.of("api", "receive", "decode", "store", "poll");

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Set<String> roles = parse(env.getProperty("meterflow.roles", "all"));
        Map<String, Object> props = new HashMap<>();
        for (String role : ALL) {
            props.put("meterflow.role." + role, roles.contains(role));
        }
        if (!roles.contains("receive")) {
            for (String r : List.of("dlms-udp", "dlms-tcp", "dlms-hdlc", "hex-tcp", "mqtt")) {
                props.put("meterflow.receivers." + r + ".enabled", false);
            }
        }
        if (!roles.contains("poll")) {
            props.put("meterflow.poll.enabled", false);
        }
        env.getPropertySources().addFirst(new MapPropertySource("meterflowRoles", props));
    }

    static Set<String> parse(String text) {
        Set<String> roles = new LinkedHashSet<>();
        for (String r : text.split(",")) {
            String role = r.trim().toLowerCase(Locale.ROOT);
            if (role.isEmpty()) {
                continue;
            }
            if (role.equals("all")) {
                roles.addAll(ALL);
            } else if (ALL.contains(role)) {
                roles.add(role);
            } else {
                throw new IllegalArgumentException("meterflow.roles: unknown role '" + role + "'; roles are all, "
                        + String.join(", ", ALL));
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("meterflow.roles names no role; use all or some of " + Arrays.toString(ALL.toArray()));
        }
        roles.add("api");
        return roles;
    }
}
