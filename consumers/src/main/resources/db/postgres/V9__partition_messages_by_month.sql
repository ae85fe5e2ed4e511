-- History that grows for years (issue 16): chat_messages becomes a table partitioned by month of sent_at, so that
-- old months can be dropped whole (CHAT_HISTORY_RETENTION_DAYS) and no index grows without bound.
--
-- Postgres wants the partition key in every unique index, so the uniqueness kept is
--   PRIMARY KEY (room, seq, sent_at): each partition's index on (room, seq) serves every read by seq;
--   the client-id index (room, user_name, client_id) is no longer UNIQUE.
-- Neither loses anything: a room's seqs are only handed out under its chat_rooms row lock (parley_append, V6, and
-- AmendSql), each from last_seq, so two rows of a room never get one seq; and the look-up of a retry by (room,
-- user_name, client_id) happens under that same lock, before the insert, so a retry is found rather than stored
-- twice. The unique indexes were a second line behind that protocol; the protocol stays the first.
--
-- One partition per calendar month in UTC, named chat_messages_yYYYYmMM. No DEFAULT partition: a row held there for
-- a month blocks creating that month's partition later, and every creation would have to scan it. The gateways
-- create the months ahead instead (HistoryUpkeep: at start and every hour, the current month and the next three),
-- so an insert finds its month unless a gateway's clock is months off; then that batch fails, and its clients are
-- told the store is unavailable (nothing is lost silently).
--
-- Existing rows are copied once here, in the migration's transaction: on a large table this takes a while (see
-- docs/history.md), and the gateways wait for it at start (Flyway's lock).

ALTER TABLE chat_messages RENAME TO chat_messages_v8;
ALTER TABLE chat_messages_v8 RENAME CONSTRAINT chat_messages_pkey TO chat_messages_v8_pkey;
ALTER INDEX chat_messages_client_id RENAME TO chat_messages_v8_client_id;

CREATE TABLE chat_messages (LIKE chat_messages_v8 INCLUDING DEFAULTS) PARTITION BY RANGE (sent_at);
ALTER TABLE chat_messages ADD PRIMARY KEY (room, seq, sent_at);
CREATE INDEX chat_messages_client_id ON chat_messages (room, user_name, client_id);

-- Makes the partition of the month holding p_month (UTC) unless it exists; answers its name if it made it, else NULL.
-- Several gateways may call it at once: the advisory lock (held to the end of the caller's transaction) lets one
-- look and create at a time. The table is made first and attached after: attaching takes only a SHARE UPDATE
-- EXCLUSIVE lock on chat_messages, which inserts and reads never wait for (CREATE TABLE … PARTITION OF would take
-- an ACCESS EXCLUSIVE one).
CREATE FUNCTION parley_add_month(p_month timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    v_from timestamptz := date_trunc('month', p_month AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    v_to   timestamptz := (date_trunc('month', p_month AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
    v_name text := 'chat_messages_' || to_char(p_month AT TIME ZONE 'UTC', '"y"YYYY"m"MM');
BEGIN
    PERFORM pg_advisory_xact_lock(7061726, 1);
    IF to_regclass(v_name) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE chat_messages INCLUDING DEFAULTS)', v_name);
    EXECUTE format('ALTER TABLE chat_messages ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   v_name, v_from, v_to);
    RETURN v_name;
END;
$$;

-- Drops every month partition whose whole month ends at or before p_cutoff; answers their names. Under the same
-- advisory lock as parley_add_month. Dropping a partition takes an ACCESS EXCLUSIVE lock on chat_messages for a
-- moment: the caller bounds its wait with lock_timeout, and tries again later if it could not have it.
CREATE FUNCTION parley_drop_months_before(p_cutoff timestamptz) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    v_name text;
BEGIN
    PERFORM pg_advisory_xact_lock(7061726, 1);
    FOR v_name IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'chat_messages'::regclass AND c.relname ~ '^chat_messages_y[0-9]{4}m[0-9]{2}$'
          AND (to_date(substr(c.relname, 16, 4) || substr(c.relname, 21, 2), 'YYYYMM')::timestamp
               + interval '1 month') AT TIME ZONE 'UTC' <= p_cutoff
        ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TABLE %I', v_name);
        RETURN NEXT v_name;
    END LOOP;
END;
$$;

-- The months the existing rows fall in, and the current one and the next three.
DO $$
DECLARE
    v_month timestamptz;
    v_last  timestamptz := now() + interval '3 months';
    v_now   timestamptz := date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
BEGIN
    FOR v_month IN
        SELECT DISTINCT date_trunc('month', sent_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' FROM chat_messages_v8
    LOOP
        PERFORM parley_add_month(v_month);
    END LOOP;
    v_month := v_now;
    WHILE v_month <= v_last LOOP
        PERFORM parley_add_month(v_month);
        v_month := v_month + interval '1 month';
    END LOOP;
END;
$$;

INSERT INTO chat_messages SELECT * FROM chat_messages_v8;
DROP TABLE chat_messages_v8;
