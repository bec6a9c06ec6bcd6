#!/usr/bin/env bash
# Quick start 1: records a demo meeting (4 synthetic participants, 10 s) to
# out/meeting.webm, or real files with --input FILE (repeatable). --help lists
# every option.
set -euo pipefail
cd "$(dirname "$0")/.."
MEETREC_SKIP_S3S=1 scripts/deps.sh
exec cargo run --quiet --locked --release -p meetrec-record -- "$@"
