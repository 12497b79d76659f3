#!/usr/bin/python3
# Tests of gongkai-cli's checking and maintenance commands: validate, search, department, and
# item move/restore/reset. Exit status: 0 done, 1 refused or failed (message on stderr), 2 usage
# error (the usage on stderr); `validate` also exits 1 when the catalogue has errors.
#
# Run by meson (`meson test -C build --suite cli -v`), which sets GK_CLI to the binary; prints TAP.
# Only the Python standard library is used. Every test works in its own temporary folder, and
# XDG_DATA_HOME points there too, so nothing outside it is ever touched.

import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gktest  # noqa: E402
from gktest import (FLAG_KEYS, N_DOMAINS, TEXT_KEYS, Failure, check, check_eq,  # noqa: E402
                    read_only_db, standards)

SEARCHED_KEYS = ['level1', 'level2', 'content', 'basis', 'subject']
RULES = {
    'profile-incomplete': None,  # an error for the township and county, a warning otherwise
    'domain-empty': 'error',
    'domain-no-reason': 'error',
    'item-required': 'error',
    'item-no-channel': 'error',
    'item-other-channel-unnamed': 'warning',
    'item-no-audience': 'error',
    'item-no-mode': 'error',
    'item-not-township': 'warning',
    'item-name-altered': 'warning',
    'item-duplicates-standard': 'warning',
    'item-duplicate': 'warning',
}
PROBLEM_KEYS = ['rule', 'severity', 'domain', 'item', 'field', 'message']
PROBLEM_LINE = re.compile(r'(error|warning) \[([a-z-]+)\] (.+)')
SUMMARY_LINE = re.compile(r'([0-9]+) errors, ([0-9]+) warnings')


class Env(gktest.Env):
    """One test's temporary folder, with a workspace path in it."""

    def new(self):
        self.ok('new', '--township', '江上乡', '--county', '永修县')
        return self

    def all_items(self):
        return [item for d in range(1, N_DOMAINS + 1) for item in self.items(d)]

    def item(self, item_id, domain=None):
        for item in self.items(domain) if domain else self.all_items():
            if item['id'] == item_id:
                return item
        return None

    def item_of(self, standard_id):
        domain = int(standard_id.split('-')[0])
        for item in self.items(domain):
            if item['origin'] == 'standard:' + standard_id:
                return item
        return None

    def add_item(self, domain, level1, level2, *args):
        r = self.ok('item', 'add', str(domain), '--level1', level1, '--level2', level2, *args)
        return int(r.out)

    def set(self, item_id, key, value):
        self.ok('item', 'set', str(item_id), key, value)

    def departments(self):
        r = self.ok('department', 'list')
        return [tuple(line.split('\t')) for line in r.out.splitlines()]

    def validate(self, expect_rc=None):
        """validate --json, checked for its shape; returns (rc, report)."""
        r = self.run('validate', '--json')
        check(r.rc in (0, 1), 'validate --json should exit 0 or 1\n' + r.describe())
        report = r.json()
        check_problem_report(report, r)
        check_eq(r.rc, 1 if report['errors'] > 0 else 0, 'exit status for %d errors' % report['errors'])
        if expect_rc is not None and r.rc != expect_rc:
            raise Failure('expected validate to exit %d\n%s' % (expect_rc, r.describe()))
        return report


