package io.meterflow.hub.receive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meterflow.hub.amqp.RawFrames;
import io.meterflow.hub.api.Api;
import io.meterflow.hub.api.ApiProblem;
import io.meterflow.hub.api.Role;
import io.meterflow.hub.db.Tenancy;
import io.meterflow.hub.decode.RawFrameArchive;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Uplinks from LoRaWAN network servers: The Things Stack v3 webhooks and ChirpStack v4 HTTP and
 * MQTT integrations. The webhook is configured with an operator API key of the organization
 * ({@code Authorization: Bearer <key>}), which is how an uplink finds its tenant.
 *
 * <p>The device is the meter whose {@code addressing.devEui} matches; its {@code protocol} says how
 * the payload is decoded (wM-Bus or DLMS inside LoRaWAN, or a push layout). Duplicates of an
 * uplink (a network server retrying, several integrations) are dropped by the uplink's own id:
 * ChirpStack's deduplication id, The Things Stack's application-server correlation id.
 */
@Component("lorawanReceiver")
public class LorawanReceiver {

    /** What became of an uplink. */
    public record Outcome(String status, String detail) {
    }

    private record Uplink(String devEui, String dedupKey, byte[] payload, Instant receivedAt, String transport) {
    }

    private final Api api;
    private final Tenancy tenancy;
    private final RawFrames raw;
    private final RawFrameArchive archive;
    private final ObjectMapper json;

    public LorawanReceiver(Api api, Tenancy tenancy, RawFrames raw, RawFrameArchive archive, ObjectMapper json) {
        this.api = api;
        this.tenancy = tenancy;
        this.raw = raw;
        this.archive = archive;
        this.json = json;
    }

