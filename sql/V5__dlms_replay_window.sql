-- DLMS replay protection by window: the counters accepted from each sender within the window
-- below the highest one seen.
CREATE TABLE dlms_invocation_seen (
    system_title  text   NOT NULL,
    counter       bigint NOT NULL,
    PRIMARY KEY (system_title, counter)
);
