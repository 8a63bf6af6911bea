#!/usr/bin/env bash
# Does the kernel that draws only where something can happen keep the law of the kernel with one
# Philox block per agent and week that it replaced (commit f239350^)? Runs both over the same
# seeds and prints, per yearly series, the z of the difference of means. The old tree gets one
# fix: its group key gave former convicts the variant bit of the expelled (fixed here since).
# Usage: packages/sim/scripts/same-law.sh [seeds=100] [scale=200]
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
old=.opis/same-law/old
if [ ! -d "$old" ]; then
  mkdir -p "$old"
  git archive f239350^ packages/sim | tar -x -C "$old"
  sed -i 's/| (f \& Flag.former);/| ((f \& Flag.former) !== 0 ? 1 : 0);/' "$old/packages/sim/src/model/kernel.ts"
fi
here=packages/sim/scripts
node --import tsx "$here/same-law-runs.ts" "$PWD/$old/packages/sim/src" "${1:-100}" "${2:-200}" > .opis/same-law/old.json
node --import tsx "$here/same-law-runs.ts" "$PWD/packages/sim/src" "${1:-100}" "${2:-200}" > .opis/same-law/new.json
node --import tsx "$here/same-law-stats.ts" .opis/same-law/old.json .opis/same-law/new.json
