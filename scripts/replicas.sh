#!/usr/bin/env bash
# Runs docker-compose.yml's topology without Docker: three gateway replicas (the packaged jar) on the local
# Redis and Postgres, behind nginx running the same server block as compose (nginx/parley.conf). The same
# topology ReplicasIT tests. Ctrl-C stops everything it started.
#
#   mvn -q -B package -DskipTests && scripts/replicas.sh
#   open http://localhost:8080/ ; try `kill -TERM <gateway pid>` or `kill -KILL <gateway pid>` under a chat
#
# Settings (environment variables, with their defaults):
#   LB_PORT=8080                  where nginx listens (LB_HOST=127.0.0.1; 0.0.0.0 for other machines)
#   GATEWAY_PORTS="8081 8082 8083"  one replica per port, on 127.0.0.1
#   MANAGEMENT_PORTS="9081 9082 9083"  each replica's /metrics, /healthz and /readyz (CHAT_MANAGEMENT_PORT), in order
#   PARLEY_DB=parley_replicas     database created on the local Postgres if missing (needs psql), or set
#   CHAT_DATABASE_URL=r2dbc:postgresql://postgres@127.0.0.1:5432/$PARLEY_DB
#   CHAT_REDIS_URL=redis://127.0.0.1:6379, CHAT_REDIS_KEY_PREFIX=parley-replicas
#   CHAT_DRAIN_SECONDS=20, GATEWAY_JAR=gateway/target/chat-gateway.jar, NGINX=/usr/sbin/nginx
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

