-- DLMS replay protection in one row per sender: the highest counter accepted and a bitmap of the
-- counters accepted within the window below it (the anti-replay window of IPsec, RFC 4303 3.4.3),
-- instead of a row of dlms_invocation_seen for every accepted counter.
--
-- That table grew by a row and an index entry for every ciphered push and shrank only once a
-- sender's counters ran a window past them: with the default window of 1024, a million meters
-- would have kept a billion rows. Checking a push now updates its sender's row and nothing else.
--
-- seen: bit i (counted from the left, from 0) is set when counter - i was accepted. Its length is
-- the window the hub checks with (meterflow.decode.dlms-replay-window); a row written under
-- another window is fitted to the new one on its next check (dlms_window_fit).

ALTER TABLE dlms_invocation_counter ADD COLUMN seen bit varying;
-- Room on each page for the new version of a row, so that its updates stay on the page (HOT).
ALTER TABLE dlms_invocation_counter SET (fillfactor = 70);

-- The counters accepted so far, in a window of 1024 (the default); counters recorded further
-- below the highest are left to the fitting rule below, which refuses them.
UPDATE dlms_invocation_counter c
   SET seen = coalesce((SELECT bit_or(set_bit(repeat('0', 1024)::varbit, (c.counter - s.counter)::integer, 1))
                          FROM dlms_invocation_seen s
                         WHERE s.system_title = c.system_title AND s.counter <= c.counter AND s.counter > c.counter - 1024),
                       B'1' || repeat('0', 1023)::varbit);
ALTER TABLE dlms_invocation_counter ALTER COLUMN seen SET NOT NULL;

DROP FUNCTION dlms_advance_counters(text[], bigint[], bigint);
DROP TABLE dlms_invocation_seen;

-- The window at the length the hub checks with. A longer window counts the counters below the old
-- one as accepted, so that none of them gets through again; a shorter one forgets the oldest.
CREATE FUNCTION dlms_window_fit(seen bit varying, size integer) RETURNS bit varying
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN length(seen) >= size THEN substring(seen FROM 1 FOR size)
                ELSE seen || repeat('1', size - length(seen))::varbit END
$$;

-- Whether a counter is accepted from a sender whose highest accepted counter is high: once, and
-- only within the window below high (or above it). A CASE, because the order in which SQL
-- evaluates the operands of AND is not defined: the bit is looked up only for a counter within
-- the window (a 32-bit DLMS counter far below would not fit the integer bit number).
CREATE FUNCTION dlms_window_accepts(high bigint, seen bit varying, counter bigint, size integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN counter > high THEN true
                WHEN counter <= high - size THEN false
                ELSE get_bit(dlms_window_fit(seen, size), (high - counter)::integer) = 0 END
$$;

-- The window once the counter is accepted: moved up to a new highest counter, or the counter's bit set.
CREATE FUNCTION dlms_window_add(high bigint, seen bit varying, counter bigint, size integer) RETURNS bit varying
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN counter > high THEN set_bit(dlms_window_fit(seen, size) >> least(counter - high, size)::integer, 0, 1)
                ELSE set_bit(dlms_window_fit(seen, size), (high - counter)::integer, 1) END
$$;
