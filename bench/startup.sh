#!/bin/sh
# Start-up benchmark: time to the first drawn frame, whole process, under one Xvfb session:
# gongkai --exit-after-startup on a full 26-domain workspace (~950 items, make-full-workspace.sh)
# vs. a bare libadwaita window (bare-window.c), and vs. the same first frame rebuilt as a static
# window of plain widgets (mock-window.c): bare → mock is what the screen costs to draw,
# mock → gongkai what gongkai's code adds.
# Usage: bench/startup.sh BUILDDIR [RUNS]. Needs hyperfine, xvfb-run, dbus-run-session.
set -eu
build=$(cd "$1" && pwd) runs=${2:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$(dirname "$0")/make-full-workspace.sh" "$build/src/cli/gongkai-cli" "$work/full.gongkai" >/dev/null
# In Chinese, as officers run it: the text of the first frame is what it costs.
export LANG=zh_CN.UTF-8 GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 GK_LOCALEDIR="$build/po"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  hyperfine --warmup 3 --runs "$runs" --export-markdown "$work/startup.md" --export-json "$work/startup.json" \
    -n bare-libadwaita-window "$build/bench/bare-window" \
    -n static-mock-window "$build/bench/mock-window" \
    -n gongkai "$build/src/ui/gongkai --workspace $work/full.gongkai --domain 20 --exit-after-startup" >&2
cat "$work/startup.md"
# Medians too: a run now and then takes 100 ms longer (the X server, the session bus), and a
# mean moves with how many of those fell in one command's runs.
python3 - "$work/startup.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))['results']
bare = statistics.median(results[0]['times'])
for r in results:
    m = statistics.median(r['times'])
    print('%-24s median %6.1f ms  %.2f x bare' % (r['command'], m * 1000, m / bare))
PY
