#!/usr/bin/env bash
# Single-node throughput/latency: kvstore vs redis-server 7.0 on this machine, same run, same
# redis-benchmark invocations, unpipelined and pipelined; then RSS and disk for 1M keys x 100 B.
#
# Usage: bench/redis-compare.sh [requests-per-test (default 200000)] [keys-for-memory (default 1000000)]
# Both servers persist with appendfsync everysec (redis: AOF on, RDB snapshots off).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-200000}"
KEYS="${2:-1000000}"
CLIENTS=50
RANDKEYS=100000
TESTS="set,get,incr,mset"
REDIS_PORT=17379
KV_PORT=17380
WORK="$(mktemp -d -t kvstore-bench.XXXXXX)"

for tool in redis-server redis-cli redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y redis-server redis-tools" >&2; exit 2; }
done

"$ROOT/bin/kvstore" version >/dev/null   # builds the jar on first use

cleanup() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  redis-cli -p "$KV_PORT" shutdown nosave >/dev/null 2>&1 || true
  sleep 1
  [[ -n "${KV_PID:-}" ]] && kill -9 "$KV_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_ping() {
  for _ in $(seq 1 300); do
    [[ "$(redis-cli -p "$1" ping 2>/dev/null)" == "PONG" ]] && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2
  exit 1
}

mkdir -p "$WORK/redis" "$WORK/kv"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly yes \
  --appendfsync everysec --dir "$WORK/redis" --daemonize yes --logfile "$WORK/redis.log"
"$ROOT/bin/kvstore" server --port "$KV_PORT" --bind 127.0.0.1 --grpc-port 0 \
  --dir "$WORK/kv" --appendfsync everysec >"$WORK/kv.log" 2>&1 &
KV_PID=$!
wait_ping "$REDIS_PORT"
wait_ping "$KV_PORT"

REDIS_PID="$(redis-cli -p "$REDIS_PORT" info server | tr -d '\r' | awk -F: '/^process_id:/{print $2}')"

# JIT warm-up for the JVM (not measured), same for both so caches are comparable.
for p in "$REDIS_PORT" "$KV_PORT"; do
  redis-benchmark -p "$p" -t "$TESTS" -n 100000 -c "$CLIENTS" -r "$RANDKEYS" -q >/dev/null
  redis-benchmark -p "$p" -t "$TESTS" -n 200000 -c "$CLIENTS" -r "$RANDKEYS" -P 16 -q >/dev/null
done

# csv columns: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
run() { # port pipeline
  redis-benchmark -p "$1" -t "$TESTS" -n "$N" -c "$CLIENTS" -r "$RANDKEYS" -P "$2" --csv \
    | tr -d '"' | awk -F, 'NR>1 {print $1","$2","$5","$7}'
}

echo "## Throughput: redis-benchmark -t $TESTS -n $N -c $CLIENTS -r $RANDKEYS (-P 1 and -P 16)"
echo
echo "| test | pipeline | redis rps | kvstore rps | kvstore/redis | redis p50/p99 ms | kvstore p50/p99 ms |"
echo "|---|---|---|---|---|---|---|"
for P in 1 16; do
  run "$REDIS_PORT" "$P" >"$WORK/r.csv"
  run "$KV_PORT" "$P" >"$WORK/k.csv"
  paste -d, "$WORK/r.csv" "$WORK/k.csv" | awk -F, -v P="$P" '{
    printf "| %s | %s | %.0f | %.0f | %.2f | %s / %s | %s / %s |\n", $1, P, $2, $6, $6/$2, $3, $4, $7, $8 }'
done
echo

# Memory and disk for KEYS keys with 100-byte values, loaded with redis-cli --pipe.
redis-cli -p "$REDIS_PORT" flushall >/dev/null
redis-cli -p "$KV_PORT" flushall >/dev/null
VALUE="$(head -c 100 /dev/zero | tr '\0' 'x')"
awk -v n="$KEYS" -v v="$VALUE" 'BEGIN { for (i = 0; i < n; i++) {
  k = sprintf("key:%012d", i);
  printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$100\r\n%s\r\n", length(k), k, v } }' >"$WORK/load.resp"
redis-cli -p "$REDIS_PORT" --pipe <"$WORK/load.resp" >/dev/null
redis-cli -p "$KV_PORT" --pipe <"$WORK/load.resp" >/dev/null
redis-cli -p "$REDIS_PORT" bgrewriteaof >/dev/null
redis-cli -p "$KV_PORT" save >/dev/null
sleep 5
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
echo "## Memory and disk: $KEYS keys x 100-byte values (redis-cli --pipe)"
echo
echo "| server | dbsize | RSS MiB | on-disk MiB |"
echo "|---|---|---|---|"
printf "| redis-server (AOF) | %s | %.0f | %.0f |\n" "$(redis-cli -p "$REDIS_PORT" dbsize)" \
  "$(mib "$(( $(rss_kb "$REDIS_PID") * 1024 ))")" "$(mib "$(du -sb "$WORK/redis" | cut -f1)")"
printf "| kvstore (RocksDB) | %s | %.0f | %.0f |\n" "$(redis-cli -p "$KV_PORT" dbsize)" \
  "$(mib "$(( $(rss_kb "$KV_PID") * 1024 ))")" "$(mib "$(du -sb "$WORK/kv" | cut -f1)")"
