-- parley_append (V6) again, looking for retries in the last 31 days only. Since V9 chat_messages is partitioned by
-- month of sent_at, and a retry's original may lie in any month, so V6's look-up by (room, user_name, client_id)
-- descends the client-id index of every month partition for every message of a batch: with 50 million rows in 28
-- months that was 78 index pages and about 200 µs of Postgres's time per message, against 9 pages on an empty table
-- (docs/benchmarks.md, "History with 50 million messages"). A client retries a message until it is acknowledged,
-- within minutes or hours of sending it; bounding the look-up to originals sent at most 31 days before the batch's
-- earliest message lets Postgres skip every month partition older than that (at most two are searched). A retry
-- sent more than 31 days after its original is stored as a new message (docs/history.md, "Idempotency").
-- Otherwise the same as V6: same arguments, same answer, the rooms locked first in name order.
CREATE OR REPLACE FUNCTION parley_append(p_rooms text[], p_users text[], p_texts text[], p_sent_ms bigint[],
                                         p_client_ids text[])
RETURNS TABLE (ord integer, seq bigint, body text, sent_at timestamptz, duplicate boolean)
LANGUAGE plpgsql
-- As in V4: one generic plan per session, and only ever the indexes.
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
AS $$
#variable_conflict use_column
DECLARE
    -- A variable is a parameter of the statements below, so the partitions before it are pruned when they start.
    v_since timestamptz := (SELECT timestamptz 'epoch' + min(s) * interval '1 millisecond' FROM unnest(p_sent_ms) s)
                           - interval '31 days';
BEGIN
-- The update changes nothing: it is there to lock a room that already exists.
INSERT INTO chat_rooms AS r (name, last_seq, last_activity)
SELECT b.room, 0, max(timestamptz 'epoch' + b.sent_ms * interval '1 millisecond')
FROM unnest(p_rooms, p_sent_ms) AS b(room, sent_ms)
GROUP BY b.room
ORDER BY b.room
ON CONFLICT (name) DO UPDATE SET last_seq = r.last_seq;

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
                        AND m.sent_at >= v_since
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
counted AS (
    UPDATE chat_rooms AS r
    SET last_seq = r.last_seq + t.taken, last_activity = t.last_activity
    FROM (SELECT room, count(*) AS taken, max(sent_at) AS last_activity FROM fresh GROUP BY room) t
    WHERE r.name = t.room
    RETURNING r.name, r.last_seq
),
assigned AS (
    SELECT f.ord, f.room, r.last_seq - f.taken + f.nth AS seq, f.user_name, f.body, f.sent_at, f.client_id
    FROM fresh f
    JOIN counted r ON r.name = f.room
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
