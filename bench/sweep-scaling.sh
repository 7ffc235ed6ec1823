#!/usr/bin/env bash
# Runner scaling (docs/performance.md, "Sweeps"): the same sweep with 1 worker and with 2 (or the worker counts
# given), each in a fresh JVM and a fresh output directory, as `rtxen sweep` runs it. For each it prints the wall
# time (the speed-up uses the JVM's, start-up included), the process's CPU time split into the runs' own (worker thread CPU) and everything else (JIT compilers,
# GC, main thread and DuckDB), then the speed-up of each count over the first. Wall times only mean something on a
# quiet machine: check the load average it prints. The JVM gets ./rtxen's JIT options, then RTXEN_JAVA_OPTS.
#   bench/sweep-scaling.sh [SWEEP.yaml [WORKERS...]]      default: bench/scaling.yaml (1,200 runs), 1 2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sweep="${1:-bench/scaling.yaml}"
shift || true
if [ $# -gt 0 ]; then counts=("$@"); else counts=(1 2); fi
mvn -B -q -Dstyle.color=never -DskipTests -pl rtxen-cli,rtxen-bench -am package >&2
cp="rtxen-cli/target/rtxen.jar:rtxen-bench/target/classes"
jit="$(sed -n 's/^jit="\(.*\)"$/\1/p' rtxen)"
echo "load average before: $(cat /proc/loadavg 2>/dev/null || echo unknown); $(nproc) cores"
first=""
for w in "${counts[@]}"; do
  out="$(mktemp -d)"
  report="$(java $jit ${RTXEN_JAVA_OPTS:-} -cp "$cp" org.rtxen.bench.SweepCpuProbe "$sweep" "$w" "$out")"
  echo "$report"
  wall="$(sed -n 's/^wall: .* s sweep, \([0-9.]*\) s JVM.*/\1/p' <<<"$report")"   # as `time rtxen sweep` sees it
  if [ -z "$first" ]; then first="$wall"; else
    awk -v a="$first" -v b="$wall" -v w="$w" 'BEGIN { printf "speed-up with %s workers: %.2fx\n", w, a / b }'
  fi
  rm -rf "$out"
done
