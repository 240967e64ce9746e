#!/usr/bin/env bash
# kvstore's raft mode vs etcd 3.4: a 3-node cluster of each on this machine (127.0.0.1), one
# after the other in the same run, driven by the same closed-loop load generator
# (io.kvstore.bench.etcd.RaftCompare): synchronous writes of a 100-byte value to random keys among
# 10,000 at 1, 16 and 256 concurrent clients, then linearizable reads (etcd: Range with
# serializable=false, its default; kvstore: GET in its default linearizable read mode) at the
# same client counts. One connection per client; client i talks to node i mod 3 for both systems,
# the nodes listed followers first and the leader last (so a lone client goes through a follower,
# which forwards writes to the leader, in both). Both log with fsync on, their defaults.
# Every key is written once before the steps (untimed). Prints a table with the kvstore/etcd ratio.
# A benchmark, not a test: the numbers depend on the machine and on what else runs on it.
#
# Usage: bench/etcd-compare.sh [seconds-per-step (default 10)]
# Environment: ETCD_COMPARE_WARMUP (unmeasured seconds before each step, default 2),
#   ETCD_COMPARE_CLIENTS / ETCD_COMPARE_READ_CLIENTS (default 1,16,256),
#   ETCD_COMPARE_CHECK_PERF=1 also runs `etcdctl check perf --load=l` (about 60 s more),
#   ETCD_BASE_PORT (default 23790: clients on +1..+3, peers on +101..+103),
#   KV_BASE_PORT (default 7600: RESP on +0..+2, gRPC on +100..+102, Raft on +200..+202),
#   KVSTORE_JAVA_OPTS (kvstore nodes' JVM options, default bin/kvstore's), TMPDIR (data dirs).
# Needs etcd 3.4 (apt-get install -y etcd-server etcd-client), java and mvn.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STEP="${1:-10}"
WARMUP="${ETCD_COMPARE_WARMUP:-2}"
CLIENTS="${ETCD_COMPARE_CLIENTS:-1,16,256}"
READ_CLIENTS="${ETCD_COMPARE_READ_CLIENTS:-1,16,256}"
CHECK_PERF="${ETCD_COMPARE_CHECK_PERF:-0}"
ETCD_BASE="${ETCD_BASE_PORT:-23790}"
KV_BASE="${KV_BASE_PORT:-7600}"
KEYS=10000
VALUE_SIZE=100

for tool in etcd etcdctl java mvn; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool (etcd: apt-get install -y etcd-server etcd-client)" >&2
    exit 2
  }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/etcd-compare.XXXXXX")"
ETCD_PIDS=()
KV_UP=false
cleanup() {
  for pid in "${ETCD_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${ETCD_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $KV_UP; then "$ROOT/bin/kvstore" cluster down --dir "$WORK/kvstore" --purge >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $((ETCD_BASE + 1)) $((ETCD_BASE + 2)) $((ETCD_BASE + 3)) $((ETCD_BASE + 101)) $((ETCD_BASE + 102)) \
  $((ETCD_BASE + 103)) "$KV_BASE" $((KV_BASE + 1)) $((KV_BASE + 2)) $((KV_BASE + 100)) $((KV_BASE + 101)) \
  $((KV_BASE + 102)) $((KV_BASE + 200)) $((KV_BASE + 201)) $((KV_BASE + 202)); do
  port_free "$p" || { echo "port $p is in use (set ETCD_BASE_PORT / KV_BASE_PORT)" >&2; exit 2; }
done

# The server jar and the benchmark's jar (built when missing or stale).
"$ROOT/bin/kvstore" bench --help >/dev/null
CP="$ROOT/bench/target/kvstore-bench.jar:$ROOT/server/target/kvstore.jar"
load() { java -XX:+UseParallelGC -Xss512k -cp "$CP" io.kvstore.bench.etcd.RaftCompare "$@"; }
# kvstore nodes run with bin/kvstore's JVM defaults unless KVSTORE_JAVA_OPTS says otherwise.
if [[ -z "${KVSTORE_JAVA_OPTS:-}" ]]; then
  KVSTORE_JAVA_OPTS="$(sed -n 's/^DEFAULT_OPTS="\(.*\)"$/\1/p' "$ROOT/bin/kvstore")"
  export KVSTORE_JAVA_OPTS
fi

RESULTS="$WORK/results.tsv"
LOAD_ARGS=(--clients "$CLIENTS" --read-clients "$READ_CLIENTS" --seconds "$STEP" --warmup "$WARMUP"
  --keys "$KEYS" --value-size "$VALUE_SIZE" --out "$RESULTS")

# ---- etcd: 3 members, own data dirs, default fsync ----
ETCD_EPS=""
CLUSTER=""
for i in 1 2 3; do
  ETCD_EPS+="${ETCD_EPS:+,}127.0.0.1:$((ETCD_BASE + i))"
  CLUSTER+="${CLUSTER:+,}e$i=http://127.0.0.1:$((ETCD_BASE + 100 + i))"
done
mkdir -p "$WORK/etcd"
for i in 1 2 3; do
  etcd --name "e$i" --data-dir "$WORK/etcd/e$i" \
    --listen-client-urls "http://127.0.0.1:$((ETCD_BASE + i))" \
    --advertise-client-urls "http://127.0.0.1:$((ETCD_BASE + i))" \
    --listen-peer-urls "http://127.0.0.1:$((ETCD_BASE + 100 + i))" \
    --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_BASE + 100 + i))" \
    --initial-cluster "$CLUSTER" --initial-cluster-token "etcd-compare-$$" --initial-cluster-state new \
    --logger zap --log-level warn >"$WORK/etcd/e$i.log" 2>&1 &
  ETCD_PIDS+=($!)
