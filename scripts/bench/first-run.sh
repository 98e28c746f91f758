#!/usr/bin/env bash
# First-run cost as a new user pays it: packs this checkout, then, with a fresh npm cache each
# round, times `npm exec --package=<tarball> -- djsec settings.py` (install + first lint), then a
# second run from the warm cache. Prints wall and CPU seconds per round.
# Usage: scripts/bench/first-run.sh [ROUNDS]   (needs the npm registry)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
work=$(mktemp -d /tmp/djsec-first-run.XXXXXX)
trap 'rm -rf "$work"' EXIT
tgz=$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -1)
mkdir -p "$work/app/mysite" && printf 'DEBUG = True\nSECRET_KEY = "x"\n' >"$work/app/mysite/settings.py"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
for i in $(seq "$rounds"); do
  export npm_config_cache="$work/cache-$i"
  for phase in first warm; do
    start=$(date +%s.%N)
    # TIMEFORMAT: CPU seconds of the whole tree (npm, node-gyp, compilers) beside wall time.
    cpu=$( { TIMEFORMAT='%U %S'; time (cd "$work/app" && npm exec --yes --package="$work/$tgz" -- djsec mysite/settings.py >/dev/null 2>&1 || true); } 2>&1 )
    end=$(date +%s.%N)
    echo "round $i $phase: wall $(echo "$end - $start" | bc) s, cpu $(echo "$cpu" | awk '{print $1 + $2}') s"
  done
done
