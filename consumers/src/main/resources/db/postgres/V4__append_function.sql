-- Postgres only (db/postgres is migrated after db/migration, on Postgres alone; H2 writes through JDBC instead):
-- one call stores a batch of new messages. Given five arrays, one element per message (rooms, users, texts, the
-- time the server accepted each in epoch milliseconds, client ids or NULL), it
--   1. finds retries of messages stored before (same room, user and client id): answered as duplicates;
--   2. folds repeats within the batch into their first: answered as duplicates of it;
--   3. takes each room's next seqs, creating the room at its first message, locking the rooms in name order so
--      that two gateways never wait on each other in a cycle;
--   4. inserts the rest.
-- One row per message, by its 1-based position (ord): its seq, and for a duplicate the stored text and time.
-- PL/pgSQL rather than SQL: it keeps the statement's plan for the session, where an SQL function with data-changing
-- CTEs is planned again on every call.
CREATE FUNCTION parley_append(p_rooms text[], p_users text[], p_texts text[], p_sent_ms bigint[],
                              p_client_ids text[])
RETURNS TABLE (ord integer, seq bigint, body text, sent_at timestamptz, duplicate boolean)
LANGUAGE plpgsql
-- One plan for the session: with custom plans (the default for the first calls, and kept when they look cheaper)
-- every call is planned again, which doubled its cost. That plan is made once, maybe while the tables are still
-- empty, when a sequential scan looks cheapest; kept while the table grows, it would look every message up by
-- scanning the whole table. The function only ever needs its indexes, so it tells the planner so.
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
AS $$
#variable_conflict use_column
BEGIN
RETURN QUERY
WITH batch AS (
    SELECT b.ord::int AS ord, b.room, b.user_name, b.body,
           timestamptz 'epoch' + b.sent_ms * interval '1 millisecond' AS sent_at, b.client_id
    FROM unnest(p_rooms, p_users, p_texts, p_sent_ms, p_client_ids)
         WITH ORDINALITY AS b(room, user_name, body, sent_ms, client_id, ord)
),
earlier AS (
    SELECT b.ord, m.seq, m.body, m.sent_at
    FROM batch b
    JOIN chat_messages m ON m.room = b.room AND m.user_name = b.user_name AND m.client_id = b.client_id
),
firsts AS (
    SELECT b.*, first_value(b.ord) OVER (PARTITION BY b.room, b.user_name, b.client_id,
                                         CASE WHEN b.client_id IS NULL THEN b.ord END
                                         ORDER BY b.ord) AS first_ord
    FROM batch b
    WHERE b.ord NOT IN (SELECT ord FROM earlier)
),
fresh AS (
    SELECT f.*, row_number() OVER (PARTITION BY f.room ORDER BY f.ord) AS nth,
           count(*) OVER (PARTITION BY f.room) AS taken
    FROM firsts f
    WHERE f.ord = f.first_ord
),
locked_rooms AS (
    INSERT INTO chat_rooms AS r (name, last_seq, last_activity)
    SELECT room, count(*), max(sent_at) FROM fresh GROUP BY room ORDER BY room
    ON CONFLICT (name) DO UPDATE
        SET last_seq = r.last_seq + excluded.last_seq, last_activity = excluded.last_activity
    RETURNING r.name, r.last_seq
),
assigned AS (
    SELECT f.ord, f.room, r.last_seq - f.taken + f.nth AS seq, f.user_name, f.body, f.sent_at, f.client_id
    FROM fresh f
    JOIN locked_rooms r ON r.name = f.room
),
inserted AS (
    INSERT INTO chat_messages (room, seq, user_name, body, sent_at, client_id)
    SELECT room, seq, user_name, body, sent_at, client_id FROM assigned
)
SELECT ord, seq, NULL::text, NULL::timestamptz, false FROM assigned
UNION ALL
SELECT f.ord, a.seq, a.body, a.sent_at, true
FROM firsts f
JOIN assigned a ON a.ord = f.first_ord
WHERE f.ord <> f.first_ord
UNION ALL
SELECT ord, seq, body, sent_at, true FROM earlier;
END;
$$;
