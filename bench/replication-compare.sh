#!/usr/bin/env bash
# Async replication: kvstore vs redis-server 7.0 on this machine, same run, same tools.
#   1. SET throughput on a master with 0, 1 and 2 replicas (redis-benchmark -t set), and how far
#      the replicas trail meanwhile: bytes (master_repl_offset - slave_repl_offset, sampled every
#      10 ms; shown as lower-upper bounds, the replicas being read just after and just before the
#      master) and milliseconds (a probe written on the master, polled on the replicas).
#   2. Full sync of KEYS keys x 100 B: time from REPLICAOF to master_link_status:up.
#   3. SET + WAIT 1 100 latency, one client, one replica (p50/p99).
# A benchmark, not a test: numbers depend on the machine; both servers run side by side on it.
#
# Usage: bench/replication-compare.sh [requests-per-run (default 200000)] [keys-for-full-sync
#        (default 1000000)] [set+wait requests (default 20000)]
# Persistence is the same on every node: appendfsync everysec (redis: AOF on, RDB snapshots off).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-200000}"
KEYS="${2:-1000000}"
WAITN="${3:-20000}"
CLIENTS=50
RANDKEYS=100000
BASE_PORT="${BENCH_BASE_PORT:-17400}"
REDIS_PORTS=("$BASE_PORT" "$((BASE_PORT + 1))" "$((BASE_PORT + 2))")
KV_PORTS=("$((BASE_PORT + 10))" "$((BASE_PORT + 11))" "$((BASE_PORT + 12))")
WORK="$(mktemp -d -t kvstore-repl-bench.XXXXXX)"
KV_PIDS=()

for tool in redis-server redis-cli redis-benchmark java mvn; do
  command -v "$tool" >/dev/null || { echo "missing $tool (redis: apt-get install -y redis-server redis-tools)" >&2; exit 2; }
done

