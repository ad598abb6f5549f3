#!/usr/bin/env bash
# Builds the benchmark jar and runs every benchmark, writing BENCHMARKS.md at the repository root.
#   bench/run.sh            short run (< 10 min on 2 cores)
#   bench/run.sh --full     longer, steadier run
# Any other BenchRunner option is passed on (see bench/NOTES.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -pl bench -am package -DskipTests ${MVN_OFFLINE:+-o}
exec java -cp bench/target/benchmarks.jar dev.bounded.bench.BenchRunner "$@"