done
for _ in $(seq 1 60); do
  etcdctl --endpoints "$ETCD_EPS" endpoint health >/dev/null 2>&1 && break
  sleep 0.5
done
etcdctl --endpoints "$ETCD_EPS" endpoint health >&2 || { echo "etcd did not start; logs:" >&2; tail -n 20 "$WORK"/etcd/*.log >&2; exit 1; }

# leader_last LEADER EPS: the endpoints with LEADER moved to the end.
leader_last() {
  local out="" e
  for e in ${2//,/ }; do [[ "$e" != "$1" ]] && out+="${out:+,}$e"; done
  echo "$out${1:+,$1}"
}
ETCD_LEADER="$(etcdctl --endpoints "$ETCD_EPS" endpoint status -w simple | awk -F', ' '$5 == "true" {print $1}')"
ETCD_ORDER="$(leader_last "$ETCD_LEADER" "$ETCD_EPS")"
echo "etcd: $ETCD_ORDER (leader $ETCD_LEADER)" >&2
load run --system etcd --endpoints "$ETCD_ORDER" "${LOAD_ARGS[@]}"
PERF=""
if [[ "$CHECK_PERF" == 1 ]]; then
  echo "etcd: etcdctl check perf --load=l (60 s) ..." >&2
  PERF="$(etcdctl --endpoints "$ETCD_EPS" check perf --load=l 2>&1 | tr '\r' '\n' | grep -E '^(PASS|FAIL|Error)' || true)"
fi
for pid in "${ETCD_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
for pid in "${ETCD_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
ETCD_PIDS=()

# ---- kvstore: 3 raft nodes ----
KV_UP=true
"$ROOT/bin/kvstore" cluster up --mode raft --nodes 3 --base-port "$KV_BASE" --dir "$WORK/kvstore" >&2
KV_EPS="127.0.0.1:$KV_BASE,127.0.0.1:$((KV_BASE + 1)),127.0.0.1:$((KV_BASE + 2))"
KV_LEADER="$("$ROOT/bin/kvstore" cluster status --dir "$WORK/kvstore" | awk '/ leader \(/ {print $2}')"
KV_ORDER="$(leader_last "$KV_LEADER" "$KV_EPS")"
echo "kvstore: $KV_ORDER (leader $KV_LEADER)" >&2
load run --system kvstore --endpoints "$KV_ORDER" "${LOAD_ARGS[@]}"
"$ROOT/bin/kvstore" cluster down --dir "$WORK/kvstore" --purge >/dev/null 2>&1 || true
KV_UP=false

# ---- report ----
echo "## kvstore raft vs etcd $(etcd --version | awk '/^etcd Version/ {print $3}'): 3 nodes each on 127.0.0.1"
echo
echo "$(nproc) cores; data on $(df -T "$WORK" | awk 'NR == 2 {print $2}'); $KEYS keys x $VALUE_SIZE B, preloaded;" \
  "closed loop, one connection per client, client i -> node i mod 3 (followers first, leader last);" \
  "${STEP} s per step after ${WARMUP} s warm-up;" \
  "fsync on (both defaults). $("$ROOT/bin/kvstore" version 2>/dev/null | head -n 1)"
echo
load table "$RESULTS"
if [[ -n "$PERF" ]]; then
  echo
  echo "etcdctl check perf --load=l (cross-check, same etcd cluster):"
  echo
  echo "$PERF" | sed 's/^/    /'
fi
