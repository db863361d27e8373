#!/usr/bin/env bash
# aggregate and synthesize-marginal (the whole release) at 1 M devices: seconds, rows/s and peak RSS, as
# bench-pertable.sh. Targets (issue 7): synthesis < 5 min, RSS < 6 GB.
BENCH_METHOD=marginal BENCH_HEAP="${BENCH_HEAP:-8g}" exec "$(dirname "${BASH_SOURCE[0]}")/bench-pertable.sh" "$@"
