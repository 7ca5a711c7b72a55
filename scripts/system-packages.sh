#!/usr/bin/env bash
# Installs the Debian packages Simpul needs beyond Python, when missing.
#   system-packages.sh runtime  Pango for WeasyPrint (for `make run`)
#   system-packages.sh test     the runtime ones, PostgreSQL server, Chromium and fonts, gettext
#   system-packages.sh NAME...  exactly those packages
# As root it runs apt-get; otherwise it says what to install and fails.
set -euo pipefail

need=()
# WeasyPrint (labels, cards, certificates as PDF) needs Pango at run time.
runtime() {
  [[ -e /usr/lib/x86_64-linux-gnu/libpango-1.0.so.0 || -e /usr/lib/aarch64-linux-gnu/libpango-1.0.so.0 ]] \
    || need+=(libpango-1.0-0 libpangoft2-1.0-0)
}
if [[ "${1:-}" == "runtime" ]]; then
  runtime
elif [[ "${1:-}" == "test" ]]; then
  runtime
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
  [[ -x /usr/bin/chromium ]] || need+=(chromium fonts-noto-core)
  command -v msgfmt >/dev/null || need+=(gettext)
else
  need=("$@")
fi
((${#need[@]})) || exit 0

if [[ "$(id -u)" != 0 ]]; then
  echo "Simpul needs these Debian packages: ${need[*]}" >&2
  echo "Install them as root:  apt-get update && apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "==> installing Debian packages: ${need[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
