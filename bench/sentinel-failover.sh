#!/usr/bin/env bash
# Sentinel failover time: kvstore's sentinel vs redis-sentinel, same run, same machine.
# Three setups, one after the other, each a master, two replicas and three sentinels
# (quorum 2, down-after-milliseconds 1000, failover-timeout 6000):
#   redis-sentinel    over redis-server nodes
#   kvstore sentinel  over redis-server nodes
#   kvstore sentinel  over kvstore nodes (async replication)
# Each round: a JedisSentinelPool writes in a loop, the master is killed with SIGKILL, and the
# time from the kill to the first write acknowledged by the new master is measured (plus when the
# pool learned the new master). The old master is then restarted and the next round starts once
# Sentinel has turned it into a replica of the new one.
# A benchmark, not a test: the numbers depend on the machine (and on Sentinel's random delays).
#
# Usage: bench/sentinel-failover.sh [rounds per setup (default 3)]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
NODE_PORTS=(16525 16526 16527)
SENTINEL_PORTS=(26525 26526 26527)
WORK="$(mktemp -d -t kvstore-sentinel-bench.XXXXXX)"
PIDS=()

for tool in redis-server redis-sentinel redis-cli java mvn; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y redis-server redis-sentinel redis-tools)" >&2; exit 2; }
done

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  sleep 1
  PIDS=()
}
cleanup() {
  stop_all
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building kvstore and the bench programs ..." >&2
(cd "$ROOT" && mvn -q -pl bench -am package dependency:build-classpath -Dmaven.test.skip=true \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp.txt") >&2
cp "$ROOT/server/target/kvstore.jar" "$WORK/kvstore.jar"
BENCH_CP="$ROOT/bench/target/classes:$(cat "$WORK/cp.txt")"

info_field() { # port section field
  redis-cli -p "$1" info "$2" 2>/dev/null | tr -d '\r' | awk -F: -v f="$3" '$1 == f { print $2 }'
}
pong() { [[ "$(redis-cli -p "$1" ping 2>/dev/null)" == "PONG" ]]; }
wait_until() { # seconds description command...
  local deadline=$(($(date +%s) + $1)) what="$2"
  shift 2
  until "$@"; do
    if (($(date +%s) >= deadline)); then
      echo "timed out waiting for: $what" >&2
      exit 1
    fi
    sleep 0.1
  done
}
follows() { # replica-port master-port
  [[ "$(info_field "$1" replication role)" == "slave" && "$(info_field "$1" replication master_port)" == "$2" \
    && "$(info_field "$1" replication master_link_status)" == "up" ]]
}
agreed_master() { # -> port all sentinels name, or nothing
  local p a first=""
  for p in "${SENTINEL_PORTS[@]}"; do
    a="$(redis-cli -p "$p" sentinel get-master-addr-by-name mymaster 2>/dev/null | tail -1)"
    [[ -z "$a" ]] && return 0
    [[ -n "$first" && "$a" != "$first" ]] && return 0
    first="$a"
  done
  echo "$first"
}
discovered() { # every sentinel knows both replicas and both other sentinels
  local p
  for p in "${SENTINEL_PORTS[@]}"; do
    [[ "$(redis-cli -p "$p" sentinel master mymaster 2>/dev/null | awk 'prev == "num-slaves" { print; exit } { prev = $0 }')" == "2" ]] || return 1
    [[ "$(redis-cli -p "$p" sentinel master mymaster 2>/dev/null | awk 'prev == "num-other-sentinels" { print; exit } { prev = $0 }')" == "2" ]] || return 1
  done
}

declare -A NODE_PID
start_node() { # kind index [master-port]
  local kind="$1" i="$2" port="${NODE_PORTS[$2]}" dir="$WORK/$1-node$2"
  mkdir -p "$dir"
  local extra=()
  [[ $# -ge 3 ]] && extra=(--replicaof 127.0.0.1 "$3")
  if [[ "$kind" == redis ]]; then
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
      --repl-diskless-sync-delay 0 --dir "$dir" "${extra[@]}" >>"$dir/log" 2>&1 &
  else
    java -jar "$WORK/kvstore.jar" server --port "$port" --bind 127.0.0.1 --grpc-port 0 \
      --dir "$dir" --repl-diskless-sync-delay 0 "${extra[@]}" >>"$dir/log" 2>&1 &
  fi
  NODE_PID[$i]=$!
  PIDS+=("$!")
  disown "$!" # no "Killed" notices: the kills are the point
  wait_until 120 "node on $port" pong "$port"
}
start_sentinel() { # kind index node-kind
  local kind="$1" i="$2" port="${SENTINEL_PORTS[$2]}" dir="$WORK/$1-sentinel$2-$3"
  mkdir -p "$dir"
  printf 'port %s\nbind 127.0.0.1\nsentinel monitor mymaster 127.0.0.1 %s 2\nsentinel down-after-milliseconds mymaster 1000\nsentinel failover-timeout mymaster 6000\n' \
    "$port" "${NODE_PORTS[0]}" >"$dir/sentinel.conf"
  if [[ "$kind" == redis ]]; then
    redis-sentinel "$dir/sentinel.conf" >>"$dir/log" 2>&1 &
  else
    java -Xmx256m -jar "$WORK/kvstore.jar" sentinel "$dir/sentinel.conf" >>"$dir/log" 2>&1 &
  fi
  PIDS+=("$!")
  disown "$!"
  wait_until 120 "sentinel on $port" pong "$port"
}

# run_setup <sentinel-kind> <node-kind> -> one result line per round into $WORK/<label>.txt
run_setup() {
  local skind="$1" nkind="$2" label="$1-$2" i round
  start_node "$nkind" 0
  start_node "$nkind" 1 "${NODE_PORTS[0]}"
  start_node "$nkind" 2 "${NODE_PORTS[0]}"
  wait_until 120 "replicas in sync" follows "${NODE_PORTS[1]}" "${NODE_PORTS[0]}"
  wait_until 120 "replicas in sync" follows "${NODE_PORTS[2]}" "${NODE_PORTS[0]}"
  for i in 0 1 2; do start_sentinel "$skind" "$i" "$nkind"; done
  wait_until 120 "sentinel discovery" discovered
  : >"$WORK/$label.txt"
  for ((round = 1; round <= ROUNDS; round++)); do
    local master idx=-1 result
    master="$(agreed_master)"
    for i in 0 1 2; do [[ "${NODE_PORTS[$i]}" == "$master" ]] && idx=$i; done
    ((idx >= 0)) || { echo "no agreed master" >&2; exit 1; }
    result="$(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" \
      io.kvstore.bench.SentinelFailoverTime "$(IFS=,; echo "${SENTINEL_PORTS[*]}")" mymaster \
      kill -9 "${NODE_PID[$idx]}" | grep '^failover_ms=')"
    echo "$result" >>"$WORK/$label.txt"
    echo "  $label round $round: $result" >&2
    local new
    new="$(sed -n 's/.*new=[^:]*:\([0-9]*\).*/\1/p' <<<"$result")"
    [[ -n "$new" ]] || { echo "no new master in round $round" >&2; exit 1; }
    # restart the old master (a plain master again: redis without replicaof; kvstore with the
    # flags it first had) and wait for Sentinel to make it a replica of the new one
    if [[ "$nkind" == redis || "$idx" == 0 ]]; then start_node "$nkind" "$idx"; else start_node "$nkind" "$idx" "${NODE_PORTS[0]}"; fi
    wait_until 180 "old master ${NODE_PORTS[$idx]} following $new" follows "${NODE_PORTS[$idx]}" "$new"
    for i in 0 1 2; do
      [[ "${NODE_PORTS[$i]}" == "$new" ]] || wait_until 180 "replica ${NODE_PORTS[$i]} following $new" follows "${NODE_PORTS[$i]}" "$new"
    done
  done
  stop_all
}

echo "setup 1/3: redis-sentinel over redis-server ..." >&2
run_setup redis redis
echo "setup 2/3: kvstore sentinel over redis-server ..." >&2
run_setup kvstore redis
echo "setup 3/3: kvstore sentinel over kvstore nodes ..." >&2
run_setup kvstore kvstore

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
stats() { # file field -> "min / median / max"
  local vals
  vals="$(while read -r l; do field "$2" "$l"; done <"$1" | grep -E '^[0-9]+$' | sort -n)"
  [[ -z "$vals" ]] && { echo "-"; return; }
  awk '{ v[NR] = $1 } END { printf "%d / %d / %d", v[1], v[int((NR + 1) / 2)], v[NR] }' <<<"$vals"
}

echo "## Sentinel failover: kill -9 of the master -> first write acknowledged by the new master"
echo
echo "JedisSentinelPool writer; 3 sentinels, quorum 2, down-after-milliseconds 1000; $ROUNDS rounds per setup; milliseconds."
echo
echo "| round | redis-sentinel / redis-server | kvstore sentinel / redis-server | kvstore sentinel / kvstore nodes |"
echo "|---|---|---|---|"
for ((round = 1; round <= ROUNDS; round++)); do
  row="| $round"
  for label in redis-redis kvstore-redis kvstore-kvstore; do
    l="$(sed -n "${round}p" "$WORK/$label.txt")"
    row="$row | $(field failover_ms "$l") (switch $(field switch_ms "$l"))"
  done
  echo "$row |"
done
echo
echo "| setup | failover ms min / median / max | pool switch ms min / median / max |"
echo "|---|---|---|"
for label in redis-redis kvstore-redis kvstore-kvstore; do
  echo "| $label | $(stats "$WORK/$label.txt" failover_ms) | $(stats "$WORK/$label.txt" switch_ms) |"
done
