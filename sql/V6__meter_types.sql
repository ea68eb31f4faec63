-- Meter types (config/meter-types/*.yaml) map what a protocol reports to the utility's registers.
ALTER TABLE meter ADD COLUMN meter_type text;
