#!/usr/bin/env python3
"""po/POTFILES.in lists every source with translatable strings, and zh_CN.po translates every
message of the sources (users read Chinese). TAP output."""
import os
import re
import subprocess
import sys

root = os.environ.get('GK_SOURCE_ROOT') or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
listed = {l.strip() for l in open(os.path.join(root, 'po/POTFILES.in'), encoding='utf-8')
          if l.strip() and not l.startswith('#')}
pattern = re.compile(r'(\b_\(|\bN_\(|ngettext \(|translatable="yes")')
found = set()
for top in ('src', 'data'):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if not name.endswith(('.c', '.ui', '.in', '.gschema.xml')):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            text = open(path, encoding='utf-8').read()
            if pattern.search(text) or name.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
                found.add(rel)

results = []
missing = sorted(found - listed)
results.append((not missing, 'POTFILES.in lists every file with translatable strings', missing))
stale = sorted(p for p in listed if not os.path.exists(os.path.join(root, p)))
results.append((not stale, 'POTFILES.in names only existing files', stale))

# Every message of the sources has a Chinese translation, and the .po compiles cleanly.
pot = subprocess.run(['xgettext', '--from-code=UTF-8', '-k_', '-kN_', '-kngettext:1,2', '-o', '-', '--files-from=' + os.path.join(root, 'po/POTFILES.in'), '-D', root],
                     capture_output=True, text=True)
check = subprocess.run(['msgfmt', '--check', '--statistics', '-o', '/dev/null',
                        os.path.join(root, 'po/zh_CN.po')], capture_output=True, text=True)
stats = check.stderr.strip()
results.append((check.returncode == 0, 'zh_CN.po passes msgfmt --check', [stats]))
cmp = subprocess.run(['msgcmp', '--use-untranslated', os.path.join(root, 'po/zh_CN.po'), '-'],
                     input=pot.stdout, capture_output=True, text=True) if pot.returncode == 0 else None
ok_full = ('untranslated' not in stats and 'fuzzy' not in stats)
results.append((ok_full, 'zh_CN.po has no untranslated or fuzzy message', [stats]))
if cmp is not None:
    results.append((cmp.returncode == 0, 'zh_CN.po covers every message in the sources', cmp.stderr.splitlines()[:20]))

print(f'1..{len(results)}')
failed = 0
for i, (ok, name, diag) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        failed += 1
        for d in diag:
            print(f'# {d}')
sys.exit(1 if failed else 0)