def check_problem_report(report, r):
    check(isinstance(report, dict), 'validate --json should print an object\n' + r.describe())
    check_eq(sorted(report.keys()), ['errors', 'problems', 'warnings'], 'keys of the report')
    problems = report['problems']
    check(isinstance(problems, list), 'problems should be a list')
    for p in problems:
        check_eq(sorted(p.keys()), sorted(PROBLEM_KEYS), 'keys of a problem')
        check(p['rule'] in RULES, 'unknown rule %r' % p['rule'])
        check(p['severity'] in ('error', 'warning'), 'severity %r' % p['severity'])
        if RULES[p['rule']] is not None:
            check_eq(p['severity'], RULES[p['rule']], 'severity of %s' % p['rule'])
        check(isinstance(p['domain'], int) and 0 <= p['domain'] <= N_DOMAINS, 'domain %r' % p['domain'])
        check(isinstance(p['item'], int) and p['item'] >= 0, 'item %r' % p['item'])
        check(p['field'] is None or isinstance(p['field'], str), 'field %r' % p['field'])
        check(isinstance(p['message'], str) and p['message'].strip() != '', 'message %r' % p['message'])
        if p['rule'].startswith('item-'):
            check(p['item'] > 0 and p['domain'] > 0, 'an item problem names its item: %r' % p)
        else:
            check_eq(p['item'], 0, 'item of a %s problem' % p['rule'])
        if p['rule'] == 'profile-incomplete':
            check_eq(p['domain'], 0, 'domain of a profile problem')
    errors = sum(1 for p in problems if p['severity'] == 'error')
    check_eq(report['errors'], errors, 'errors count')
    check_eq(report['warnings'], len(problems) - errors, 'warnings count')


def deviations(path):
    db = read_only_db(path)
    try:
        return db.execute('SELECT standard_id, reason FROM standard_deviation ORDER BY standard_id').fetchall()
    finally:
        db.close()


def standard_item(standard_id):
    for domain in standards():
        for item in domain['items']:
            if item['id'] == standard_id:
                return item
    raise Failure('no standard item %s' % standard_id)


def channel_names(text):
    """'政府网站;其他:村广播' → ['政府网站', '其他']: the ticks, without the text of 其他."""
    return [part.split(':')[0] for part in text.split(';') if part]


def check_as_standard(item, standard_id, what):
    std = standard_item(standard_id)
    check_eq(item['origin'], 'standard:' + standard_id, what + ': origin')
    for key in ('level1', 'level2', 'content', 'basis', 'time_limit', 'subject'):
        check_eq(item[key], std[key], '%s: %s' % (what, key))
    check_eq(channel_names(item['channels']), channel_names(std['channels']), what + ': channels')
    other = [p.split(':', 1)[1] for p in std['channels'].split(';') if p.startswith('其他:')]
    check_eq(item['channels_other'], other[0] if other else '', what + ': channels_other')
    for key in FLAG_KEYS:
        check_eq(item[key], std['flags'][key] is True, '%s: %s' % (what, key))


TESTS = gktest.Tests()
test = TESTS.add


# ---- validate ----------------------------------------------------------------------------------

@test
def validate_new_workspace_has_errors(e):
    e.new()
    r = e.run('validate')
    check_eq(r.rc, 1, 'exit status of validate with errors\n' + r.describe())
    check_eq(r.err, '', 'stderr of validate (the problems are its output)')
    lines = r.out.splitlines()
    check(len(lines) >= 2, 'no problems listed\n' + r.describe())
    summary = SUMMARY_LINE.fullmatch(lines[-1])
    check(summary is not None, 'last line should be the counts\n' + r.describe())
    text_problems = []
    for line in lines[:-1]:
        m = PROBLEM_LINE.fullmatch(line)
        check(m is not None, 'a problem line: %r' % line)
        text_problems.append((m.group(2), m.group(1), m.group(3)))

    report = e.validate(expect_rc=1)
    check_eq(text_problems, [(p['rule'], p['severity'], p['message']) for p in report['problems']],
             'the text and the JSON report the same problems')
    check_eq(int(summary.group(1)), report['errors'], 'errors in the summary')
    check_eq(int(summary.group(2)), report['warnings'], 'warnings in the summary')

    # The domains without a township-level standard item are empty, hence errors.
    empty = sorted(d['number'] for d in standards() if d['township_items'] == 0)
    check(len(empty) > 0, 'the library should have domains without township-level items')
    check_eq(sorted(p['domain'] for p in report['problems'] if p['rule'] == 'domain-empty'), empty,
             'domain-empty problems')
    # Township and county were given: only the compiler and the phone are missing (warnings).
    profile = [(p['field'], p['severity']) for p in report['problems'] if p['rule'] == 'profile-incomplete']
    check_eq(sorted(profile), [('compiled_by', 'warning'), ('phone', 'warning')], 'profile problems')
    # Every item a problem names is in the domain it says.
    for p in report['problems']:
        if p['item']:
            check(p['item'] in [i['id'] for i in e.items(p['domain'])],
                  'problem names item %d, not in domain %d' % (p['item'], p['domain']))


