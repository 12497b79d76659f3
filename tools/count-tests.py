#!/usr/bin/env python3
"""Counts test results across meson test logs: TAP programs by their subtests, the others as
one test each. Prints the closing line "N passed, N failed" and exits 1 if anything failed."""
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding='utf-8').read().splitlines()
    except OSError:
        print(f"missing test log: {path}")
        failed += 1
        continue
    for line in lines:
        test = json.loads(line)
        result = test.get('result')
        out = test.get('stdout') or ''
        oks = len(re.findall(r'^ok \d+(?! # SKIP)', out, re.M))
        skips = len(re.findall(r'^ok \d+ # SKIP', out, re.M))
        not_oks = len(re.findall(r'^not ok \d+', out, re.M))
        if oks or not_oks or skips:
            passed += oks
            skipped += skips
            failed += not_oks
            # A program that crashed after its last "ok" is a failure of its own.
            if result not in ('OK', 'EXPECTEDFAIL') and not_oks == 0:
                failed += 1
        elif result == 'SKIP':
            skipped += 1
        elif result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        else:
            print(f"FAILED: {test.get('name')} ({result})")
            failed += 1

print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
