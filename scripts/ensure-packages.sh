#!/usr/bin/env bash
# Installs the Debian packages behind the given commands when they are missing.
# Usage: ensure-packages.sh command:package [command:package ...]
# Tests need real servers (redis-server, etcd); this keeps `make test` self-sufficient on a fresh
# machine without making anything depend on a manual install.
set -euo pipefail

missing=()
for pair in "$@"; do
  cmd=${pair%%:*}
  pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing packages: ${missing[*]}; install them (Debian: apt-get install ${missing[*]}) or run make as root" >&2
  exit 1
fi
echo "installing missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for pair in "$@"; do
  cmd=${pair%%:*}
  command -v "$cmd" >/dev/null 2>&1 || { echo "error: $cmd still missing after installing ${pair#*:}" >&2; exit 1; }
done