@test
def validate_error_free_workspace_exits_0(e):
    e.new()
    e.ok('profile', 'set', 'compiled_by', '张三')
    e.ok('profile', 'set', 'phone', '0792-1234567')
    for d in range(1, N_DOMAINS + 1):
        if d != 20:
            e.ok('domain', 'skip', str(d), '本乡不涉及该领域')
    for item in e.items(20):
        for key in ('content', 'time_limit', 'subject'):
            if item[key].strip() == '':
                e.set(item['id'], key, '本乡填写的%s' % key)
        e.set(item['id'], 'channels', '政府网站;公开查阅点')
        if not (item['audience_all'] or item['audience_specific']):
            e.set(item['id'], 'audience_all', '1')
        if not (item['mode_active'] or item['mode_request']):
            e.set(item['id'], 'mode_active', '1')

    report = e.validate(expect_rc=0)
    check_eq(report['errors'], 0, 'errors left\n' + json.dumps(report, ensure_ascii=False, indent=1))
    r = e.ok('validate')
    check_eq(r.out.splitlines()[-1], '0 errors, %d warnings' % report['warnings'], 'summary line')

    # A warning alone does not fail the catalogue.
    victim = e.items(20)[0]
    e.set(victim['id'], 'level_township', '0')
    report = e.validate(expect_rc=0)
    check([p for p in report['problems'] if p['rule'] == 'item-not-township' and p['item'] == victim['id']],
          'item-not-township expected\n' + json.dumps(report, ensure_ascii=False, indent=1))

    # One error: exit 1, and the problem names the item, its domain and its field.
    e.set(victim['id'], 'audience_all', '0')
    e.set(victim['id'], 'audience_specific', '0')
    report = e.validate(expect_rc=1)
    errors = [p for p in report['problems'] if p['severity'] == 'error']
    check_eq([(p['rule'], p['domain'], p['item'], p['field']) for p in errors],
             [('item-no-audience', 20, victim['id'], 'audience')], 'the one error')
    r = e.run('validate')
    check_eq(r.rc, 1, 'exit status of validate (text) with one error')
    check('[item-no-audience]' in r.out, 'the text names the rule\n' + r.describe())
    e.set(victim['id'], 'audience_specific', '1')
    e.validate(expect_rc=0)

    # A domain included again is empty again; skipped once more, fine.
    e.ok('domain', 'include', '5')
    report = e.validate(expect_rc=1)
    check_eq([(p['rule'], p['domain']) for p in report['problems'] if p['severity'] == 'error'],
             [('domain-empty', 5)], 'errors after including domain 5')
    e.ok('domain', 'skip', '5', '本乡不承担税收征管职能')
    e.validate(expect_rc=0)

    # The profile: the county is required.
    e.ok('profile', 'set', 'county', '')
    report = e.validate(expect_rc=1)
    check_eq([(p['rule'], p['domain'], p['item'], p['field']) for p in report['problems']
              if p['severity'] == 'error'], [('profile-incomplete', 0, 0, 'county')], 'profile error')
    e.ok('profile', 'set', 'county', '永修县')
    e.validate(expect_rc=0)


@test
def validate_usage_errors(e):
    e.new()
    e.fails(2, 'validate', 'extra')
    e.fails(2, 'validate', '--jsn')
    e.fails(2, 'validate', '--json', '--json')
    e.fails(1, 'validate', ws=os.path.join(e.tmp, 'missing.gongkai'))
    check(not os.path.exists(os.path.join(e.tmp, 'missing.gongkai')), 'validate created a workspace')


# ---- search ------------------------------------------------------------------------------------

def scan(items, query):
    """What search must find: a plain scan of every domain's items, in catalogue order."""
    return [i['id'] for i in items if any(query in i[k] for k in SEARCHED_KEYS)]


