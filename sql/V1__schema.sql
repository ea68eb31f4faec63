-- Meterflow schema, version 1.
--
-- Same-schema multi-tenancy: every tenant-owned row carries organization_id, and row-level
-- security limits every query to the organization named by the transaction setting
-- meterflow.organization_id. The hub does its tenant work as the role ${appRole} (SET LOCAL ROLE
-- inside each transaction), which is neither a superuser nor the tables' owner, so the policies
-- apply to it even when the hub logs in as a superuser. The login role owns the tables and is
-- the hub's system identity (migrations, API key look-up, partition upkeep); it is deliberately
-- not subject to the policies, which is why tables are not FORCE ROW LEVEL SECURITY.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
        CREATE ROLE ${appRole} NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    -- A login role that is not a superuser may only SET ROLE to roles it is a member of.
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('GRANT %I TO %I', '${appRole}', current_user);
    END IF;
END
$$;

-- The organization of the current transaction, or NULL when none is set (then no tenant row is
-- visible to ${appRole}).
CREATE FUNCTION meterflow_current_org() RETURNS bigint
    LANGUAGE sql STABLE
AS $$ SELECT NULLIF(current_setting('meterflow.organization_id', true), '')::bigint $$;

CREATE TABLE organization (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text        NOT NULL UNIQUE CHECK (position('@' IN email) > 1),
    name        text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE membership (
    organization_id bigint      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role            text        NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX membership_user ON membership (user_id);

-- Keys are shown once at creation; only their SHA-256 is kept. The prefix lets a person tell
-- keys apart in a listing without the secret.
CREATE TABLE api_key (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    user_id         bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    name            text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    prefix          text        NOT NULL,
    key_hash        bytea       NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
CREATE INDEX api_key_org ON api_key (organization_id);

CREATE TABLE poll_profile (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    name             text        NOT NULL,
    schedule         text        NOT NULL,
    registers        jsonb       NOT NULL DEFAULT '[]',
    load_profile     boolean     NOT NULL DEFAULT false,
    clock_sync       boolean     NOT NULL DEFAULT false,
    allowed_drift_s  integer     NOT NULL DEFAULT 10,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name)
);

CREATE TABLE meter (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    external_ref     text        NOT NULL,
    serial           text,
    name             text,
    medium           text        NOT NULL,
    protocol         text,
    -- The protocol-native identity (DeviceId.key()) that decoded frames are matched on.
    device_key       text,
    -- Protocol addressing (primary/secondary address, client/server address, ...), free-form.
    addressing       jsonb       NOT NULL DEFAULT '{}',
    endpoint         text,
    timezone         text        NOT NULL DEFAULT 'UTC',
    ct_ratio         numeric     NOT NULL DEFAULT 1 CHECK (ct_ratio > 0),
    vt_ratio         numeric     NOT NULL DEFAULT 1 CHECK (vt_ratio > 0),
    poll_profile_id  bigint      REFERENCES poll_profile (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, external_ref)
);
CREATE UNIQUE INDEX meter_device_key ON meter (organization_id, device_key) WHERE device_key IS NOT NULL;
CREATE INDEX meter_serial ON meter (organization_id, serial);

-- Keys are AES-256-GCM encrypted with the master key from configuration; the API never
-- returns them.
CREATE TABLE meter_key (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    meter_id         bigint      NOT NULL REFERENCES meter (id) ON DELETE CASCADE,
    kind             text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_-]{0,39}$'),
    ciphertext       bytea       NOT NULL,
    nonce            bytea       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (meter_id, kind)
);

CREATE TABLE register (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    key              text        NOT NULL,
    unit             text        NOT NULL,
    description      text,
    UNIQUE (organization_id, key, unit)
);

-- Readings are keyed (meter, register, time): a redelivered or duplicated batch is stored once.
-- Monthly partitions (UTC) are created by the storage writer as data arrives.
CREATE TABLE reading (
    organization_id  bigint      NOT NULL,
    meter_id         bigint      NOT NULL REFERENCES meter (id) ON DELETE CASCADE,
    register_id      bigint      NOT NULL REFERENCES register (id) ON DELETE CASCADE,
    ts               timestamptz NOT NULL,
    value            numeric     NOT NULL,
    quality          text[],
    received_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (meter_id, register_id, ts)
) PARTITION BY RANGE (ts);

-- Readings of devices that are not registered yet; promoted when the meter appears.
CREATE TABLE staged_reading (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint      REFERENCES organization (id) ON DELETE CASCADE,
    protocol         text        NOT NULL,
    device_key       text        NOT NULL,
    register_key     text        NOT NULL,
    unit             text        NOT NULL,
    ts               timestamptz NOT NULL,
    value            numeric     NOT NULL,
    quality          text[],
    raw_frame_id     bigint,
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staged_reading_device ON staged_reading (device_key);

CREATE TABLE meter_event (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    meter_id         bigint      REFERENCES meter (id) ON DELETE CASCADE,
    ts               timestamptz NOT NULL,
    code             text        NOT NULL,
    severity         text        NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'warning', 'alarm')),
    description      text,
    attributes       jsonb       NOT NULL DEFAULT '{}',
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meter_event_meter_ts ON meter_event (meter_id, ts);

-- Every frame that arrives, before decoding, so that frames of unknown devices or missing keys
-- can be decoded later.
CREATE TABLE raw_frame (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint      REFERENCES organization (id) ON DELETE CASCADE,
    meter_id         bigint      REFERENCES meter (id) ON DELETE SET NULL,
    protocol         text        NOT NULL,
    transport        text        NOT NULL,
    source_address   text,
    device_key       text,
    payload          bytea       NOT NULL,
    status           text        NOT NULL DEFAULT 'received'
                     CHECK (status IN ('received', 'decoded', 'staged', 'failed')),
    error            text,
    error_offset     integer,
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX raw_frame_received ON raw_frame (received_at);
CREATE INDEX raw_frame_status ON raw_frame (status) WHERE status <> 'decoded';

CREATE TABLE poll_run (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint      NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    meter_id         bigint      NOT NULL REFERENCES meter (id) ON DELETE CASCADE,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    outcome          text        CHECK (outcome IN ('success', 'partial', 'failure', 'timeout')),
    error            text,
    readings         integer     NOT NULL DEFAULT 0
);
CREATE INDEX poll_run_meter ON poll_run (meter_id, started_at);

-- Row-level security on every tenant-owned table.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['membership', 'api_key', 'poll_profile', 'meter', 'meter_key', 'register',
                             'reading', 'staged_reading', 'meter_event', 'raw_frame', 'poll_run']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (organization_id = meterflow_current_org())'
                       ' WITH CHECK (organization_id = meterflow_current_org())', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${appRole}', t);
    END LOOP;
END
$$;

-- An organization sees only itself.
ALTER TABLE organization ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organization USING (id = meterflow_current_org());
GRANT SELECT, UPDATE ON organization TO ${appRole};

-- A user is visible to an organization only while a member of it.
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_of_current_org ON app_user
    USING (EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user.id));
GRANT SELECT ON app_user TO ${appRole};

GRANT EXECUTE ON FUNCTION meterflow_current_org() TO ${appRole};
GRANT USAGE ON SCHEMA public TO ${appRole};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${appRole};
