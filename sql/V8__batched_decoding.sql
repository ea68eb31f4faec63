-- DLMS replay checks of a whole batch of frames in one call. The decode workers decode a batch of
-- frames, then check every invocation counter of it here, in the transaction that archives the
-- frames and stores their readings: a counter is accepted exactly when those are committed.
-- For each (system title, counter), in order, as the single check did: raise the highest counter
-- seen, accept the counter once if it is within the window below the highest, and drop the seen
-- counters that fell out of the window when this one is the new highest. Returns, in input order,
-- whether each was accepted and the highest counter seen.
CREATE FUNCTION dlms_advance_counters(titles text[], counters bigint[], replay_window bigint)
RETURNS TABLE (accepted boolean, highest bigint)
LANGUAGE plpgsql AS $$
DECLARE
    i      integer;
    high   bigint;
    added  integer;
BEGIN
    FOR i IN 1 .. coalesce(array_length(titles, 1), 0) LOOP
        INSERT INTO dlms_invocation_counter AS c (system_title, counter) VALUES (titles[i], counters[i])
            ON CONFLICT (system_title) DO UPDATE SET counter = greatest(c.counter, EXCLUDED.counter), updated_at = now()
            RETURNING c.counter INTO high;
        added := 0;
        IF counters[i] > high - replay_window THEN
            INSERT INTO dlms_invocation_seen (system_title, counter) VALUES (titles[i], counters[i]) ON CONFLICT DO NOTHING;
            GET DIAGNOSTICS added = ROW_COUNT;
        END IF;
        IF added = 1 AND counters[i] = high THEN
            DELETE FROM dlms_invocation_seen d WHERE d.system_title = titles[i] AND d.counter <= high - replay_window;
        END IF;
        accepted := added = 1;
        highest := high;
        RETURN NEXT;
    END LOOP;
END
$$;
