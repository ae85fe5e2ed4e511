#!/usr/bin/env bash
# The one-command benchmark (issue 13): starts each topology as processes on this machine, runs a ladder of
# rates against it with the load generator, stops it, and writes a Markdown table (with every run's JSON and
# HTML report) into an output directory, then prints the table. Builds nothing:
#
#   mvn -q -B package -DskipTests && scripts/bench.sh                 # everything (about an hour)
#   scripts/bench.sh --quick                                          # short steps: does it all work?
#   scripts/bench.sh --only rooms10 --topology two                    # one scenario, one topology
#   CHAT_SOME_SETTING=... scripts/bench.sh --only rooms10 --topology one   # try a gateway setting
#
# Topologies: baseline (the bare broadcaster, `chat-loadtest.jar baseline-server`, the limit of this machine),
# one (one gateway on the embedded default: in-memory layer, H2 in a temporary directory), two (two gateways, the
# local Redis with a key prefix of their own, a fresh database on the local Postgres, created with psql and
# dropped at the end). The baseline runs first in every sitting (unless --no-baseline), so each row can be given
# as a fraction of it. Gateways run with their limits off (CHAT_MAX_CONNECTIONS_PER_IP=0,
# CHAT_MAX_HTTP_CONNECTIONS_PER_IP=0, CHAT_MAX_CONNECTIONS_PER_USER=0, CHAT_FRAMES_PER_SECOND=0,
# CHAT_MESSAGES_PER_SECOND=0) unless you export
# those yourself; every CHAT_* you export reaches them, but for where they listen and store, which the topology
# sets. GATEWAY_JAVA_OPTS and GENERATOR_JAVA_OPTS add JVM options; GATEWAY_JAR measures another build of the
# gateway (an older one, say, in the same sitting).
#
# Scenarios (--only, comma-separated):
#   rooms10   1 000 tutorial users in rooms of 10; the ladder is deliveries/s; pass: fan-out p99 < 100 ms,
#             nothing lost, no send refused for good
#   rooms100  1 000 tutorial users in rooms of 100; the same ladder and rule
#   ack1      1 000 rich users in rooms of 1 (one durable write and one delivery per message); the ladder is
#             messages/s; pass: ack p99 < 50 ms, nothing lost (the baseline has no acks: its echo is timed)
#   join      10 000 rich users joining within 10 s, after 2 000 connections that warm the generator up (not
#             counted); pass: connect p99 < 200 ms, no failure
#   idle      10 000 idle tutorial connections: heap (after a full GC) and RSS per connection of the server;
#             run first, on the freshly started servers
# A ladder stops after its first failing step. Each step waits for the gateways to be idle (a step that overloaded
# them leaves a backlog), then: connect, --settle (20 s) of load, --duration (15 s) measured, a drain of up to 5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  cat <<'EOF'
Options:
  --only LIST          scenarios: rooms10,rooms100,ack1,join,idle (default: all)
  --topology LIST      baseline,one,two (default: all)
  --no-baseline        do not run the baseline when --topology leaves it out (no ratio then)
  --quick              short steps and a short ladder: a smoke run, not figures
  --ladder LIST        the rates of the ladder scenarios, e.g. 2500,5000,10000 (deliveries/s; ack1: messages/s)
  --settle D           warm-up before each measurement (default 20s; --quick 3s)
  --duration D         measured time of each step (default 15s; --quick 5s)
  --gen-processes N    generator processes (default: one per 19 000 connections)
  --out DIR            where the table, logs, JSON and HTML go (default target/bench-DATE)
  --port-base N        first port to use (default 18600; the gateways' management ports are 100 above theirs)
  --help
EOF
}

fail() { echo "bench.sh: $*" >&2; exit 2; }

scenarios="rooms10,rooms100,ack1,join,idle"
topologies="baseline,one,two"
run_baseline_anyway=true
quick=false
ladder_override=""
settle=""
duration=""
gen_processes=""
out=""
port_base=18600
while [ $# -gt 0 ]; do
  case "$1" in
    --only) scenarios=${2:?--only needs a list}; shift 2 ;;
    --topology) topologies=${2:?--topology needs a list}; shift 2 ;;
    --no-baseline) run_baseline_anyway=false; shift ;;
    --quick) quick=true; shift ;;
    --ladder) ladder_override=${2:?--ladder needs a list}; shift 2 ;;
    --settle) settle=${2:?}; shift 2 ;;
    --duration) duration=${2:?}; shift 2 ;;
    --gen-processes) gen_processes=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --port-base) port_base=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
