-- Receivers: LoRaWAN uplinks are taken once per uplink id (a network server that retries, or
-- two integrations of one application, deliver the same uplink again); meters are found by DevEUI.

CREATE TABLE lorawan_uplink (
    organization_id  bigint      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    dedup_key        text        NOT NULL,
    dev_eui          text        NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, dedup_key)
);
CREATE INDEX lorawan_uplink_received ON lorawan_uplink (received_at);
ALTER TABLE lorawan_uplink ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lorawan_uplink USING (organization_id = meterflow_current_org())
    WITH CHECK (organization_id = meterflow_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON lorawan_uplink TO ${appRole};

CREATE INDEX meter_dev_eui ON meter (organization_id, lower(addressing->>'devEui')) WHERE addressing ? 'devEui';

-- The highest DLMS invocation counter accepted per sender (system title): a secured push whose
-- counter is not above it is a replay. Senders are physical meters, not tenant data.
CREATE TABLE dlms_invocation_counter (
    system_title  text        PRIMARY KEY,
    counter       bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
