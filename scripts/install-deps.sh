#!/usr/bin/env bash
# Installs the Debian packages appt builds, tests and benchmarks with.
# Safe to run again: it installs only what is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config tzdata
  libabsl-dev libhowardhinnant-date-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-dev python3-pytest pybind11-dev
  libkainjow-mustache-dev libical-dev libicu-dev libsodium-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
