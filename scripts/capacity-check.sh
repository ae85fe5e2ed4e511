#!/usr/bin/env bash
# Measures the inputs of docs/capacity.md on this machine, and checks the model at the largest scale it allows.
#
#   mvn -q -B package -DskipTests                                       # the jars: this script builds nothing
#   scripts/capacity-check.sh --gateways 2 --users 2000                 # inputs at a small scale (a few minutes)
#   scripts/capacity-check.sh --gateways 4 --users 60000 --rate 0.02    # the check: 60 000 connections
#
# It starts N gateways on the local Redis (a key prefix of their own) and a fresh database on the local Postgres
# (created with psql, dropped at the end), runs the load generator's chat scenario against them (tutorial rooms of
# --room-size, in as many generator processes and source addresses as the connections need), and reads, over the
# generator's measured phase only:
#   - Redis: commands by name (INFO commandstats), bytes in and out (INFO stats), its CPU;
#   - Postgres: rows inserted, transactions committed and WAL bytes written for the database, its backends' CPU;
#   - the gateways: CPU, and heap after a full GC and RSS per connection (taken once, early in the settle phase);
# and prints each per message stored and per delivery, next to the generator's own figures. Gateways run with their
# per-client limits off; any CHAT_* you export reaches them (but where they listen and store).
set -euo pipefail

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  cat <<'EOF'
Options:
  --gateways N        gateway processes (default 2)
  --users N           simulated users, one connection each (default 2000)
  --room-size N       users per room (default 10)
  --rate R            messages per second per user (default 0.2)
  --settle D          sending before measuring (default 30s; the heap is read 5 s into it)
  --duration D        the measured phase (default 30s)
  --ramp D            spread the connects over this long (default 2 ms per user, at most 120s)
  --out DIR           where logs and the generator's JSON go (default target/capacity-DATE)
  --port-base N       first gateway port (default 18700; management ports are 100 above)
EOF
}
fail() { echo "capacity-check.sh: $*" >&2; exit 2; }

gateways=2; users=2000; room_size=10; rate=0.2; settle=30s; duration=30s; ramp=""; out=""; port_base=18700
while [ $# -gt 0 ]; do
  case "$1" in
    --gateways) gateways=${2:?}; shift 2 ;;
    --users) users=${2:?}; shift 2 ;;
    --room-size) room_size=${2:?}; shift 2 ;;
    --rate) rate=${2:?}; shift 2 ;;
    --settle) settle=${2:?}; shift 2 ;;
    --duration) duration=${2:?}; shift 2 ;;
    --ramp) ramp=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --port-base) port_base=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
done
for n in gateways users room_size port_base; do
  [[ "${!n}" =~ ^[1-9][0-9]*$ ]] || fail "--${n//_/-} must be a whole number above 0"
done
[[ "$rate" =~ ^[0-9]*\.?[0-9]+$ ]] || fail "--rate must be a number"
[ -z "$ramp" ] && ramp="$(( users * 2 / 1000 > 120 ? 120 : (users * 2 / 1000 < 1 ? 1 : users * 2 / 1000) ))s"

repo=$(cd "$(dirname "$0")/.." && pwd)
gateway_jar=${GATEWAY_JAR:-$repo/gateway/target/chat-gateway.jar}
loadtest_jar=$repo/loadtest/target/chat-loadtest.jar
for jar in "$gateway_jar" "$loadtest_jar"; do
  [ -f "$jar" ] || fail "$jar is missing: build with 'mvn -q -B package -DskipTests' first"
done
for tool in psql redis-cli jq jcmd curl; do command -v "$tool" >/dev/null || fail "$tool is needed"; done
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || fail "Redis on 127.0.0.1:6379 does not answer PING"
psql -h 127.0.0.1 -U postgres -d postgres -qtAc 'SELECT 1' >/dev/null 2>&1 \
  || fail "Postgres on 127.0.0.1:5432 (user postgres) does not answer"

stamp=$(date -u +%Y%m%d-%H%M%S)
out=${out:-$repo/target/capacity-$stamp}
mkdir -p "$out"
db="parley_capacity_${stamp//-/_}"
prefix="parley-capacity-$stamp"

started=()
stop_all() {
  local pid
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
}
trap stop_all EXIT
trap 'echo; echo "capacity-check.sh: interrupted"; exit 130' INT TERM

# --- the topology --------------------------------------------------------------------------------------------------
export CHAT_MAX_CONNECTIONS_PER_IP=${CHAT_MAX_CONNECTIONS_PER_IP:-0}
export CHAT_MAX_HTTP_CONNECTIONS_PER_IP=${CHAT_MAX_HTTP_CONNECTIONS_PER_IP:-0}
export CHAT_MAX_CONNECTIONS_PER_USER=${CHAT_MAX_CONNECTIONS_PER_USER:-0}
export CHAT_FRAMES_PER_SECOND=${CHAT_FRAMES_PER_SECOND:-0}
export CHAT_MESSAGES_PER_SECOND=${CHAT_MESSAGES_PER_SECOND:-0}

psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE \"$db\"" >/dev/null || fail "cannot create database $db"
gateway_pids=(); urls=()
for g in $(seq 1 "$gateways"); do # one after the other: JVMs starting together on 2 cores can miss their deadline
  port=$((port_base + g - 1))
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "port $port is in use: choose others with --port-base"
  CHAT_HOST=127.0.0.1 CHAT_PORT=$port CHAT_MANAGEMENT_PORT=$((port + 100)) \
    CHAT_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/parley-capacity-data.XXXXXX")" \
    CHAT_REDIS_URL=redis://127.0.0.1:6379 CHAT_REDIS_KEY_PREFIX=$prefix \
    CHAT_DATABASE_URL=r2dbc:postgresql://postgres@127.0.0.1:5432/$db \
    java ${GATEWAY_JAVA_OPTS:-} -jar "$gateway_jar" >"$out/gateway$g.log" 2>&1 &
  pid=$!; started+=("$pid"); gateway_pids+=("$pid"); urls+=("ws://127.0.0.1:$port")
  for _ in $(seq 1 180); do
    kill -0 "$pid" 2>/dev/null || fail "gateway $g exited while starting: see $out/gateway$g.log"
    curl -sf -o /dev/null "http://127.0.0.1:$((port + 100))/readyz" && break
    sleep 0.5
  done
  curl -sf -o /dev/null "http://127.0.0.1:$((port + 100))/readyz" || fail "gateway $g not ready after 90 s"
done
redis_pid=$(redis-cli -h 127.0.0.1 -p 6379 info server | tr -d '\r' | sed -n 's/^process_id://p')
pg_pids() { psql -h 127.0.0.1 -U postgres -d postgres -qtAc "SELECT pid FROM pg_stat_activity WHERE datname = '$db'"; }
echo "capacity-check.sh: $gateways gateways up (pids ${gateway_pids[*]}), Redis pid $redis_pid, database $db; output $out"
echo "capacity-check.sh: load average now $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# --- readings ------------------------------------------------------------------------------------------------------
cpu_ticks() { # pids... -> user+system ticks (1/100 s) so far
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$pid/stat" 2>/dev/null) || continue
    total=$((total + t))
  done
  echo "$total"
}
snapshot() { # file
  {
    echo "time_ms $(date +%s%3N)"
    redis-cli -h 127.0.0.1 -p 6379 info stats | tr -d '\r' \
      | awk -F: '$1=="total_net_input_bytes"||$1=="total_net_output_bytes"||$1=="total_commands_processed"{print "redis_"$1, $2}'
    redis-cli -h 127.0.0.1 -p 6379 info commandstats | tr -d '\r' \
      | sed -n 's/^cmdstat_\([a-z|]*\):calls=\([0-9]*\),.*/redis_cmd_\1 \2/p' | tr '|' '_'
    psql -h 127.0.0.1 -U postgres -d "$db" -qtAF' ' -c "SELECT 'pg_rows', tup_inserted FROM pg_stat_database WHERE datname = current_database()
      UNION ALL SELECT 'pg_commits', xact_commit FROM pg_stat_database WHERE datname = current_database()
      UNION ALL SELECT 'pg_wal_bytes', pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint
      UNION ALL SELECT 'pg_messages', count(*) FROM chat_messages"
    echo "cpu_gateways $(cpu_ticks "${gateway_pids[@]}")"
    echo "cpu_redis $(cpu_ticks "$redis_pid")"
    # shellcheck disable=SC2046
    echo "cpu_postgres $(cpu_ticks $(pg_pids))"
  } >"$1"
}
heap_after_gc() { # pid -> used heap bytes after a full GC
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); print v * 1024; exit } }'
}
rss_bytes() { awk '/^VmRSS/ {print $2 * 1024}' "/proc/$1/status"; }

# --- the run -------------------------------------------------------------------------------------------------------
processes=$(( (users + 18999) / 19000 ))
warm_up=$(( users / 10 > 2000 ? 2000 : users / 10 )) # a cold generator's first connects wait for its JIT compiler
sources=$(( (users / gateways + 19999) / 20000 ))
extra=(--processes "$processes")
[ "$sources" -gt 1 ] && extra+=(--source-addresses "$sources")
server_pids=$(IFS=,; echo "${gateway_pids[*]},$redis_pid")
url_list=$(IFS=,; echo "${urls[*]}")
idle_heap=0; idle_rss=0
for pid in "${gateway_pids[@]}"; do
  idle_heap=$((idle_heap + $(heap_after_gc "$pid"))); idle_rss=$((idle_rss + $(rss_bytes "$pid")))
done
echo "capacity-check.sh: $users tutorial users in rooms of $room_size at $rate/s each, $processes generator process(es)" \
  "${sources:+and $sources source address(es)}, ramp $ramp, settle $settle, measure $duration"
java -XX:+UseParallelGC ${GENERATOR_JAVA_OPTS:-} -jar "$loadtest_jar" --scenario chat --url "$url_list" \
  --users "$users" --room-size "$room_size" --rate "$rate" --ramp "$ramp" --settle "$settle" --duration "$duration" \
  --warm-up-connections "$warm_up" --drain 10s --server-pid "$server_pids" "${extra[@]}" --progress-interval 1s \
  --json "$out/run.json" --html "$out/run.html" >"$out/generator.log" 2>&1 &