cleanup() {
  for p in "${REDIS_PORTS[@]}" "${KV_PORTS[@]}"; do
    redis-cli -p "$p" shutdown nosave >/dev/null 2>&1 || true
  done
  sleep 1
  for pid in "${KV_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# The kvstore jar and the bench programs (WaitLatency, ReplicationLag) with their classpath.
echo "building kvstore and the bench programs ..." >&2
(cd "$ROOT" && mvn -q -pl bench -am package dependency:build-classpath -Dmaven.test.skip=true \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp.txt") >&2
BENCH_CP="$ROOT/bench/target/classes:$(cat "$WORK/cp.txt")"
bench_java() { java -cp "$BENCH_CP" "$@"; }

cli() { redis-cli -p "$1" "${@:2}"; }
info_field() { # port section field
  redis-cli -p "$1" info "$2" | tr -d '\r' | awk -F: -v f="$3" '$1 == f { print $2 }'
}
now_ms() { date +%s%3N; }

wait_until() { # seconds description command...
  local deadline=$(($(date +%s) + $1)) what="$2"
  shift 2
  until "$@"; do
    if (($(date +%s) >= deadline)); then
      echo "timed out waiting for: $what" >&2
      exit 1
    fi
    sleep 0.05
  done
}
pong() { [[ "$(redis-cli -p "$1" ping 2>/dev/null)" == "PONG" ]]; }
link_up() { [[ "$(info_field "$1" replication master_link_status)" == "up" ]]; }
no_replicas() { [[ "$(info_field "$1" replication connected_slaves)" == "0" ]]; }
caught_up() { # master replica
  local m r
  m="$(info_field "$1" replication master_repl_offset)"
  r="$(info_field "$2" replication slave_repl_offset)"
  link_up "$2" && ((${r:-0} >= ${m:-1}))
}

for i in 0 1 2; do
  mkdir -p "$WORK/redis$i" "$WORK/kv$i"
  redis-server --port "${REDIS_PORTS[$i]}" --bind 127.0.0.1 --save '' --appendonly yes \
    --appendfsync everysec --repl-diskless-sync-delay 0 --dir "$WORK/redis$i" \
    --daemonize yes --logfile "$WORK/redis$i.log"
  "$ROOT/bin/kvstore" server --port "${KV_PORTS[$i]}" --bind 127.0.0.1 --grpc-port 0 \
    --dir "$WORK/kv$i" --appendfsync everysec --repl-diskless-sync-delay 0 \
    >"$WORK/kv$i.log" 2>&1 &
  KV_PIDS+=("$!")
done
for p in "${REDIS_PORTS[@]}" "${KV_PORTS[@]}"; do wait_until 120 "PING on $p" pong "$p"; done

# topology <master> <replica>... : exactly these replicas follow the master, all data flushed.
topology() {
  local master="$1" all r
  shift
  if [[ "$master" == "${REDIS_PORTS[0]}" ]]; then all=("${REDIS_PORTS[@]:1}"); else all=("${KV_PORTS[@]:1}"); fi
  for r in "${all[@]}"; do
    cli "$r" replicaof no one >/dev/null
    cli "$r" flushall >/dev/null
  done
  cli "$master" flushall >/dev/null
  wait_until 60 "master $master without replicas" no_replicas "$master"
  for r in "$@"; do cli "$r" replicaof 127.0.0.1 "$master" >/dev/null; done
  for r in "$@"; do wait_until 600 "replica $r of $master in sync" caught_up "$master" "$r"; done
}

# JIT warm-up (not measured), the same for both servers.
for p in "${REDIS_PORTS[0]}" "${KV_PORTS[0]}"; do
  redis-benchmark -p "$p" -t set -n 200000 -c "$CLIENTS" -r "$RANDKEYS" -q >/dev/null
done

# run_set <master> <replica>... -> "rps,p50,p99,lag-line"
run_set() {
  local master="$1" stop="$WORK/stop" lagpid="" csv lag="-"
  shift
  rm -f "$stop" "$WORK/lag.out"
  if (($# > 0)); then
    bench_java io.kvstore.bench.ReplicationLag "$master" "$stop" "$@" >"$WORK/lag.out" &
    lagpid=$!
  fi
  # csv: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  csv="$(redis-benchmark -p "$master" -t set -n "$N" -c "$CLIENTS" -r "$RANDKEYS" --csv \
    | tr -d '"' | awk -F, 'NR>1 {print $2","$5","$7}')"
  if [[ -n "$lagpid" ]]; then
    for r in "$@"; do wait_until 120 "replica $r catching up" caught_up "$master" "$r"; done
    touch "$stop"
    wait "$lagpid"
    lag="$(cat "$WORK/lag.out")"
  fi
  echo "$csv,$lag"
}
kv_of() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "## SET throughput and replica lag: redis-benchmark -t set -n $N -c $CLIENTS -r $RANDKEYS"
echo
echo "| replicas | redis rps | kvstore rps | kvstore/redis | redis p50/p99 ms | kvstore p50/p99 ms | redis lag bytes p50/p99/max (lo-hi) | kvstore lag bytes p50/p99/max (lo-hi) | redis lag ms p50/p99/max | kvstore lag ms p50/p99/max |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for R in 0 1 2; do
  topology "${REDIS_PORTS[0]}" "${REDIS_PORTS[@]:1:$R}"
  rr="$(run_set "${REDIS_PORTS[0]}" "${REDIS_PORTS[@]:1:$R}")"
  topology "${KV_PORTS[0]}" "${KV_PORTS[@]:1:$R}"
  kr="$(run_set "${KV_PORTS[0]}" "${KV_PORTS[@]:1:$R}")"
  IFS=, read -r r_rps r_p50 r_p99 r_lag <<<"$rr"
  IFS=, read -r k_rps k_p50 k_p99 k_lag <<<"$kr"
  lagcols() {
    if [[ "$1" == "-" ]]; then echo "- | -"; return; fi
    local b="" q
    for q in p50 p99 max; do
      b="$b${b:+ / }$(kv_of "bytes_lo_$q" "$1")-$(kv_of "bytes_hi_$q" "$1")"
    done
    echo "$b | $(kv_of ms_p50 "$1") / $(kv_of ms_p99 "$1") / $(kv_of ms_max "$1")"
  }
  IFS='|' read -r rb rm <<<"$(lagcols "$r_lag")"
  IFS='|' read -r kb km <<<"$(lagcols "$k_lag")"
  printf "| %s | %.0f | %.0f | %.2f | %s / %s | %s / %s | %s | %s | %s | %s |\n" "$R" "$r_rps" "$k_rps" \
    "$(awk -v a="$k_rps" -v b="$r_rps" 'BEGIN { print a / b }')" "$r_p50" "$r_p99" "$k_p50" "$k_p99" \
    "$(echo $rb)" "$(echo $kb)" "$(echo $rm)" "$(echo $km)"
done
echo

# Full sync: KEYS keys x 100 B loaded on the master, then an empty replica attaches.
VALUE="$(head -c 100 /dev/zero | tr '\0' 'x')"
awk -v n="$KEYS" -v v="$VALUE" 'BEGIN { for (i = 0; i < n; i++) {
  k = sprintf("key:%012d", i);
  printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$100\r\n%s\r\n", length(k), k, v } }' >"$WORK/load.resp"
full_sync() { # master replica -> seconds
  local t0 t1
  topology "$1"
  redis-cli -p "$1" --pipe <"$WORK/load.resp" >/dev/null
  t0="$(now_ms)"
  cli "$2" replicaof 127.0.0.1 "$1" >/dev/null
  wait_until 1800 "full sync of $2 from $1" link_up "$2"
  t1="$(now_ms)"
  [[ "$(cli "$2" dbsize)" == "$KEYS" ]] || { echo "replica $2 has $(cli "$2" dbsize) keys, not $KEYS" >&2; exit 1; }
  awk -v ms="$((t1 - t0))" 'BEGIN { printf "%.2f", ms / 1000 }'
}
r_sync="$(full_sync "${REDIS_PORTS[0]}" "${REDIS_PORTS[1]}")"
k_sync="$(full_sync "${KV_PORTS[0]}" "${KV_PORTS[1]}")"
echo "## Full sync: $KEYS keys x 100-byte values, REPLICAOF to master_link_status:up"
echo
echo "| redis -> redis s | kvstore -> kvstore s | kvstore/redis |"
echo "|---|---|---|"
printf "| %s | %s | %.2f |\n" "$r_sync" "$k_sync" "$(awk -v a="$k_sync" -v b="$r_sync" 'BEGIN { print a / b }')"
echo

# SET + WAIT 1 100 with one replica, one client, unpipelined.
topology "${REDIS_PORTS[0]}" "${REDIS_PORTS[1]}"
r_wait="$(bench_java io.kvstore.bench.WaitLatency "${REDIS_PORTS[0]}" "$WAITN" 1 100)"
topology "${KV_PORTS[0]}" "${KV_PORTS[1]}"
k_wait="$(bench_java io.kvstore.bench.WaitLatency "${KV_PORTS[0]}" "$WAITN" 1 100)"
echo "## SET + WAIT 1 100: one client, one replica, $WAITN requests (microseconds)"
echo
echo "| server | p50 | p99 | max | SET p50 | WAIT p50 | WAIT p99 | WAIT timeouts |"
echo "|---|---|---|---|---|---|---|---|"
for s in redis kvstore; do
  if [[ "$s" == redis ]]; then w="$r_wait"; else w="$k_wait"; fi
  echo "| $s | $(kv_of p50_us "$w") | $(kv_of p99_us "$w") | $(kv_of max_us "$w") | $(kv_of set_p50_us "$w") | $(kv_of wait_p50_us "$w") | $(kv_of wait_p99_us "$w") | $(kv_of timeouts "$w") |"
done
