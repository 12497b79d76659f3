#!/bin/sh
# Resident memory with the window open on a full catalogue (goal ≤ 120 MB), against the bare
# libadwaita window (bench/bare-window.c) measured the same way: each is left 4 s to settle
# (gongkai on a domain page, its list filled), then /proc/PID/status and smaps_rollup are read.
# Anon is the process's own memory (heap, GL buffers); File is mapped libraries and fonts,
# shared with every other program that maps them. In Chinese, as officers run it.
# Usage: bench/memory.sh BUILDDIR. Needs xvfb-run, dbus-run-session.
set -eu
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$(dirname "$0")/make-full-workspace.sh" "$build/src/cli/gongkai-cli" "$work/full.gongkai" >/dev/null
export LANG=zh_CN.UTF-8 GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
       GK_LOCALEDIR="$build/po"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c '
  measure () {
    name=$1; shift
    "$@" 2>/dev/null &
    pid=$!
    sleep 4
    awk -v name="$name" "
      /^VmRSS/ { rss = \$2 } /^VmHWM/ { hwm = \$2 } /^RssAnon/ { anon = \$2 } /^RssFile/ { file = \$2 }
      END { printf \"%-8s VmRSS %4d MB  (Anon %4d MB, File %4d MB)  peak %4d MB\", name, rss/1024, anon/1024, file/1024, hwm/1024 }
    " /proc/$pid/status
    awk "/^Pss:/ { printf \"  Pss %4d MB\n\", \$2/1024 }" /proc/$pid/smaps_rollup
    kill $pid
    wait $pid 2>/dev/null || true
  }
  measure bare env BARE_WINDOW_STAY=1 "$0/bench/bare-window"
  measure gongkai "$0/src/ui/gongkai" --workspace "$1" --domain 20
' "$build" "$work/full.gongkai"
