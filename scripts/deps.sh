#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages meetrec needs to build, test and run, when
# they are missing (as root, or through sudo). Safe to run again: it installs
# nothing when everything is there.
set -euo pipefail

PKGS=(
  pkg-config
  libgstreamer1.0-dev
  libgstreamer-plugins-base1.0-dev
  libgstreamer-plugins-bad1.0-dev
  gstreamer1.0-tools
  gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly
  gstreamer1.0-libav
  gstreamer1.0-plugins-base-apps
  libpango1.0-dev
  libcairo2-dev
  fonts-dejavu-core
  # The live-output tests publish to a real RTMP server: nginx with its RTMP
  # module, run by the tests on 127.0.0.1 with their own configuration.
  nginx
  libnginx-mod-rtmp
  # The fleet tests run a throwaway PostgreSQL server (initdb in a temp dir).
  postgresql
  # The tests' watchdog prints every thread's backtrace of a hung test.
  gdb
  # The console tests drive a real headless Chromium through WebDriver.
  chromium
  chromium-driver
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "meetrec: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "meetrec: cargo not found; install Rust 1.92 or newer (rustup), then run this again" >&2
  exit 1
fi

# The S3-compatible server the upload tests run against (it checks SigV4
# signatures). 0.14.1: later versions need a newer rustc than ours.
if [ "${MEETREC_SKIP_S3S:-}" != 1 ] && ! command -v s3s-fs >/dev/null \
  && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/s3s-fs" ]; then
  echo "meetrec: installing s3s-fs 0.14.1 (for the upload tests)"
  cargo install s3s-fs@0.14.1 --features binary --locked --quiet
fi
