-- Events are stored once per (organization, meter, time, code): events of no meter from two
-- organizations are different events.
DROP INDEX meter_event_once;
CREATE UNIQUE INDEX meter_event_once ON meter_event (organization_id, meter_id, ts, code) NULLS NOT DISTINCT;