done
for s in ${scenarios//,/ }; do
  case "$s" in rooms10|rooms100|ack1|join|idle) ;; *) fail "unknown scenario '$s': rooms10, rooms100, ack1, join or idle" ;; esac
done
for t in ${topologies//,/ }; do
  case "$t" in baseline|one|two) ;; *) fail "unknown topology '$t': baseline, one or two" ;; esac
done
[[ "$port_base" =~ ^[0-9]+$ ]] || fail "--port-base must be a port number"
[[ -z "$gen_processes" || "$gen_processes" =~ ^[1-9][0-9]*$ ]] || fail "--gen-processes must be a whole number"
[[ -z "$ladder_override" || "$ladder_override" =~ ^[0-9]+(,[0-9]+)*$ ]] \
  || fail "--ladder must be numbers separated by commas, like 2500,5000,10000"
if [[ ",$topologies," != *,baseline,* ]] && $run_baseline_anyway; then
  topologies="baseline,$topologies" # the reference for the ratios, measured in the same sitting
fi

if $quick; then
  settle=${settle:-3s}; duration=${duration:-5s}; drain=3s
  users_join=2000; users_idle=2000; ramp_join=2s; warm_up_join=500
else
  settle=${settle:-20s}; duration=${duration:-15s}; drain=5s
  users_join=10000; users_idle=10000; ramp_join=10s; warm_up_join=2000
fi
ladder_for() { # scenario -> the rates of its ladder
  if [ -n "$ladder_override" ]; then echo "${ladder_override//,/ }"; return; fi
  case "$1,$quick" in
    # Steps of at most a third near the top, so that "the highest rate that passed" is within a third of the limit.
    rooms10,false) echo "5000 10000 20000 30000 40000 50000 60000 70000 80000 90000 100000 125000 150000" ;;
    rooms100,false) echo "10000 25000 50000 75000 100000 125000 150000 200000 250000 300000" ;;
    ack1,false) echo "1000 2500 5000 10000 20000 30000" ;;
    rooms10,true) echo "5000 20000" ;;
    rooms100,true) echo "10000 40000" ;;
    ack1,true) echo "500 2000" ;;
  esac
}

loadtest_jar=$repo/loadtest/target/chat-loadtest.jar
gateway_jar=${GATEWAY_JAR:-$repo/gateway/target/chat-gateway.jar}
for jar in "$loadtest_jar" "$gateway_jar"; do
  [ -f "$jar" ] || fail "no $jar: build the jars first (mvn -q -B package -DskipTests); this script builds nothing"
done
for tool in java jq curl; do
  command -v "$tool" >/dev/null || fail "needs $tool on PATH"
done
if [[ ",$topologies," == *,two,* ]]; then
  command -v psql >/dev/null || fail "topology two needs psql (and Postgres on 127.0.0.1:5432, user postgres)"
  command -v redis-cli >/dev/null || fail "topology two needs redis-cli (and Redis on 127.0.0.1:6379)"
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || fail "Redis on 127.0.0.1:6379 does not answer PING"
  psql -h 127.0.0.1 -U postgres -d postgres -qtAc 'SELECT 1' >/dev/null 2>&1 \
    || fail "Postgres on 127.0.0.1:5432 (user postgres) does not answer"
fi

stamp=$(date +%Y%m%d-%H%M%S)
out=${out:-$repo/target/bench-$stamp}
mkdir -p "$out/runs" "$out/logs"
steps_file=$out/steps.tsv
# One line per step; bench-table.sh turns them into the table.
printf 'topology\tscenario\tstep\tresult\tp99_ms\tdeliveries_per_s\tmessages_per_s\tlost\trefused\tgiven_up\tgateway_us_per_message\tgateway_us_per_delivery\tgenerator_us_per_frame\tgenerator_saturated\tload\tjson\theap_per_connection\trss_per_connection\n' >"$steps_file"

# CHAT_* the user exported pass through; limits are off unless the user set them.
export CHAT_MAX_CONNECTIONS_PER_IP=${CHAT_MAX_CONNECTIONS_PER_IP:-0}
export CHAT_MAX_HTTP_CONNECTIONS_PER_IP=${CHAT_MAX_HTTP_CONNECTIONS_PER_IP:-0}
export CHAT_MAX_CONNECTIONS_PER_USER=${CHAT_MAX_CONNECTIONS_PER_USER:-0}
export CHAT_FRAMES_PER_SECOND=${CHAT_FRAMES_PER_SECOND:-0}
export CHAT_MESSAGES_PER_SECOND=${CHAT_MESSAGES_PER_SECOND:-0}

