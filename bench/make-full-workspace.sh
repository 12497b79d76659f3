#!/bin/sh
# A "full" catalogue for the start-up and memory benchmarks: the seeded workspace, every
# applicable domain filled to about 800 items by copying its items (local origin), as a
# township that has worked through all 26 domains would have. Usage: make-full-workspace.sh CLI FILE
set -eu
cli=$1 file=$2
"$cli" --workspace "$file" new --township 城关镇 --county 测试县 >/dev/null
for round in 1 2 3 4 5 6 7 8 9; do
  sqlite3 "$file" "INSERT INTO item (domain_id, position, level1, level2, content, basis, time_limit, subject,
      channels, channels_other, audience_all, audience_specific, mode_active, mode_request, level_county,
      level_township, origin, state, note)
    SELECT domain_id, position + 100 * $round, level1, level2 || '（$round）', content, basis, time_limit, subject,
      channels, channels_other, audience_all, audience_specific, mode_active, mode_request, level_county,
      level_township, 'local', state, note
    FROM item WHERE origin GLOB 'standard:*';"
done
# Domains with no township-level standard items get local ones too.
for n in 5 17 23 25 26; do
  i=1
  while [ $i -le 30 ]; do
    "$cli" --workspace "$file" item add $n --level1 "本地事项$i" --level2 "二级事项$i" --content 内容 --subject 乡镇人民政府 >/dev/null
    i=$((i + 1))
  done
done
sqlite3 "$file" "SELECT count(*) FROM item;"