@test
def search_finds_what_a_scan_finds(e):
    e.new()
    everything = e.all_items()
    for query in ('最低生活保障', '低保', '救助', '办事指南', '人民政府', '《', '公开'):
        found = e.ok('search', query, '--json').json()
        check(isinstance(found, list), 'search --json prints a list')
        check_eq([i['id'] for i in found], scan(everything, query), 'items found for %r' % query)
        for item in found:
            check(any(query in item[k] for k in SEARCHED_KEYS), 'a hit without %r: %r' % (query, item))
            check_eq(sorted(item.keys()), sorted(['id', 'domain', 'position'] + TEXT_KEYS + ['channels'] +
                                                 FLAG_KEYS + ['origin', 'state', 'updated_at']),
                     'keys of a found item')
        domains = [(i['domain'], i['position']) for i in found]
        check_eq(domains, sorted(domains), 'order of the hits for %r' % query)

    # The text form: id, domain, level1, level2 separated by tabs, the same items.
    found = e.ok('search', '--json', '最低生活保障').json()
    r = e.ok('search', '最低生活保障')
    check_eq(r.out.splitlines(), ['%d\t%02d\t%s\t%s' % (i['id'], i['domain'], i['level1'], i['level2'])
                                  for i in found], 'text output of search')


@test
def search_fields_and_misses(e):
    e.new()
    item_id = e.add_item(12, '文化活动', '活动')
    for key in ('note', 'time_limit', 'channels_other'):
        e.set(item_id, key, '鲲鹏' + key)
        check_eq(e.ok('search', '鲲鹏' + key, '--json').json(), [], 'search in %s' % key)
    for key in ('level1', 'level2', 'content', 'basis', 'subject'):
        e.set(item_id, key, '本乡鲲鹏' + key)
        check_eq([i['id'] for i in e.ok('search', '鲲鹏' + key, '--json').json()], [item_id],
                 'search in %s' % key)
    # No hit is no failure.
    r = e.ok('search', '这段文字在目录里不存在')
    check_eq(r.out, '', 'text output without hits')
    check_eq(e.ok('search', '这段文字在目录里不存在', '--json').json(), [], 'JSON output without hits')
    # Characters that mean something to SQL are plain text.
    e.set(item_id, 'content', "完成率100%、村'委会")
    check_eq([i['id'] for i in e.ok('search', '%', '--json').json()], scan(e.all_items(), '%'), 'search for %')
    check_eq([i['id'] for i in e.ok('search', "'委", '--json').json()], [item_id], "search for '")


@test
def search_usage_errors(e):
    e.new()
    e.fails(2, 'search')
    e.fails(2, 'search', '')
    e.fails(2, 'search', '低保', '救助')
    e.fails(2, 'search', '--json')
    e.fails(1, 'search', '低保', ws=os.path.join(e.tmp, 'missing.gongkai'))


# ---- department --------------------------------------------------------------------------------

@test
def department_add_list_remove(e):
    e.new()
    before = e.departments()
    r = e.ok('department', 'add', '党政综合办公室')
    check_eq(r.out, '', 'output of department add')
    e.ok('department', 'add', '县民政局', '--kind', 'county')
    e.ok('department', 'add', '村民委员会', '--kind', 'other')
    check_eq(e.departments(), before + [('党政综合办公室', 'township'), ('县民政局', 'county'),
                                        ('村民委员会', 'other')], 'departments')

    r = e.fails(1, 'department', 'add', '县民政局')
    check('县民政局' in r.err, 'the message names the department\n' + r.describe())
    e.fails(1, 'department', 'add', '')
    e.fails(1, 'department', 'add', '   ')
    e.fails(1, 'department', 'add', '办' * 101)
    check_eq(len(e.departments()), len(before) + 3, 'departments after refusals')

    r = e.ok('department', 'remove', '县民政局')
    check_eq(r.out, '', 'output of department remove')
    check_eq(e.departments(), before + [('党政综合办公室', 'township'), ('村民委员会', 'other')],
             'departments after remove')
    e.fails(1, 'department', 'remove', '县民政局')
    e.ok('department', 'add', '县民政局', '--kind', 'county')