started_pids=()
bench_db=""
stop_topology() {
  local pid
  for pid in "${started_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  started_pids=()
  if [ -n "$bench_db" ]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS \"$bench_db\"" >/dev/null 2>&1 || true
    bench_db=""
  fi
}
trap stop_topology EXIT
trap 'echo; echo "bench.sh: interrupted"; exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
load_now() { cut -d' ' -f1 /proc/loadavg; }

wait_ready() { # url pid name
  for _ in $(seq 1 180); do
    kill -0 "$2" 2>/dev/null || fail "$3 exited while starting: see $out/logs/"
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.5
  done
  fail "$3 not ready at $1 after 90 s: see $out/logs/"
}

urls=""; gateway_pids=(); server_pids=()
start_topology() { # topology
  local p1=$port_base p2=$((port_base + 1)) pid
  for p in $p1 $p2 $((p1 + 100)) $((p2 + 100)); do
    ! port_in_use "$p" || fail "port $p is in use: choose others with --port-base"
  done
  case "$1" in
    baseline)
      java ${GATEWAY_JAVA_OPTS:-} -jar "$loadtest_jar" baseline-server --port "$p1" >"$out/logs/baseline.log" 2>&1 &
      pid=$!; started_pids+=("$pid")
      for _ in $(seq 1 60); do grep -q listening "$out/logs/baseline.log" && break; sleep 0.5; done
      grep -q listening "$out/logs/baseline.log" || fail "baseline-server did not start: see $out/logs/baseline.log"
      urls="ws://127.0.0.1:$p1"; gateway_pids=("$pid"); server_pids=("$pid") ;;
    one)
      local data; data=$(mktemp -d "${TMPDIR:-/tmp}/parley-bench-data.XXXXXX")
      env -u CHAT_DATABASE_URL -u CHAT_REDIS_URL CHAT_HOST=127.0.0.1 CHAT_PORT="$p1" \
        CHAT_MANAGEMENT_PORT=$((p1 + 100)) CHAT_DATA_DIR="$data" \
        java ${GATEWAY_JAVA_OPTS:-} -jar "$gateway_jar" >"$out/logs/one-gateway.log" 2>&1 &
      pid=$!; started_pids+=("$pid")
      wait_ready "http://127.0.0.1:$((p1 + 100))/readyz" "$pid" "the gateway"
      urls="ws://127.0.0.1:$p1"; gateway_pids=("$pid"); server_pids=("$pid") ;;
    two)
      bench_db="parley_bench_${stamp//-/_}"
      psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE \"$bench_db\"" >/dev/null \
        || fail "cannot create database $bench_db"
      local prefix="parley-bench-$stamp" g port
      gateway_pids=()
      for g in 1 2; do
        port=$((port_base + g - 1))
        CHAT_HOST=127.0.0.1 CHAT_PORT=$port CHAT_MANAGEMENT_PORT=$((port + 100)) CHAT_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/parley-bench-data.XXXXXX")" \
          CHAT_REDIS_URL=redis://127.0.0.1:6379 CHAT_REDIS_KEY_PREFIX=$prefix \
          CHAT_DATABASE_URL=r2dbc:postgresql://postgres@127.0.0.1:5432/$bench_db \
          java ${GATEWAY_JAVA_OPTS:-} -jar "$gateway_jar" >"$out/logs/two-gateway$g.log" 2>&1 &
        pid=$!; started_pids+=("$pid"); gateway_pids+=("$pid")
        wait_ready "http://127.0.0.1:$((port + 100))/readyz" "$pid" "gateway $g"
      done
      urls="ws://127.0.0.1:$p1,ws://127.0.0.1:$p2"
      server_pids=("${gateway_pids[@]}") ;;
  esac
}

