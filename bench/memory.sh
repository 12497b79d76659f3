#!/bin/sh
# Resident memory with the window open on a full catalogue (goal ≤ 120 MB): the app is left
# 4 s to settle on a domain page, then VmRSS is read. Usage: bench/memory.sh BUILDDIR
set -eu
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$(dirname "$0")/make-full-workspace.sh" "$build/src/cli/gongkai-cli" "$work/full.gongkai" >/dev/null
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 GK_LOCALEDIR="$build/po"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c "
  '$build/src/ui/gongkai' --workspace '$work/full.gongkai' --domain 20 &
  pid=\$!
  sleep 4
  grep -E 'VmRSS|VmHWM' /proc/\$pid/status
  kill \$pid
"