generator=$!
phase_seen() { grep -qE " ($1) " "$out/generator.log" 2>/dev/null; }
wait_phase() { # phase (an extended regex of phases)
  while ! phase_seen "$1"; do
    kill -0 "$generator" 2>/dev/null || return 1
    sleep 0.2
  done
}
busy_heap=0; busy_rss=0
if wait_phase settle; then
  sleep 5
  for pid in "${gateway_pids[@]}"; do
    busy_heap=$((busy_heap + $(heap_after_gc "$pid"))); busy_rss=$((busy_rss + $(rss_bytes "$pid")))
  done
  echo "capacity-check.sh: heap read during the settle phase, load $(cut -d' ' -f1 /proc/loadavg)"
fi
wait_phase measure && snapshot "$out/before.txt"
load_at_measure=$(cut -d' ' -f1 /proc/loadavg)
wait_phase "drain|done" && snapshot "$out/after.txt"
code=0; wait "$generator" || code=$?
[ -f "$out/before.txt" ] && [ -f "$out/after.txt" ] || fail "the generator ended before measuring (exit $code): see $out/generator.log"

# --- the figures ---------------------------------------------------------------------------------------------------
delta() { # key -> after - before
  local a b
  a=$(awk -v k="$1" '$1==k {print $2}' "$out/after.txt"); b=$(awk -v k="$1" '$1==k {print $2}' "$out/before.txt")
  echo $(( ${a:-0} - ${b:-0} ))
}
json() { jq -r "$1" "$out/run.json"; }
held=$(json .connections); delivered=$(json .delivered); lost=$(json .lost); p99=$(json .latency_ms.p99)
messages=$(delta pg_messages); seconds=$(awk -v ms="$(delta time_ms)" 'BEGIN{printf "%.1f", ms / 1000}')
deliveries_window=$(awk -v d="$delivered" -v s="$(json .duration_s)" -v w="$seconds" 'BEGIN{printf "%.0f", d * w / s}')
per() { awk -v a="$1" -v b="$2" -v f="${3:-1}" 'BEGIN{ if (b > 0) printf "%.2f", a * f / b; else print "n/a" }'; }
tick_us=10000 # one tick is 1/100 s
redis_commands=""; redis_rates=""
for key in $(awk '$1 ~ /^redis_cmd_/ {print $1}' "$out/after.txt"); do
  d=$(delta "$key"); [ "$d" -gt 0 ] && redis_commands+="${key#redis_cmd_}=$(per "$d" "$messages") "
  [ "$d" -gt 0 ] && redis_rates+="${key#redis_cmd_}=$(per "$d" "$seconds") "
done
{
  echo "# capacity-check $stamp: $gateways gateways, $users users in rooms of $room_size at $rate/s each"
  echo "load average at the measured phase: $load_at_measure ($(nproc) cores); generator exit $code"
  echo "connections held: $held; p99 fan-out: $p99 ms; delivered: $delivered; lost: $lost; refused: $(json .refused)"
  echo "measured window (the script's): ${seconds} s, $messages messages stored, about $deliveries_window deliveries"
  echo "messages/s: $(per "$messages" "$seconds"); deliveries/s: $(json '.deliveries_per_s | round')"
  echo "gateways CPU: $(per "$(delta cpu_gateways)" "$messages" $tick_us) us/message," \
    "$(per "$(delta cpu_gateways)" "$deliveries_window" $tick_us) us/delivery," \
    "$(per "$(delta cpu_gateways)" "$seconds" 0.01) cores"
  echo "Redis CPU: $(per "$(delta cpu_redis)" "$messages" $tick_us) us/message, $(per "$(delta cpu_redis)" "$seconds" 0.01) cores;" \
    "commands per message: $redis_commands"
  echo "Redis commands per second (with no message sent, they are per-connection upkeep): $redis_rates"
  echo "Redis bytes per message: in $(per "$(delta redis_total_net_input_bytes)" "$messages")," \
    "out $(per "$(delta redis_total_net_output_bytes)" "$messages")"
  echo "Postgres per message: $(per "$(delta pg_rows)" "$messages") rows inserted," \
    "$(per "$(delta pg_commits)" "$messages") commits, $(per "$(delta pg_wal_bytes)" "$messages") WAL bytes," \
    "$(per "$(delta cpu_postgres)" "$messages" $tick_us) us of its backends' CPU ($(per "$(delta cpu_postgres)" "$seconds" 0.01) cores)"
  echo "heap after full GC, all gateways: $idle_heap B idle, $busy_heap B with $held connections:" \
    "$(per $((busy_heap - idle_heap)) "$held") B per connection"
  echo "RSS, all gateways: $idle_rss B idle, $busy_rss B with $held connections:" \
    "$(per $((busy_rss - idle_rss)) "$held") B per connection"
  echo "generator: $(json '.generator.cpu_us_per_frame') us/frame, saturated: $(json .generator_saturated)"
} | tee "$out/summary.txt"
exit "$code"
