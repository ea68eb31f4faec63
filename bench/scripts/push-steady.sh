#!/usr/bin/env bash
# A steady-state push measurement: starts a hub from JAR on its own database and broker virtual
# host, warms it up (the JIT compiles the hot path for the first minutes under load; measuring
# before that measures the compiler), then pushes at RATE for 60 s with loadgen and reports, next
# to loadgen's figures, the CPU seconds the hub, RabbitMQ and the database's backends spent per
# 1000 stored readings (read from /proc, so other load on the box does not count).
#
#   bench/scripts/push-steady.sh hub/target/meterflow.jar 600 [udp|tcp|http]
#
# Environment: MF_BENCH_DB (meterflow_bench), MF_BENCH_VHOST (meterflow-bench, must exist),
# MF_BENCH_METERS (10000: the meters of the measured run; each pushes at most once a second),
# MF_BENCH_REGISTERS (10: readings per push in the measured run; 10 000 meters at one push a
# second offer at most 100 000 readings/s with 10, so more are needed to offer more),
# MF_BENCH_LOADGEN_JAR (JAR: the jar whose loadgen makes the load, so that hubs of other versions
# are measured with the same instrument),
# MF_BENCH_ADMIN_KEY (the admin key the hub printed on its first start on that database),
# MF_BENCH_MASTER_KEY (64 hex digits, the same on every run against that database),
# MF_BENCH_HUB_JAVA_OPTS (extra options for the hub's JVM only, such as a flight recording started
# with it: -XX:StartFlightRecording=settings=profile,filename=hub.jfr),
# MF_BENCH_PG_PORT (5432: the port of the PostgreSQL on 127.0.0.1 that holds MF_BENCH_DB),
# MF_BENCH_HUB_ARGS (extra arguments for the hub, such as --meterflow.receivers.batch-frames=500).
set -euo pipefail
JAR=${1:?jar}; RATE=${2:-600}; TRANSPORT=${3:-udp}
DB=${MF_BENCH_DB:-meterflow_bench}; VHOST=${MF_BENCH_VHOST:-meterflow-bench}; METERS=${MF_BENCH_METERS:-10000}
: "${MF_BENCH_ADMIN_KEY:?the admin key of the bench database}" "${MF_BENCH_MASTER_KEY:?64 hex digits}"
LOG=$(mktemp -d)
for q in meterflow.decode meterflow.store meterflow.store-events; do rabbitmqctl purge_queue -p "$VHOST" "$q" >/dev/null 2>&1 || true; done
java -Xmx1g ${MF_BENCH_HUB_JAVA_OPTS:-} -jar "$JAR" --server.port=28090 \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:${MF_BENCH_PG_PORT:-5432}/$DB" --spring.datasource.username=postgres \
  --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.virtual-host="$VHOST" \
  --meterflow.security.master-key="$MF_BENCH_MASTER_KEY" --meterflow.receivers.dlms-udp.port=24070 \
  --meterflow.receivers.dlms-tcp.port=24070 --meterflow.poll.enabled=false ${MF_BENCH_HUB_ARGS:-} > "$LOG/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do grep -q "Started MeterflowApplication" "$LOG/hub.log" && break; sleep 1; done
cpu() { # user+system seconds of: the hub, RabbitMQ, the bench database's backends
  local hz; hz=$(getconf CLK_TCK)
  local pg=0 p
  for p in $(pgrep -f "postgres: .* $DB " || true); do pg=$((pg + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$(awk '{print $14+$15}' /proc/$HUB/stat) $(awk '{print $14+$15}' "/proc/$(pgrep -f beam.smp | head -1)/stat") $pg $hz"
}
LG=(java -jar "${MF_BENCH_LOADGEN_JAR:-$JAR}" loadgen --url http://127.0.0.1:28090 --key "$MF_BENCH_ADMIN_KEY"
    --jdbc-url "jdbc:postgresql://127.0.0.1:${MF_BENCH_PG_PORT:-5432}/$DB" --transport "$TRANSPORT" --port 24070)
"${LG[@]}" --meters 1000 --rate 150 --duration 150s --settle 60s > "$LOG/warm-up.txt" 2>&1
# The CPU is counted from loadgen's first push (after it registered its meters) to its report,
# which it prints before it times the COPY baseline (that COPY runs in the same database).
"${LG[@]}" --meters "$METERS" --registers "${MF_BENCH_REGISTERS:-10}" --rate "$RATE" --duration 60s --settle 120s --baseline > "$LOG/run.txt" 2>&1 &
RUN=$!
until grep -q "meters with keys in organization" "$LOG/run.txt" 2>/dev/null || ! kill -0 $RUN 2>/dev/null; do sleep 0.1; done
LGPID=$(pgrep -f "jar loadgen --url" | head -1 || true)
C0=$(cpu); L0=$(awk '{print $14+$15}' "/proc/${LGPID:-0}/stat" 2>/dev/null || echo 0)
until grep -q "^  sustained" "$LOG/run.txt" 2>/dev/null || ! kill -0 $RUN 2>/dev/null; do
  L1=$(awk '{print $14+$15}' "/proc/${LGPID:-0}/stat" 2>/dev/null || echo "${L1:-0}")
  sleep 0.2
done
C1=$(cpu)
wait $RUN || true  # a run with losses exits 1
grep -v "^loadgen:" "$LOG/run.txt"
STORED=$(awk '/^  stored/ {print $2}' "$LOG/run.txt")
python3 - "$C0" "$C1" "$STORED" "$(( ${L1:-0} - L0 ))" <<'PY'
import sys
a = list(map(int, sys.argv[1].split())); b = list(map(int, sys.argv[2].split())); stored = max(1, int(sys.argv[3]))
hz = a[3]; d = [(y - x) / hz for x, y in zip(a[:3], b[:3])]
lg = int(sys.argv[4]) / hz
print("  cpu per 1000 readings hub %.4f s, rabbitmq %.4f s, postgres %.4f s; loadgen (the meters) %.4f s"
      % (tuple(1000 * x / stored for x in d) + (1000 * lg / stored,)))
PY
echo "  logs in $LOG"
