#!/bin/bash
# Fills a Parley Postgres database with 50 million chat messages for the store benchmark (docs/benchmarks.md,
# "History with 50 million messages"): 10 000 rooms x 5 000 seqs, spread over the 24 month partitions 2025-01 to
# 2026-12, then ANALYZE. The database must have been migrated (open a store or a gateway on it once) and be one
# you can throw away: its chat_messages and chat_rooms are emptied first.
#   scripts/fill-history.sh "host=127.0.0.1 port=5499 user=postgres dbname=bench_50m"
# FILL_ROWS=48000 fills fewer (a smoke run).
set -euo pipefail
CONNINFO=${1:?usage: scripts/fill-history.sh "host=... port=... user=... dbname=..."}
P=(psql -v ON_ERROR_STOP=1 -qtA "$CONNINFO")
N=${FILL_ROWS:-50000000}; ROOMS=10000; MONTHS=24; PER=$((N / MONTHS + 1))
"${P[@]}" -c "DELETE FROM chat_messages" -c "DELETE FROM chat_rooms"
"${P[@]}" -c "SELECT parley_add_month(timestamptz '2025-01-01Z' + m * interval '1 month')
              FROM generate_series(0, $((MONTHS - 1))) m" >/dev/null
start=$(date +%s)
for m in $(seq 0 $((MONTHS - 1))); do
  lo=$((m * PER)); hi=$(( (m + 1) * PER < N ? (m + 1) * PER : N ))
  "${P[@]}" -c "SET synchronous_commit = off" -c "
    INSERT INTO chat_messages (room, seq, user_name, body, sent_at, client_id)
    SELECT 'fill-' || (g % $ROOMS), g / $ROOMS + 1, 'user' || (g % 1000),
           'message ' || g || ' lorem ipsum dolor sit amet, consectetur adipiscing',
           (timestamptz '2025-01-01Z' + $m * interval '1 month')
             + ((g - $lo)::float8 / $PER) * ((timestamptz '2025-01-01Z' + ($m + 1) * interval '1 month')
                                              - (timestamptz '2025-01-01Z' + $m * interval '1 month')),
           md5(g::text)
    FROM generate_series($lo, $((hi - 1))) g"
  echo "month $m rows $lo..$((hi - 1)) done at $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
"${P[@]}" -c "INSERT INTO chat_rooms (name, last_seq, last_activity)
              SELECT 'fill-' || r, $((N / ROOMS)), timestamptz '2026-12-01Z' FROM generate_series(0, $((ROOMS - 1))) r"
"${P[@]}" -c "ANALYZE chat_messages" -c "ANALYZE chat_rooms"
echo "filled in $(( $(date +%s) - start )) s"
"${P[@]}" -c "SELECT pg_size_pretty(sum(pg_table_size(inhrelid))) || ' table, '
                     || pg_size_pretty(sum(pg_indexes_size(inhrelid))) || ' indexes'
              FROM pg_inherits WHERE inhparent = 'chat_messages'::regclass"