# The server's processes for one step: the gateways, and for two also Redis and the database's Postgres backends.
step_server_pids() {
  local pids=("${server_pids[@]}")
  if [ -n "$bench_db" ]; then
    local redis_pid
    redis_pid=$(redis-cli -h 127.0.0.1 -p 6379 info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')
    [ -n "$redis_pid" ] && pids+=("$redis_pid")
    while read -r pg; do [ -n "$pg" ] && pids+=("$pg"); done < <(psql -h 127.0.0.1 -U postgres -d postgres -qtAc \
      "SELECT pid FROM pg_stat_activity WHERE datname = '$bench_db'" 2>/dev/null)
  fi
  local IFS=,; echo "${pids[*]}"
}

generator() { # log-file generator-options...: runs the load generator, returns its exit code
  local log=$1; shift
  local users processes sources targets
  users=$(printf '%s\n' "$@" | awk 'prev=="--users"{print} {prev=$0}')
  targets=$(awk -F, '{print NF}' <<<"$urls")
  processes=${gen_processes:-$(( (users + 18999) / 19000 ))}
  sources=$(( (users / targets + 19999) / 20000 ))
  local extra=(--processes "$processes")
  [ "$sources" -gt 1 ] && extra+=(--source-addresses "$sources")
  # shellcheck disable=SC2086
  java -XX:+UseParallelGC ${GENERATOR_JAVA_OPTS:-} -jar "$loadtest_jar" --url "$urls" "${extra[@]}" "$@" \
    --progress-interval 5s >"$log" 2>&1
}

# CPU ticks (1/100 s) the gateways have used so far.
gateway_ticks() {
  local pid total=0 ticks
  for pid in "${gateway_pids[@]}"; do
    ticks=$(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$pid/stat" 2>/dev/null) || continue
    total=$((total + ticks))
  done
  echo "$total"
}

# Waits (at most a minute) until the gateways are quiet: a step that overloaded them leaves a backlog behind, which
# the next step must not inherit.
cool_down() {
  local before after
  for _ in $(seq 1 60); do
    before=$(gateway_ticks); sleep 1; after=$(gateway_ticks)
    [ $((after - before)) -lt 10 ] && return 0
  done
  echo "  (the gateways were still busy after a minute of rest)"
}

# jq over a step's JSON: the numbers a row needs.
figure() { jq -r "$2" "$1" 2>/dev/null || echo ""; }
gateway_cpu() { # json per(message|delivery)
  local gw; gw=$(printf '%s\n' "${gateway_pids[@]}" | jq -s -c .)
  jq -r --argjson gw "$gw" --arg per "$2" '
    ([.server.processes[]? | select(.pid as $p | $gw | index($p)) | .cpu_seconds] | add // 0) as $cpu
    | (if $per == "message" then .sent else .delivered end) as $n
    | if $n > 0 then ($cpu * 1e6 / $n * 10 | round / 10) else "" end' "$1" 2>/dev/null || echo ""
}

run_ladder() { # topology scenario
  local topology=$1 scenario=$2 protocol=tutorial room users=1000 divisor metric limit label
  case "$scenario" in
    rooms10) room=10; divisor=$((users * 10)); metric=.latency_ms.p99; limit=100; label="deliveries/s" ;;
    rooms100) room=100; divisor=$((users * 100)); metric=.latency_ms.p99; limit=100; label="deliveries/s" ;;
    ack1) room=1; divisor=$users; metric=.ack_latency_ms.p99; limit=50; label="messages/s"
          if [ "$topology" = baseline ]; then metric=.latency_ms.p99; else protocol=rich; fi ;;
  esac
  local rates=($(ladder_for "$scenario")) n=0 rate
  for rate in "${rates[@]}"; do
    n=$((n + 1))
    local per_user; per_user=$(awk -v r="$rate" -v d="$divisor" 'BEGIN{printf "%.6g", r / d}')
    cool_down
    local name="$topology-$scenario-$rate" load; load=$(load_now)
    printf '[%s %s] step %d/%d: %s %s (%s/s per user), load %s ... ' "$topology" "$scenario" "$n" "${#rates[@]}" \
      "$rate" "$label" "$per_user" "$load"
    local code=0
    generator "$out/logs/$name.log" --scenario chat --protocol "$protocol" --users "$users" --room-size "$room" \
      --rate "$per_user" --settle "$settle" --duration "$duration" --drain "$drain" \
      --server-pid "$(step_server_pids)" --json "$out/runs/$name.json" --html "$out/runs/$name.html" || code=$?
    local json=$out/runs/$name.json p99 lost refused given_up dps mps gen sat result
    if [ ! -f "$json" ] || [ "$code" -ge 2 ]; then
      echo "the generator failed (exit $code): see $out/logs/$name.log"
      printf '%s\t%s\t%s\tfailed\t\t\t\t\t\t\t\t\t\t\t%s\t\t\t\n' "$topology" "$scenario" "$rate" "$load" >>"$steps_file"
      return
    fi
    p99=$(figure "$json" "$metric * 10 | round / 10"); lost=$(figure "$json" .lost); refused=$(figure "$json" .refused)
    given_up=$(figure "$json" .given_up); dps=$(figure "$json" '.deliveries_per_s | round')
    mps=$(figure "$json" '.sent_per_s | round'); gen=$(figure "$json" '.generator.cpu_us_per_frame * 10 | round / 10')
    sat=$(figure "$json" .generator_saturated)
    if [ "$code" -eq 0 ] && [ "${given_up:-0}" -eq 0 ] && awk -v p="$p99" -v l="$limit" 'BEGIN{exit !(p < l)}'; then
      result=pass
    else
      result=fail
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\t\n' "$topology" "$scenario" "$rate" \
      "$result" "$p99" "$dps" "$mps" "$lost" "$refused" "$given_up" "$(gateway_cpu "$json" message)" \
      "$(gateway_cpu "$json" delivery)" "$gen" "$sat" "$load" "runs/$name.json" >>"$steps_file"
    echo "$result: p99 $p99 ms (limit $limit), $dps deliveries/s, lost $lost, refused $refused, generator $gen us/frame$([ "$sat" = true ] && echo ', generator SATURATED')"
    [ "$result" = pass ] || return 0
  done
}