    /** {@code POST /api/v1/lorawan/tts}: a The Things Stack v3 webhook (uplink message). */
    public void tts(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> answer(receive(req.organizationId(), tts(req.json()))));
    }

    /** {@code POST /api/v1/lorawan/chirpstack?event=up}: a ChirpStack v4 HTTP integration event. */
    public void chirpstack(Exchange ex) {
        api.handle(ex, Role.OPERATOR, req -> {
            String event = req.query("event");
            if (event != null && !event.equals("up")) {
                return answer(new Outcome("ignored", "event '" + event + "' carries no meter data"));
            }
            return answer(receive(req.organizationId(), chirpstack(req.json(), "lorawan-chirpstack")));
        });
    }

    /**
     * A ChirpStack MQTT integration message. MQTT names no tenant: the organization is the one
     * configured for the receiver, or else the one whose meter has the DevEUI (it must be unique).
     */
    public Outcome chirpstackMqtt(byte[] body, String organization) {
        Uplink u;
        try {
            u = chirpstack(json.readTree(body), "lorawan-chirpstack-mqtt");
        } catch (java.io.IOException | ApiProblem e) {
            long id = archive.archive(null, "lorawan", "lorawan-chirpstack-mqtt", "mqtt", Instant.now(), body);
            archive.failed(id, "not a ChirpStack uplink: " + e.getMessage(), null, null, null, null);
            return new Outcome("failed", "kept as raw frame " + id);
        }
        if (u == null) {
            return new Outcome("ignored", "not an uplink with a payload");
        }
        if (organization != null && !organization.isBlank()) {
            return receive(Long.parseLong(organization.trim()), u);
        }
        List<Long> orgs = tenancy.asSystem(jdbc -> jdbc.queryForList(
                "SELECT DISTINCT organization_id FROM meter WHERE lower(addressing->>'devEui') = lower(?) LIMIT 2", Long.class, u.devEui()));
        if (orgs.size() != 1) {
            String why = orgs.isEmpty() ? "no meter has addressing.devEui " + u.devEui()
                    : "addressing.devEui " + u.devEui() + " is in several organizations; configure meterflow.receivers.mqtt.organization";
            long id = archive.archive(null, "lorawan", u.transport(), "devEui " + u.devEui(), u.receivedAt(), u.payload());
            archive.failed(id, why, null, "lorawan:" + u.devEui().toLowerCase(), null, null);
            return new Outcome("unassigned", why);
        }
        return receive(orgs.get(0), u);
    }

    private io.meterflow.hub.api.ApiResponse answer(Outcome o) {
        return api.json(o.status().equals("accepted") ? 202 : 200, Map.of("status", o.status(), "detail", o.detail()));
    }

    private Outcome receive(long organizationId, Uplink u) {
        if (u == null) {
            return new Outcome("ignored", "not an uplink with a payload");
        }
        // The uplink's id is recorded in the transaction that publishes it: if the broker does not
        // confirm, the id rolls back and the network server's retry is taken, not called a duplicate.
        return tenancy.inOrganization(organizationId, jdbc -> {
            boolean fresh = jdbc.update("""
                    INSERT INTO lorawan_uplink (organization_id, dedup_key, dev_eui) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""",
                    organizationId, u.dedupKey(), u.devEui()) == 1;
            if (!fresh) {
                return new Outcome("duplicate", "uplink " + u.dedupKey() + " was received before");
            }
            List<Map<String, Object>> meters = jdbc.queryForList(
                    "SELECT id, protocol FROM meter WHERE lower(addressing->>'devEui') = lower(?)", u.devEui());
            return publish(organizationId, u, meters);
        });
    }

    private Outcome publish(long organizationId, Uplink u, List<Map<String, Object>> meters) {
        if (meters.size() != 1 || meters.get(0).get("protocol") == null) {
            String why = meters.isEmpty() ? "no meter has addressing.devEui " + u.devEui()
                    : meters.size() > 1 ? "several meters have addressing.devEui " + u.devEui()
                    : "meter " + meters.get(0).get("id") + " has no protocol to decode its payload with";
            long id = archive.archive(organizationId, "lorawan", u.transport(), "devEui " + u.devEui(), u.receivedAt(), u.payload());
            archive.failed(id, why, null, "lorawan:" + u.devEui().toLowerCase(), organizationId, null);
            return new Outcome("unassigned", why + "; the payload is kept as raw frame " + id);
        }
        long meterId = ((Number) meters.get(0).get("id")).longValue();
        raw.publish(List.of(new RawFrames.Raw((String) meters.get(0).get("protocol"), u.transport(), "devEui " + u.devEui(),
                u.receivedAt(), organizationId, null, meterId, u.payload())));
        return new Outcome("accepted", "for meter " + meterId);
    }

    private static Uplink tts(JsonNode n) {
        JsonNode up = n.path("uplink_message");
        String payload = up.path("frm_payload").asText(null);
        if (payload == null) {
            return null;
        }
        String devEui = n.path("end_device_ids").path("dev_eui").asText(null);
        if (devEui == null) {
            throw ApiProblem.badRequest("end_device_ids.dev_eui", "is required");
        }
        String dedup = null;
        for (JsonNode c : n.path("correlation_ids")) {
            if (c.asText().startsWith("as:up:")) {
                dedup = c.asText();
            }
        }
        if (dedup == null) {
            dedup = "tts:" + devEui + ":" + up.path("f_cnt").asText() + ":" + n.path("received_at").asText();
        }
        return new Uplink(devEui, dedup, base64(payload, "uplink_message.frm_payload"),
                time(n.path("received_at").asText(null)), "lorawan-tts");
    }

    private static Uplink chirpstack(JsonNode n, String transport) {
        String payload = n.path("data").asText(null);
        if (payload == null) {
            return null;
        }
        String devEui = n.path("deviceInfo").path("devEui").asText(null);
        if (devEui == null) {
            throw ApiProblem.badRequest("deviceInfo.devEui", "is required");
        }
        String dedup = n.hasNonNull("deduplicationId") ? "chirpstack:" + n.get("deduplicationId").asText()
                : "chirpstack:" + devEui + ":" + n.path("fCnt").asText() + ":" + n.path("time").asText();
        return new Uplink(devEui, dedup, base64(payload, "data"), time(n.path("time").asText(null)), transport);
    }

    private static byte[] base64(String s, String field) {
        try {
            byte[] b = Base64.getDecoder().decode(s);
            if (b.length == 0) {
                throw ApiProblem.badRequest(field, "is empty");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, "is not base64");
        }
    }

    private static Instant time(String s) {
        if (s == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

}
