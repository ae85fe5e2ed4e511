#!/bin/bash
# A Redis outage under chat load (docs/benchmarks.md, "Chat while Redis is away").
#
#   scripts/redis-outage-bench.sh LABEL GATEWAY_JAR GATEWAYS     # GATEWAYS: 1 (embedded H2) or 2 (Postgres)
#   NO_OUTAGE=1 scripts/redis-outage-bench.sh ...                # the same run with Redis left alone
#
# One or two gateways on a Redis of their own (port 16417, so the shared one stays up), limits off; for two, a fresh
# Postgres database on 127.0.0.1:5432 (user postgres). The generator (loadtest/target/chat-loadtest.jar) warms the
# gateways up, then runs a rich chat of 200 users at 1 message/s in rooms of 10; Redis is stopped 5 s into the 20 s
# measurement and started again 4 s later. Everything lands in ${OUT_ROOT:-/tmp/redis-outage}/LABEL: the
# generator's summary (generator.log, result.json), the gateways' logs, and the times Redis stopped and started.
set -u
LABEL=$1; JAR=$2; N=$3
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOADTEST=$ROOT/loadtest/target/chat-loadtest.jar
OUT=${OUT_ROOT:-/tmp/redis-outage}/$LABEL; rm -rf "$OUT"; mkdir -p "$OUT"
REDIS_PORT=${REDIS_PORT:-16417}
start_redis() { redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT" >> "$OUT/redis.log" 2>&1 & echo $! > "$OUT/redis.pid"; }
start_redis
sleep 0.5
DB=""
if [ "$N" = 2 ]; then
  DBNAME=outage_$(echo "$LABEL" | tr -c 'a-z0-9\n' '_')
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DBNAME" -c "CREATE DATABASE $DBNAME"
  DB="r2dbc:postgresql://postgres@127.0.0.1:5432/$DBNAME"
fi
URLS=""; PIDS=""
for i in $(seq 1 "$N"); do
  PORT=$((18540 + i)); MPORT=$((18640 + i))
  env -i PATH="$PATH" HOME="$HOME" CHAT_PORT=$PORT CHAT_HOST=127.0.0.1 CHAT_MANAGEMENT_PORT=$MPORT \
      CHAT_REDIS_URL=redis://127.0.0.1:$REDIS_PORT ${DB:+CHAT_DATABASE_URL=$DB} CHAT_DATA_DIR="$OUT/data$i" \
      CHAT_MAX_CONNECTIONS_PER_IP=0 CHAT_MAX_HTTP_CONNECTIONS_PER_IP=0 CHAT_FRAMES_PER_SECOND=0 CHAT_MESSAGES_PER_SECOND=0 \
      java -jar "$JAR" > "$OUT/gateway$i.log" 2>&1 &
  echo $! > "$OUT/gateway$i.pid"
  PIDS="$PIDS${PIDS:+,}$!"
  URLS="$URLS${URLS:+,}ws://127.0.0.1:$PORT"
done
for i in $(seq 1 "$N"); do
  for t in $(seq 1 120); do grep -q "Parley chat is running" "$OUT/gateway$i.log" && break; sleep 0.5; done
done
# Warm the gateways up first (a cold gateway on this busy machine took 12 s per handshake): not measured.
java -XX:+UseParallelGC -jar "$LOADTEST" --scenario chat --protocol rich --url "$URLS" \
    --users 200 --rate 1 --ramp 10s --settle 2s --duration 5s --drain 2s --max-failures 100 > "$OUT/warmup.log" 2>&1
java -XX:+UseParallelGC -jar "$LOADTEST" --scenario chat --protocol rich --url "$URLS" \
    --users 200 --rate 1 --settle 5s --duration 20s --drain 10s --server-pid "$PIDS" --json "$OUT/result.json" \
    > "$OUT/generator.log" 2>&1 &
GEN=$!
for t in $(seq 1 600); do grep -q "measur" "$OUT/generator.log" && break; sleep 0.1; done
echo "measure $(date +%T.%3N)" >> "$OUT/times"
sleep 5
if [ -z "${NO_OUTAGE:-}" ]; then
  echo "redis-stop $(date +%T.%3N)" >> "$OUT/times"
  kill "$(cat "$OUT/redis.pid")"; wait "$(cat "$OUT/redis.pid")" 2>/dev/null
  sleep 4
  echo "redis-start $(date +%T.%3N)" >> "$OUT/times"
  start_redis
fi
wait $GEN
echo "generator-exit $? $(date +%T.%3N)" >> "$OUT/times"
for i in $(seq 1 "$N"); do kill "$(cat "$OUT/gateway$i.pid")"; done
sleep 2
kill "$(cat "$OUT/redis.pid")"
# The database was this run's alone: what it measured is in $OUT.
[ -n "$DB" ] && psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)"
uptime >> "$OUT/times"
grep -v "^ *[0-9.]*s " "$OUT/generator.log"
grep -h "delivers again" "$OUT"/gateway*.log
cat "$OUT/times"