run_join() { # topology
  local topology=$1 protocol=rich name="$1-join" load code=0
  [ "$topology" = baseline ] && protocol=tutorial
  cool_down
  load=$(load_now)
  printf '[%s join] %d %s clients joining within %s, load %s ... ' "$topology" "$users_join" "$protocol" \
    "$ramp_join" "$load"
  generator "$out/logs/$name.log" --scenario idle --protocol "$protocol" --users "$users_join" --ramp "$ramp_join" \
    --warm-up-connections "$warm_up_join" --settle 0s --duration 3s --drain 1s \
    --json "$out/runs/$name.json" --html "$out/runs/$name.html" || code=$?
  local json=$out/runs/$name.json p99 failed result
  p99=$(figure "$json" '.connect_latency_ms.p99 * 10 | round / 10'); failed=$(figure "$json" .connection_stats.failed)
  if [ "$code" -eq 0 ] && [ "${failed:-1}" -eq 0 ] && awk -v p="$p99" 'BEGIN{exit !(p < 200)}'; then
    result=pass
  else
    result=fail
  fi
  printf '%s\tjoin\t%s\t%s\t%s\t\t\t\t\t\t\t\t%s\t%s\t%s\t%s\t\t\n' "$topology" "$users_join" "$result" "$p99" \
    "$(figure "$json" '.generator.cpu_us_per_frame * 10 | round / 10')" "$(figure "$json" .generator_saturated)" \
    "$load" "runs/$name.json" >>"$steps_file"
  echo "$result: connect p99 $p99 ms (limit 200), $failed failed"
}

run_idle() { # topology
  local topology=$1 name="$1-idle" load code=0
  cool_down
  load=$(load_now)
  printf '[%s idle] %d idle connections, load %s ... ' "$topology" "$users_idle" "$load"
  local pids; pids=$(IFS=,; echo "${gateway_pids[*]}")
  generator "$out/logs/$name.log" --scenario idle --users "$users_idle" --settle 2s --duration 5s \
    --server-pid "$pids" --json "$out/runs/$name.json" --html "$out/runs/$name.html" || code=$?
  local json=$out/runs/$name.json heap rss
  heap=$(figure "$json" '.server.heap_per_connection_bytes // empty')
  rss=$(figure "$json" '.server.rss_per_connection_bytes // empty')
  printf '%s\tidle\t%s\tmeasured\t\t\t\t\t\t\t\t\t%s\t%s\t%s\t%s\t%s\t%s\n' "$topology" "$users_idle" \
    "$(figure "$json" '.generator.cpu_us_per_frame * 10 | round / 10')" "$(figure "$json" .generator_saturated)" \
    "$load" "runs/$name.json" "$heap" "$rss" >>"$steps_file"
  echo "heap ${heap:-?} B, RSS ${rss:-?} B per connection (exit $code)"
}

echo "bench.sh: topologies $topologies; scenarios $scenarios; settle $settle, measure $duration; output $out"
echo "bench.sh: load average now $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores: figures on a busy machine are not figures"
for topology in ${topologies//,/ }; do
  start_topology "$topology"
  echo "[$topology] up: $urls (server pids ${server_pids[*]})"
  # idle first, on the freshly started servers: their RSS per connection means little after a ladder's load.
  for scenario in idle join rooms10 rooms100 ack1; do
    [[ ",$scenarios," == *,$scenario,* ]] || continue
    case "$scenario" in
      rooms10|rooms100|ack1) run_ladder "$topology" "$scenario" ;;
      join) run_join "$topology" ;;
      idle) run_idle "$topology" ;;
    esac
  done
  stop_topology
done

"$repo/scripts/bench-table.sh" "$steps_file" >"$out/table.md"
cat "$out/table.md"
echo
echo "bench.sh: table $out/table.md; every step in $out/steps.tsv; reports in $out/runs/; logs in $out/logs/"
