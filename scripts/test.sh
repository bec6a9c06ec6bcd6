#!/usr/bin/env bash
# Quick start 2: runs every test (unit, element and pipeline tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
exec cargo test --locked --workspace "$@"