@test
def department_rename_updates_items(e):
    e.new()
    e.ok('department', 'add', '社会事务办')
    e.ok('department', 'add', '党政办')
    subjects = [
        ('党政办、社会事务办', '党政办、社会事务中心'),
        ('社会事务办', '社会事务中心'),
        ('县社会事务办公室', '县社会事务办公室'),
        ('社会事务办公室', '社会事务办公室'),
        ('县民政局和社会事务办', '县民政局和社会事务中心'),
    ]
    ids = []
    for n, (before, _) in enumerate(subjects):
        item_id = e.add_item(20 if n % 2 else 21, '走访慰问', '名单%d' % n)
        e.set(item_id, 'subject', before)
        ids.append(item_id)

    def subjects_now():
        return [i['subject'] for i in sorted(e.items(20) + e.items(21), key=lambda i: i['id'])
                if i['id'] in ids]

    untouched = e.items(22)

    r = e.ok('department', 'rename', '社会事务办', '社会事务中心')
    check_eq(r.out, '3 items now name “社会事务中心”.\n', 'output of department rename')
    check_eq(subjects_now(), [after for _, after in subjects], 'subjects after the rename')
    check_eq(e.items(22), untouched, 'items that do not name the department')
    names = [name for name, _ in e.departments()]
    check('社会事务中心' in names and '社会事务办' not in names, 'departments after rename: %r' % names)

    # Refused renames change nothing.
    e.fails(1, 'department', 'rename', '社会事务中心', '党政办')
    e.fails(1, 'department', 'rename', '社会事务中心', '')
    e.fails(1, 'department', 'rename', '不存在的办公室', '新名字')
    check_eq(subjects_now(), [after for _, after in subjects], 'subjects after refusals')
    check_eq(sorted(name for name, _ in e.departments()), sorted(['社会事务中心', '党政办']),
             'departments after refusals')

    # To its own name: nothing to do.
    r = e.ok('department', 'rename', '党政办', '党政办')
    check_eq(r.out, '0 items now name “党政办”.\n', 'output of a rename to the same name')


@test
def department_usage_errors(e):
    e.new()
    for args in ((), ('frob',), ('list', 'extra'), ('add',), ('add', 'X', '--kind'),
                 ('add', 'X', '--kind', 'village'), ('add', 'X', '--type', 'county'),
                 ('rename', 'X'), ('rename', 'X', 'Y', 'Z'), ('remove',), ('remove', 'X', 'Y')):
        e.fails(2, 'department', *args)
    check_eq(e.departments(), [], 'departments after usage errors')


# ---- item move / restore / reset ---------------------------------------------------------------

@test
def item_move(e):
    e.new()
    ids = [i['id'] for i in e.items(20)]
    others = e.items(21)
    check(len(ids) >= 3, 'domain 20 should have several items')

    r = e.ok('item', 'move', str(ids[-1]), '1')
    check_eq(r.out, '', 'output of item move')
    after = e.items(20)
    check_eq([i['id'] for i in after], [ids[-1]] + ids[:-1], 'order after moving the last to 1')
    check_eq([i['position'] for i in after], list(range(1, len(ids) + 1)), 'positions')

    e.ok('item', 'move', str(ids[-1]), '999')
    check_eq([i['id'] for i in e.items(20)], ids, 'order after moving it beyond the end')
    e.ok('item', 'move', str(ids[0]), '2')
    check_eq([i['id'] for i in e.items(20)], [ids[1], ids[0]] + ids[2:], 'order after swapping')
    check_eq([i['position'] for i in e.items(20)], list(range(1, len(ids) + 1)), 'positions')
    check_eq(e.items(21), others, 'another domain')

    e.fails(1, 'item', 'move', '99999', '1')
    for args in ((), (str(ids[0]),), (str(ids[0]), '0'), (str(ids[0]), '-1'), ('abc', '1'),
                 (str(ids[0]), 'x'), (str(ids[0]), '1', '2')):
        e.fails(2, 'item', 'move', *args)
    check_eq([i['id'] for i in e.items(20)], [ids[1], ids[0]] + ids[2:], 'order after refusals')


