#!/bin/sh
# Takes a screenshot of the real app under Xvfb: screenshot.sh BUILDDIR WORKSPACE OUT.png [DOMAIN]
# Used by hand and by .ci/run; needs xvfb-run, dbus-run-session and ImageMagick's import.
set -eu
build=$1 workspace=$2 out=$3 domain=${4:-20}
export LANG=zh_CN.UTF-8 LANGUAGE=zh_CN GSETTINGS_BACKEND=memory GSK_RENDERER=cairo NO_AT_BRIDGE=1
export GSETTINGS_SCHEMA_DIR="$build/data" GK_LOCALEDIR="$build/po"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c "
  '$build/src/ui/gongkai' --workspace '$workspace' --domain '$domain' &
  pid=\$!
  sleep 3
  import -window root '$out'
  kill \$pid
" 2>/dev/null
