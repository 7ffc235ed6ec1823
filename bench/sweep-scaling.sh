#!/usr/bin/env bash
# Runner scaling (docs/performance.md, "Sweeps"): the same sweep with 1 worker and with 2 (or the worker counts
# given), each in a fresh JVM and a fresh output directory, as `rtxen sweep` runs it. For each it prints the wall
# time, the process's CPU time split into the runs' own (worker thread CPU) and everything else (JIT compilers,
# GC, main thread and DuckDB), then the speed-up of each count over the first. Wall times only mean something on a
# quiet machine: check the load average it prints. Extra JVM options: RTXEN_JAVA_OPTS, as for ./rtxen.
#   bench/sweep-scaling.sh [SWEEP.yaml [WORKERS...]]      default: bench/scaling.yaml (1,200 runs), 1 2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sweep="${1:-bench/scaling.yaml}"
shift || true
counts=("${@:-1}")
[ $# -eq 0 ] && counts=(1 2)
mvn -B -q -Dstyle.color=never -DskipTests -pl rtxen-cli,rtxen-bench -am package >&2
cp="rtxen-cli/target/rtxen.jar:rtxen-bench/target/classes"
echo "load average before: $(cat /proc/loadavg 2>/dev/null || echo unknown); $(nproc) cores"
first=""
for w in "${counts[@]}"; do
  out="$(mktemp -d)"
  report="$(java ${RTXEN_JAVA_OPTS:-} -cp "$cp" org.rtxen.bench.SweepCpuProbe "$sweep" "$w" "$out")"
  echo "$report"
  wall="$(sed -n 's/^wall: \([0-9.]*\) s sweep.*/\1/p' <<<"$report")"
  if [ -z "$first" ]; then first="$wall"; else
    awk -v a="$first" -v b="$wall" -v w="$w" 'BEGIN { printf "speed-up with %s workers: %.2fx\n", w, a / b }'
  fi
  rm -rf "$out"
done
