-- Decoding: events are stored once per (meter, time, code), so a redelivered event message or a
-- frame decoded again adds nothing; staged frames are found by their device.

CREATE UNIQUE INDEX meter_event_once ON meter_event (meter_id, ts, code) NULLS NOT DISTINCT;
CREATE INDEX raw_frame_staged_device ON raw_frame (device_key) WHERE status = 'staged';