@test
def item_restore(e):
    e.new()
    victim = e.item_of('20-03')
    check(victim is not None, '20-03 should be seeded')
    e.set(victim['id'], 'content', '本乡自拟的内容')
    e.ok('item', 'delete', str(victim['id']), '--reason', '由县民政局统一公开')
    check_eq(deviations(e.ws), [('20-03', '由县民政局统一公开')], 'deviation recorded')
    before = e.items(20)

    r = e.ok('item', 'restore', '20-03')
    check(re.fullmatch(r'[1-9][0-9]*\n', r.out) is not None, 'restore prints the new id\n' + r.describe())
    new_id = int(r.out)
    after = e.items(20)
    check_eq([i['id'] for i in after], [i['id'] for i in before] + [new_id], 'restored at the end')
    restored = after[-1]
    check_eq(restored['position'], before[-1]['position'] + 1, 'position of the restored item')
    check_as_standard(restored, '20-03', 'restored item')
    check_eq(restored['state'], 'draft', 'state of the restored item')
    check_eq(deviations(e.ws), [], 'deviation forgotten')

    r = e.fails(1, 'item', 'restore', '20-03')
    check_eq(len(e.items(20)), len(after), 'items after restoring twice')
    e.fails(1, 'item', 'restore', '99-99')
    e.fails(1, 'item', 'restore', str(new_id))

    # A county-level item of the library.
    county = [i for i in standard_item_ids(20) if e.item_of(i) is None]
    check(len(county) > 0, 'domain 20 should have county-level standard items')
    new_id = int(e.ok('item', 'restore', county[0]).out)
    check_as_standard(e.item(new_id, 20), county[0], 'county-level item')

    for args in ((), ('20-03', 'extra')):
        e.fails(2, 'item', 'restore', *args)


def standard_item_ids(domain):
    return [i['id'] for d in standards() if d['number'] == domain for i in d['items']]


@test
def item_reset(e):
    e.new()
    item = e.item_of('20-01')
    item_id = item['id']
    std = standard_item('20-01')

    for key in ('level1', 'level2', 'content', 'basis', 'time_limit', 'subject'):
        e.set(item_id, key, '本乡改过的文字')
        r = e.ok('item', 'reset', str(item_id), key)
        check_eq(r.out, '', 'output of item reset')
        check_eq(e.item(item_id, 20)[key], std[key], 'reset %s' % key)

    e.set(item_id, 'channels', '入户/现场;其他:村村响广播')
    e.ok('item', 'reset', str(item_id), 'channels')
    known = [k for k in FLAG_KEYS if std['flags'][k] is not None]
    check(known, '20-01 should have known flags')
    for key in known:
        e.set(item_id, key, '0' if std['flags'][key] else '1')
        e.ok('item', 'reset', str(item_id), key)
    check_as_standard(e.item(item_id, 20), '20-01', 'item reset field by field')

    # A flag the standard does not give (06-01 has none), a local item, a missing item: refused.
    restored = int(e.ok('item', 'restore', '06-01').out)
    unknown = [k for k in FLAG_KEYS if standard_item('06-01')['flags'][k] is None]
    check(unknown, '06-01 should have unknown flags')
    e.set(restored, unknown[0], '1')
    e.fails(1, 'item', 'reset', str(restored), unknown[0])
    check_eq(e.item(restored, 6)[unknown[0]], True, 'flag after a refused reset')
    local = e.add_item(20, '走访慰问', '名单', '--content', '走访对象')
    e.fails(1, 'item', 'reset', str(local), 'content')
    check_eq(e.item(local, 20)['content'], '走访对象', 'content of a local item after a refused reset')
    e.fails(1, 'item', 'reset', '99999', 'content')

    for args in ((), (str(item_id),), (str(item_id), 'bogus'), ('0', 'content'), ('abc', 'content'),
                 (str(item_id), 'content', 'extra')):
        e.fails(2, 'item', 'reset', *args)


@test
def help_lists_the_commands(e):
    r = e.ok('--help', ws=False)
    for command in ('validate [--json]', 'search TEXT', 'item move ID POSITION', 'item restore STANDARD-ID',
                    'item reset ID FIELD', 'department list'):
        check(command in r.err + r.out, 'help should mention %r\n%s' % (command, r.describe()))


if __name__ == '__main__':
    sys.exit(gktest.main(TESTS, Env, 'gk-test-cli-checks-'))