LB_HOST=${LB_HOST:-127.0.0.1}
LB_PORT=${LB_PORT:-8080}
GATEWAY_PORTS=${GATEWAY_PORTS:-8081 8082 8083}
MANAGEMENT_PORTS=${MANAGEMENT_PORTS:-9081 9082 9083}
read -ra management_ports <<<"$MANAGEMENT_PORTS"
PARLEY_DB=${PARLEY_DB:-parley_replicas}
CHAT_DATABASE_URL=${CHAT_DATABASE_URL:-r2dbc:postgresql://postgres@127.0.0.1:5432/$PARLEY_DB}
CHAT_REDIS_URL=${CHAT_REDIS_URL:-redis://127.0.0.1:6379}
CHAT_REDIS_KEY_PREFIX=${CHAT_REDIS_KEY_PREFIX:-parley-replicas}
CHAT_DRAIN_SECONDS=${CHAT_DRAIN_SECONDS:-20}
# One key for every replica, so a sign-in holds whichever replica a reconnect lands on.
CHAT_SESSION_SECRET=${CHAT_SESSION_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
GATEWAY_JAR=${GATEWAY_JAR:-$repo/gateway/target/chat-gateway.jar}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
START_BOUND_SECONDS=90

fail() { echo "replicas.sh: $*" >&2; exit 1; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

[ -f "$GATEWAY_JAR" ] || fail "no $GATEWAY_JAR: build it first (mvn -q -B package -DskipTests)"
[ -x "$NGINX" ] || fail "no nginx at $NGINX: install it (apt-get install nginx) or set NGINX"
command -v java >/dev/null || fail "no java on PATH"
[ ${#management_ports[@]} -eq $(wc -w <<<"$GATEWAY_PORTS") ] \
  || fail "MANAGEMENT_PORTS must name one port per GATEWAY_PORTS entry"
for port in $LB_PORT $GATEWAY_PORTS $MANAGEMENT_PORTS; do
  ! port_in_use "$port" || fail "port $port is in use; choose others with LB_PORT / GATEWAY_PORTS / MANAGEMENT_PORTS"
done
if command -v redis-cli >/dev/null; then
  redis_host=$(echo "$CHAT_REDIS_URL" | sed -E 's#^rediss?://([^@]*@)?([^:/,]+).*#\2#')
  redis_port=$(echo "$CHAT_REDIS_URL" | sed -nE 's#^rediss?://([^@]*@)?[^:/,]+:([0-9]+).*#\2#p')
  redis-cli -h "$redis_host" -p "${redis_port:-6379}" ping >/dev/null 2>&1 \
    || fail "Redis at $CHAT_REDIS_URL does not answer PING; start it or set CHAT_REDIS_URL"
fi
# The default database lives on the local Postgres: create it once (every replica then shares it).
if [[ "$CHAT_DATABASE_URL" == "r2dbc:postgresql://postgres@127.0.0.1:5432/$PARLEY_DB" ]] && command -v psql >/dev/null; then
  psql_local=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if ! "${psql_local[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$PARLEY_DB'" | grep -q 1; then
    "${psql_local[@]}" -c "CREATE DATABASE \"$PARLEY_DB\"" || fail "cannot create database $PARLEY_DB"
    echo "created database $PARLEY_DB"
  fi
fi

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/parley-replicas.XXXXXX")
gateway_pids=()
nginx_pid=""

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "stopping (SIGTERM: the gateways drain for up to ${CHAT_DRAIN_SECONDS} s)..."
  [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null || true
  for pid in "${gateway_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  local deadline=$((SECONDS + CHAT_DRAIN_SECONDS + 5))
  for pid in "${gateway_pids[@]}" $nginx_pid; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  echo "stopped; logs are in $run_dir"
}
trap stop_all INT TERM EXIT

# The replicas start together, as compose starts them; Flyway's lock lets one migrate while the others wait.
i=0
for port in $GATEWAY_PORTS; do
  management_port=${management_ports[$i]}; i=$((i + 1))
  CHAT_MANAGEMENT_PORT=$management_port \
  CHAT_HOST=127.0.0.1 CHAT_PORT=$port CHAT_REDIS_URL=$CHAT_REDIS_URL CHAT_REDIS_KEY_PREFIX=$CHAT_REDIS_KEY_PREFIX \
    CHAT_DATABASE_URL=$CHAT_DATABASE_URL CHAT_DRAIN_SECONDS=$CHAT_DRAIN_SECONDS \
    CHAT_SESSION_SECRET=$CHAT_SESSION_SECRET CHAT_TRUST_PROXY=true java -jar "$GATEWAY_JAR" >"$run_dir/gateway-$port.log" 2>&1 &
  gateway_pids+=($!)
done
i=0
for port in $GATEWAY_PORTS; do
  pid=${gateway_pids[$i]}; i=$((i + 1))
  deadline=$((SECONDS + START_BOUND_SECONDS))
  until grep -qs "Parley chat is running" "$run_dir/gateway-$port.log"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      tail -n 20 "$run_dir/gateway-$port.log" >&2
      fail "the gateway on port $port did not start (log: $run_dir/gateway-$port.log)"
    fi
    sleep 0.2
  done
done

# The load balancer: the processes template, filled in as ReplicasIT fills it, around the shared server block.
servers=""
for port in $GATEWAY_PORTS; do servers+="        server 127.0.0.1:$port;\\n"; done
sed -e "s|@RUN_DIR@|$run_dir|g" -e "s|@SHARED_CONF@|$repo/nginx/parley.conf|g" \
    -e "s|@UPSTREAM_SERVERS@|${servers%\\n}|" "$repo/nginx/processes/nginx.conf.template" >"$run_dir/nginx.conf"
echo "listen $LB_HOST:$LB_PORT;" >"$run_dir/parley-listen.conf"
"$NGINX" -p "$run_dir" -e "$run_dir/error.log" -c "$run_dir/nginx.conf" >"$run_dir/nginx.out" 2>&1 &
nginx_pid=$!
deadline=$((SECONDS + 10))
until port_in_use "$LB_PORT"; do
  if ! kill -0 "$nginx_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    cat "$run_dir/nginx.out" "$run_dir/error.log" >&2 2>/dev/null || true
    fail "nginx did not start (config: $run_dir/nginx.conf)"
  fi
  sleep 0.1
done

echo
echo "Parley replicas are running: open http://localhost:$LB_PORT/"
echo "  load balancer  nginx pid $nginx_pid on $LB_HOST:$LB_PORT  (config $run_dir/nginx.conf, access log $run_dir/access.log)"
i=0
for port in $GATEWAY_PORTS; do
  echo "  gateway        pid ${gateway_pids[$i]} on 127.0.0.1:$port  (log $run_dir/gateway-$port.log;" \
    "metrics http://127.0.0.1:${management_ports[$i]}/metrics)"
  i=$((i + 1))
done
echo "  history        $CHAT_DATABASE_URL"
echo "  channel layer  $CHAT_REDIS_URL (key prefix $CHAT_REDIS_KEY_PREFIX)"
echo
echo "Stop one replica gracefully with kill -TERM <pid>, crash one with kill -KILL <pid>: its clients reconnect"
echo "through nginx to another and resume. Ctrl-C (or kill -TERM $$) stops everything."
wait
