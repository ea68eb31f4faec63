-- The high-volume tables lose their foreign keys; what the keys did on delete, triggers do.
--
-- A foreign key is checked for every inserted row: a look-up of the referenced row that also
-- locks it (FOR KEY SHARE). Readings of all the meters of an organization reference the same
-- few register rows, and frames and poll runs the same organization row, so concurrent
-- transactions kept locking the same rows, which makes PostgreSQL create a new multixact for
-- each of them. Measured with pgbench on the 2-core benchmark box, 8 clients each inserting a
-- poll session's 96 readings per transaction: 1 355 transactions/s with both keys of reading,
-- 1 760 with the meter key alone, 2 650 with none.
--
-- What stays true without them:
-- * Writers never insert for a meter that does not exist: the reading inserts lock the meters
--   they write for (one lock per meter and transaction, not per row) and skip readings of a
--   meter that is gone; the poll worker writes its run only while the meter exists. A meter
--   deleted while readings of it are being stored waits for that transaction; then its
--   readings are deleted with it.
-- * Register ids come from the register table (ReadingStore), and registers are deleted only
--   with their organization, whose meters, and so readings, go with it.
ALTER TABLE reading DROP CONSTRAINT reading_meter_id_fkey;
ALTER TABLE reading DROP CONSTRAINT reading_register_id_fkey;
ALTER TABLE raw_frame DROP CONSTRAINT raw_frame_organization_id_fkey;
ALTER TABLE raw_frame DROP CONSTRAINT raw_frame_meter_id_fkey;
ALTER TABLE poll_run DROP CONSTRAINT poll_run_organization_id_fkey;
ALTER TABLE poll_run DROP CONSTRAINT poll_run_meter_id_fkey;

-- Deleted meters take their readings and poll runs with them; their archived frames stay, no
-- longer linked to a meter (as ON DELETE SET NULL did). One statement for all the meters a
-- statement deleted: deleting an organization deletes its meters in one statement.
-- SECURITY DEFINER: the readings are removed whatever the deleting role may see, as the
-- foreign key's cascade did.
CREATE FUNCTION meterflow_meters_deleted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    DELETE FROM reading r USING gone g WHERE r.meter_id = g.id;
    DELETE FROM poll_run p USING gone g WHERE p.meter_id = g.id;
    UPDATE raw_frame f SET meter_id = NULL FROM gone g WHERE f.meter_id = g.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER meters_deleted AFTER DELETE ON meter REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION meterflow_meters_deleted();

-- Deleted organizations take their archived frames with them (their meters, above, take the rest).
CREATE FUNCTION meterflow_organizations_deleted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
    DELETE FROM raw_frame f USING gone g WHERE f.organization_id = g.id;
    DELETE FROM poll_run p USING gone g WHERE p.organization_id = g.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER organizations_deleted AFTER DELETE ON organization REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION meterflow_organizations_deleted();
