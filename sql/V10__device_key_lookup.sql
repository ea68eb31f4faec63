-- Frames that arrive without an organization (DLMS over UDP and TCP, gateway hex lines) are
-- given to their meter by device key across organizations. The unique index on
-- (organization_id, device_key) cannot serve that look-up, so each was a sequential scan of the
-- meter table: with 11 000 meters, a perf profile of a push run showed PostgreSQL busy comparing
-- device keys (texteq under a sequential scan), once per meter whenever the hub's 30 s cache of it
-- expired. With millions of meters it would not keep up at all.
CREATE INDEX meter_device_key_any ON meter (device_key) WHERE device_key IS NOT NULL;
