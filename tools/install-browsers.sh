#!/usr/bin/env bash
# Installs the Debian browsers the demo and the tests drive (Chromium, Firefox ESR) when they are missing.
# No browser downloads of their own: Playwright and Puppeteer use these system builds.
set -euo pipefail

missing=()
[[ -x /usr/lib/chromium/chromium ]] || missing+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
(( ${#missing[@]} )) || exit 0

echo "Installing browsers: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
  echo "Please install them as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
${SUDO[@]+"${SUDO[@]}"} apt-get update
${SUDO[@]+"${SUDO[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
