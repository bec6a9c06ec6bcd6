#!/usr/bin/env bash
# Regenerates docs/layout-*.png: records a short demo meeting per layout with
# the main job and grabs one decoded frame of each recording.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo build --quiet --locked --release -p meetrec-record
mkdir -p docs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shoot() { # name, then meetrec-record options
  local name=$1; shift
  target/release/meetrec-record --duration 6 --output "$tmp/$name.webm" "$@" >/dev/null
  # Frame at 5 s (past the first speaker switch), scaled down for the README.
  gst-launch-1.0 -q filesrc location="$tmp/$name.webm" ! matroskademux ! vp8dec ! videoconvert ! \
    videoscale ! "video/x-raw,width=$W,height=$H" ! pngenc ! \
    multifilesink location="$tmp/$name-%03d.png"
  cp "$tmp/$name-150.png" "docs/layout-$name.png"
  echo "docs/layout-$name.png"
}
W=480 H=270 shoot grid --layout grid --participants 4
W=480 H=270 shoot grid-9-dark --layout grid --grid-size 9 --participants 9 --theme dark
W=480 H=270 shoot spotlight --layout spotlight
W=480 H=270 shoot sidebar --layout sidebar --theme light
W=270 H=480 shoot portrait-grid --layout grid --orientation portrait --theme dark
