#!/usr/bin/env bash
# System packages the tests need, installed from Debian only when missing.
# (Runs as root on these machines; elsewhere it prints what to install.)
set -euo pipefail
need=()
# Add a line per package: "command-or-file|debian-package".
for pair in "/usr/bin/chromium|chromium"; do
  probe=${pair%%|*}; pkg=${pair##*|}
  if [ -e "$probe" ] || command -v "$probe" >/dev/null 2>&1; then continue; fi
  need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Please install these Debian packages: ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
