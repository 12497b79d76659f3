#!/usr/bin/python3
# Tests of gongkai-cli's working-day calendar and task list: workdays add/between/count/is/years/
# set-year/remove-year and tasks list/add/done/set/delete/import-template/import. Exit status:
# 0 done, 1 refused or failed (message on stderr), 2 usage error (the usage on stderr). A date in a
# year with no official holiday schedule still gives a result, with a warning on stderr.
#
# Run by meson (`meson test -C build --suite cli -v`), which sets GK_CLI to the binary; prints TAP.
# Only the Python standard library is used. Every test works in its own temporary folder, and
# XDG_DATA_HOME points there too, so nothing outside it is ever touched.

import os
import re
import sqlite3
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gktest  # noqa: E402
from gktest import HERE, Failure, check, check_eq  # noqa: E402

ROOT = os.environ.get('GK_SOURCE_ROOT') or os.path.dirname(HERE)

# reference/holidays/README.md
YEAR_TOTALS = {2020: 249, 2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 248, 2026: 248}
TASK_KEYS = ['id', 'position', 'category', 'group', 'title', 'departments', 'department_ids',
             'deadline', 'rule', 'rule_description', 'event', 'status', 'done_on', 'note', 'origin',
             'next_deadline', 'overdue', 'remaining_workdays', 'remaining_estimated']
TODAY = '2026-03-10'
WARNING = 'gongkai-cli: warning: '


class Env(gktest.Env):
    """One test's temporary folder, with a workspace path in it."""

    def ok(self, *args, quiet=True, **kwargs):
        """Runs a command that must succeed; with quiet, without a word on stderr."""
        r = super().ok(*args, **kwargs)
        if quiet and r.err != '':
            raise Failure('unexpected message on stderr\n' + r.describe())
        return r

    def new(self):
        self.ok('new', '--township', '城关镇', '--county', '某某县')
        return self

    def tasks(self, *args, today=TODAY, quiet=True):
        return self.ok('tasks', '--today', today, 'list', '--json', *args, quiet=quiet).json()

    def add(self, *args, today=TODAY):
        r = self.ok('tasks', '--today', today, 'add', *args)
        check(re.fullmatch(r'[1-9][0-9]*\n', r.out) is not None,
              'tasks add should print the new id alone\n' + r.describe())
        return int(r.out)

    def task(self, task_id, today=TODAY):
        for t in self.tasks(today=today):
            if t['id'] == task_id:
                return t
        raise Failure('no task %d' % task_id)


def check_missing_year_warning(r, year):
    """The result is on stdout; stderr says the year has no schedule, and how to add it."""
    check(r.err.startswith(WARNING), 'no warning on stderr\n' + r.describe())
    check(str(year) in r.err, 'the warning does not name %d\n%s' % (year, r.describe()))
    check('Monday to Friday' in r.err, 'the warning does not say how days were counted\n' +
          r.describe())
    check('workdays set-year' in r.err, 'the warning does not say how to add the year\n' +
          r.describe())


TESTS = gktest.Tests()
test = TESTS.add


# ---- workdays ----------------------------------------------------------------------------------

@test
def workdays_count_every_year(e):
    for year, total in YEAR_TOTALS.items():
        r = e.ok('workdays', 'count', str(year), ws=False)
        check_eq(r.out, '%d\n' % total, 'working days of %d' % year)


@test
def workdays_count_missing_year_warns(e):
    r = e.ok('workdays', 'count', '2027', ws=False, quiet=False)
    check_eq(r.out, '261\n', 'working days of 2027, Monday to Friday')
    check_missing_year_warning(r, 2027)
    r = e.ok('workdays', 'count', '2019', ws=False, quiet=False)
    check_eq(r.out, '261\n', 'working days of 2019, Monday to Friday')
    check_missing_year_warning(r, 2019)


@test
def workdays_add_across_spring_festival_2026(e):
    cases = [('2026-02-13', '1', '2026-02-14'), ('2026-02-14', '1', '2026-02-24'),
             ('2026-02-13', '2', '2026-02-24'), ('2026-02-24', '-1', '2026-02-14'),
             ('2026-02-13', '20', '2026-03-19'), ('2026-03-09', '0', '2026-03-09'),
             ('2025-09-30', '3', '2025-10-11')]
    for start, n, expected in cases:
        r = e.ok('workdays', 'add', start, n, ws=False)
        check_eq(r.out, expected + '\n', 'workdays add %s %s' % (start, n))


@test
def workdays_add_into_missing_year_warns(e):
    r = e.ok('workdays', 'add', '2026-12-30', '5', ws=False, quiet=False)
    check_eq(r.out, '2027-01-06\n', 'result counted Monday to Friday in 2027')
    check_missing_year_warning(r, 2027)
    check('2026' not in r.err.split('\n')[0].replace('2026-12-30', ''),
          'only the missing year is named\n' + r.describe())


@test
def workdays_between(e):
    cases = [('2026-02-13', '2026-02-24', '2'), ('2026-02-24', '2026-02-13', '-2'),
             ('2026-03-09', '2026-03-09', '0'), ('2026-03-06', '2026-03-09', '1'),
             ('2025-12-31', '2026-12-31', '248'), ('2020-01-23', '2020-02-03', '1')]
    for start, end, expected in cases:
        r = e.ok('workdays', 'between', start, end, ws=False)
        check_eq(r.out, expected + '\n', 'workdays between %s %s' % (start, end))
    r = e.ok('workdays', 'between', '2026-06-01', '2027-06-01', ws=False, quiet=False)
    check_missing_year_warning(r, 2027)


@test
def workdays_is(e):
    check_eq(e.ok('workdays', 'is', '2020-02-01', ws=False).out, 'rest\t春节\n', '2020-02-01')
    check_eq(e.ok('workdays', 'is', '2026-02-14', ws=False).out, 'workday\t调休上班\n', '2026-02-14')
    check_eq(e.ok('workdays', 'is', '2026-03-09', ws=False).out, 'workday\n', '2026-03-09')
    check_eq(e.ok('workdays', 'is', '2026-03-08', ws=False).out, 'rest\n', '2026-03-08')


@test
def workdays_years(e):
    r = e.ok('workdays', 'years', ws=False)
    lines = [l.split('\t') for l in r.out.splitlines()]
    check_eq([int(l[0]) for l in lines], sorted(YEAR_TOTALS), 'years')
    check_eq({int(l[0]): int(l[4]) for l in lines}, YEAR_TOTALS, 'working days per year')
    check(all(l[1] == 'builtin' for l in lines), 'all built-in')
    years = e.ok('workdays', 'years', '--json', ws=False).json()
    check_eq([y['year'] for y in years], sorted(YEAR_TOTALS), 'years in JSON')
    y2020 = years[0]
    check_eq(y2020['working_days'], 249, '2020 working days')
    check({'date': '2020-02-01', 'kind': 'holiday', 'name': '春节'} in y2020['days'],
          '2020-02-01 (the extension) is not a holiday in JSON')


@test
def workdays_usage_errors(e):
    e.fails(2, 'workdays', ws=False)
    e.fails(2, 'workdays', 'subtract', '2026-01-01', '1', ws=False)
    e.fails(2, 'workdays', 'add', '2026-01-01', ws=False)
    e.fails(2, 'workdays', 'add', '2026-01-01', 'two', ws=False)
    e.fails(2, 'workdays', 'add', '2026-01-01', '100000', ws=False)
    e.fails(2, 'workdays', 'count', 'twenty', ws=False)
    e.fails(2, 'workdays', 'between', '2026-01-01', ws=False)
    r = e.fails(1, 'workdays', 'add', '2026-02-30', '1', ws=False)
    check('2026-02-30' in r.err and 'YYYY-MM-DD' in r.err, 'bad date message\n' + r.describe())
    e.fails(1, 'workdays', 'is', 'tomorrow', ws=False)


@test
def workdays_set_year_from_lines_and_remove(e):
    e.new()
    text = ('# 2027, made up for the test\n'
            '2026-12-31 holiday 元旦\n'
            '2027-01-01..2027-01-03 holiday 元旦\n'
            '2027-02-06..2027-02-12 休 春节\n'
            '2027-02-14 班\n')
    r = e.ok('workdays', 'set-year', '2027', '-', stdin=text)
    # 261 Monday–Friday, minus 01-01 and five weekdays of 春节, plus the make-up Sunday.
    check_eq(r.out, 'Added the holiday schedule for 2027: 256 working days.\n', 'set-year output')
    check_eq(e.ok('workdays', 'count', '2027').out, '256\n', '2027 with its schedule (no warning)')
    check_eq(e.ok('workdays', 'count', '2026').out, '247\n', '2026, 12-31 given by the 2027 notice')
    check_eq(e.ok('workdays', 'add', '2026-12-30', '1').out, '2027-01-04\n', 'over 元旦 2027')
    years = e.ok('workdays', 'years', '--json').json()
    check_eq(years[-1]['year'], 2027, 'last year')
    check_eq(years[-1]['source'], 'user', 'source of 2027')
    check_eq(years[-1]['days'][0], {'date': '2026-12-31', 'kind': 'holiday', 'name': '元旦'},
             'first day of 2027')
    # Kept in the workspace's holiday table.
    db = sqlite3.connect(e.ws)
    rows = db.execute("SELECT date, kind FROM holiday ORDER BY date").fetchall()
    db.close()
    check_eq(len(rows), 12, 'rows in the holiday table')
    check_eq(rows[-1], ('2027-02-14', 'workday'), 'last row')
    # Without the workspace, the built-in table alone.
    r = e.ok('workdays', 'count', '2027', ws=False, quiet=False)
    check_eq(r.out, '261\n', '2027 without the workspace')

    r = e.ok('workdays', 'remove-year', '2027')
    check('2027' in r.out, 'remove-year output\n' + r.describe())
    r = e.ok('workdays', 'count', '2027', quiet=False)
    check_missing_year_warning(r, 2027)
    check_eq(e.ok('workdays', 'count', '2026').out, '248\n', '2026 again')
    e.fails(1, 'workdays', 'remove-year', '2027')


@test
def workdays_set_year_replaces_builtin(e):
    e.new()
    path = e.write('2020.tsv', 'date\tkind\tname\n2020-01-01\tholiday\t元旦\n'
                               '2020-02-01\tworkday\t调休上班\n')
    e.ok('workdays', 'set-year', '2020', path)
    check_eq(e.ok('workdays', 'is', '2020-02-01').out, 'workday\t调休上班\n', '2020-02-01 (user)')
    years = {y['year']: y for y in e.ok('workdays', 'years', '--json').json()}
    check_eq(years[2020]['source'], 'user', 'source of 2020')
    check_eq(years[2020]['replaces_builtin'], True, 'replaces the built-in 2020')
    r = e.ok('workdays', 'remove-year', '2020')
    check('built-in' in r.out, 'says the built-in year is back\n' + r.describe())
    check_eq(e.ok('workdays', 'is', '2020-02-01').out, 'rest\t春节\n', '2020-02-01 (built-in)')
    # The bundled file's own format works as well, the other notices' rows left out.
    e.ok('workdays', 'set-year', '2024', os.path.join(ROOT, 'data', 'holidays', 'cn.tsv'))
    check_eq(e.ok('workdays', 'count', '2024').out, '251\n', '2024 from cn.tsv')


@test
def workdays_set_year_refused(e):
    e.new()
    r = e.fails(1, 'workdays', 'set-year', '2027', '-', stdin='2027-03-03 workday\n')
    check('Saturday or a Sunday' in r.err, 'weekday make-up day\n' + r.describe())
    r = e.fails(1, 'workdays', 'set-year', '2027', '-', stdin='2027-01-01 holiday\n2028-01-01 holiday\n')
    check('2028-01-01' in r.err, 'date of another year\n' + r.describe())
    r = e.fails(1, 'workdays', 'set-year', '2027', '-', stdin='2027-01-01 off\n')
    check('line 1' in r.err, 'bad kind\n' + r.describe())
    e.fails(1, 'workdays', 'set-year', '2027', e.path('missing.tsv'))
    e.fails(2, 'workdays', 'set-year', '2027')
    e.fails(2, 'workdays', 'set-year', 'next', '-')
    check_eq(e.ok('workdays', 'years').out.count('2027'), 0, '2027 not added')
    # A workspace is needed to keep a year.
    e.fails(1, 'workdays', 'set-year', '2027', '-', ws=e.path('none.gongkai'),
            stdin='2027-01-01 holiday\n')


# ---- tasks -------------------------------------------------------------------------------------

@test
def tasks_import_template_yuxi(e):
    e.new()
    r = e.ok('tasks', '--today', TODAY, 'import-template', 'yuxi-2020')
    check_eq(r.out, 'Added 26 tasks; 0 were in the list already.\n', 'import output')
    tasks = e.tasks()
    check_eq(len(tasks), 26, 'tasks')
    check_eq(list(tasks[0]), TASK_KEYS, 'keys of a task')
    check_eq([t['position'] for t in tasks], list(range(1, 27)), 'positions')
    first = tasks[0]
    check_eq(first['deadline'], '2020-09-30', 'deadline of task 1')
    check_eq(first['overdue'], True, 'task 1 is overdue')
    check(first['remaining_workdays'] < 0, 'task 1 remaining working days')
    check_eq(len(first['departments']), 15, 'departments of task 1')
    check_eq(tasks[1]['departments'], ['各县(市、区)人民政府', '市政府办公室', '市政务服务管理局'],
             'departments of task 2 (、 inside brackets)')
    check_eq(tasks[1]['deadline'], None, 'task 2 has no deadline')
    check_eq(tasks[1]['remaining_workdays'], None, 'no deadline, no count')
    check(all(t['status'] == 'todo' for t in tasks), 'all not started')
    names = {n for t in tasks for n in t['departments']}
    check_eq(len(names), 19, 'distinct departments')
    # They are the catalogue's departments.
    db = sqlite3.connect(e.ws)
    rows = dict(db.execute('SELECT name, kind FROM department').fetchall())
    db.close()
    check_eq(set(rows), names, 'departments of the catalogue')
    check_eq(rows['各县(市、区)人民政府'], 'county', 'kind of 各县(市、区)人民政府')

    r = e.ok('tasks', 'import-template', 'yuxi-2020')
    check_eq(r.out, 'Added 0 tasks; 26 were in the list already.\n', 'second import')
    check_eq(len(e.tasks()), 26, 'tasks after a second import')
    e.fails(1, 'tasks', 'import-template', 'nowhere')
    e.fails(2, 'tasks', 'import-template')


@test
def tasks_import_template_recurring(e):
    e.new()
    r = e.ok('tasks', '--today', TODAY, 'import-template', 'recurring')
    check_eq(r.out, 'Added 7 tasks; 0 were in the list already.\n', 'import output')
    # The annual report is due 2027-01-31: a year with no official schedule yet, said on stderr.
    r = e.ok('tasks', '--today', TODAY, 'list', '--json', quiet=False)
    check_missing_year_warning(r, 2027)
    tasks = {t['title'][:6]: t for t in r.json()}
    check_eq(tasks['上一年度政府']['remaining_estimated'], True, 'an estimate')
    check_eq(tasks['上月基层政务']['deadline'], '2026-04-02', 'monthly:2 from 2026-03-10')
    check_eq(tasks['上月基层政务']['next_deadline'], '2026-05-02', 'the one after')
    check_eq(tasks['上月基层政务']['rule_description'], 'By day 2 of every month', 'rule in words')
    check_eq(tasks['上一年度政府']['deadline'], '2027-01-31', 'yearly:01-31')
    check_eq(tasks['政策文件公开']['deadline'], None, 'after:3wd without an event')
    check_eq(tasks['政务新媒体原']['deadline'], '2026-03-24', 'every:14d')
    check_eq(e.ok('tasks', 'import-template', 'recurring').out,
             'Added 0 tasks; 7 were in the list already.\n', 'second import')


@test
def tasks_add_list_done_recurring(e):
    e.new()
    task_id = e.add('--title', '上月工作进展报县政府办公室', '--category', '日常', '--group', '报送',
                    '--departments', '党政综合办公室、县政府办公室', '--rule', 'monthly:2',
                    '--note', '每月2日前', today='2026-01-20')
    t = e.task(task_id, today='2026-01-20')
    check_eq(t['deadline'], '2026-02-02', 'first deadline')
    check_eq(t['departments'], ['党政综合办公室', '县政府办公室'], 'departments')
    check_eq((t['category'], t['group'], t['note']), ('日常', '报送', '每月2日前'), 'texts')
    # 2026-01-21 … 2026-02-02: 9 working days.
    check_eq(t['remaining_workdays'], 9, 'working days left')

    r = e.ok('tasks', '--today', '2026-02-01', 'done', str(task_id))
    m = re.fullmatch(r'Next occurrence: task ([0-9]+), due 2026-03-02\n', r.out)
    check(m is not None, 'done output\n' + r.describe())
    next_id = int(m.group(1))
    t = e.task(task_id)
    check_eq((t['status'], t['done_on']), ('done', '2026-02-01'), 'done task')
    n = e.task(next_id)
    check_eq((n['status'], n['deadline'], n['title'], n['departments']),
             ('todo', '2026-03-02', t['title'], t['departments']), 'next occurrence')

    # Done again after reopening: no second March.
    e.ok('tasks', 'set', str(task_id), 'status', 'todo')
    r = e.ok('tasks', '--today', '2026-02-01', 'done', str(task_id), '--on', '2026-01-31')
    check_eq(r.out, '', 'no new occurrence')
    check_eq(len(e.tasks()), 2, 'tasks')
    check_eq(e.task(task_id)['done_on'], '2026-01-31', 'done on')

    # Across the year's end.
    e.ok('tasks', 'set', str(next_id), 'deadline', '2026-12-02')
    r = e.ok('tasks', '--today', '2026-12-01', 'done', str(next_id))
    check('due 2027-01-02' in r.out, 'next year\n' + r.describe())


@test
def tasks_after_workdays_event(e):
    e.new()
    task_id = e.add('--title', '答复政府信息公开申请', '--rule', 'after:20wd', '--event', '2026-02-13',
                    today='2026-02-14')
    t = e.task(task_id, today='2026-02-14')
    check_eq((t['deadline'], t['event'], t['rule']), ('2026-03-19', '2026-02-13', 'after:20wd@2026-02-13'),
             'deadline from an event on the Friday before 春节')
    check_eq(t['remaining_workdays'], 19, 'working days left')
    r = e.ok('tasks', '--today', '2026-03-19', 'done', str(task_id))
    check(re.fullmatch(r'Next occurrence: task [0-9]+, waiting for its event\n', r.out) is not None,
          'done output\n' + r.describe())
    e.fails(1, 'tasks', 'add', '--title', 'x', '--rule', 'monthly:2', '--event', '2026-01-01')


@test
def tasks_list_filters_and_overdue(e):
    e.new()
    a = e.add('--title', 'A', '--deadline', '2026-02-24', '--departments', '党政办')
    b = e.add('--title', 'B', '--deadline', '2026-02-13', '--departments', '党政办、县民政局')
    c = e.add('--title', 'C', '--deadline', '2026-03-20')
    today = '2026-02-25'
    check_eq([t['id'] for t in e.tasks('--overdue', today=today)], [a, b], 'overdue')
    check_eq([t['remaining_workdays'] for t in e.tasks('--overdue', today=today)], [-1, -3],
             'working days past the deadline')
    check_eq([t['id'] for t in e.tasks('--due-within', '7', today='2026-03-13')], [c], 'due within 7 days')
    check_eq([t['id'] for t in e.tasks('--department', '县民政局', today=today)], [b], 'by department')
    e.ok('tasks', '--today', today, 'done', str(b))
    check_eq([t['id'] for t in e.tasks('--overdue', today=today)], [a], 'overdue after done')
    check_eq([t['id'] for t in e.tasks('--done', today=today)], [b], 'done')
    check_eq([t['id'] for t in e.tasks('--open', today=today)], [a, c], 'open')

    # The text form: id, status, deadline, working days left, departments, title.
    r = e.ok('tasks', '--today', today, 'list', '--overdue')
    check_eq(r.out, '%d\ttodo\t2026-02-24\t-1\t党政办\tA\t[overdue]\n' % a, 'text line')
    r = e.ok('tasks', '--today', today, 'list')
    check_eq(len(r.out.splitlines()), 3, 'lines')

    e.fails(2, 'tasks', 'list', '--overdue', '--done')
    e.fails(2, 'tasks', 'list', '--due-within', 'soon')
    e.fails(2, 'tasks', 'list', '--due-within')
    e.fails(1, 'tasks', 'list', '--department', '没有的部门')
    e.fails(1, 'tasks', '--today', '2026-02-30', 'list')


@test
def tasks_list_into_missing_year_warns(e):
    e.new()
    e.add('--title', '明年的事', '--deadline', '2027-03-01')
    r = e.ok('tasks', '--today', TODAY, 'list', quiet=False)
    check(re.search(r'\t2027-03-01\t[0-9]+\?\t', r.out) is not None, 'estimate marked\n' + r.describe())
    check_missing_year_warning(r, 2027)
    t = e.tasks(quiet=False)[0]
    check_eq(t['remaining_estimated'], True, 'remaining_estimated')


@test
def tasks_set_and_delete(e):
    e.new()
    task_id = e.add('--title', '甲')
    for key, value, expected in [('title', '乙', '乙'), ('category', '主要', '主要'),
                                 ('group', '工作', '工作'), ('note', '备注', '备注'),
                                 ('deadline', '2026-04-01', '2026-04-01'), ('status', 'doing', 'doing'),
                                 ('rule', 'yearly:12-20', 'yearly:12-20')]:
        e.ok('tasks', '--today', TODAY, 'set', str(task_id), key, value)
        check_eq(e.task(task_id)[key], expected, key)
    e.ok('tasks', 'set', str(task_id), 'departments', '县财政局、党政办')
    check_eq(e.task(task_id)['departments'], ['县财政局', '党政办'], 'departments')
    check_eq(e.task(task_id)['deadline'], '2026-12-20', 'deadline from the rule')
    e.fails(1, 'tasks', 'set', str(task_id), 'title', '')
    e.fails(1, 'tasks', 'set', str(task_id), 'deadline', '2026-02-30')
    e.fails(1, 'tasks', 'set', str(task_id), 'rule', 'weekly:1')
    e.fails(1, 'tasks', 'set', str(task_id), 'status', 'finished')
    e.fails(1, 'tasks', 'set', str(task_id), 'done_on', '2026-01-01')
    e.fails(2, 'tasks', 'set', str(task_id), 'colour', 'red')
    e.fails(2, 'tasks', 'set', str(task_id), 'title')
    e.fails(1, 'tasks', 'set', '999', 'title', 'x')
    e.fails(1, 'tasks', '--today', TODAY, 'done', str(task_id), '--on', '2026-03-11')
    e.ok('tasks', 'delete', str(task_id))
    check_eq(e.tasks(), [], 'tasks after delete')
    e.fails(1, 'tasks', 'delete', str(task_id))
    e.fails(2, 'tasks', 'delete', 'first')


@test
def tasks_import_file(e):
    e.new()
    path = e.write('list.tsv', 'no\tmain_task\twork_task\titem\tdepartments\tdeadline\trule\n'
                               '1\t甲\t乙\t丙\t党政办、县民政局\t2026-04-30\t\n'
                               '2\t甲\t乙\t月报\t党政办\t\tmonthly:2\n')
    r = e.ok('tasks', '--today', TODAY, 'import', path)
    check_eq(r.out, 'Added 2 tasks; 0 were in the list already.\n', 'import')
    r = e.ok('tasks', 'import', path)
    check_eq(r.out, 'Added 0 tasks; 2 were in the list already.\n', 'import again')
    tasks = e.tasks()
    check_eq([(t['title'], t['deadline'], t['origin']) for t in tasks],
             [('丙', '2026-04-30', 'import'), ('月报', '2026-04-02', 'import')], 'tasks')
    # The 玉溪 file itself: the same tasks as the template.
    e.ok('tasks', 'import', os.path.join(ROOT, 'data', 'tasks', 'yuxi-2020.tsv'))
    r = e.ok('tasks', 'import-template', 'yuxi-2020')
    check_eq(r.out, 'Added 0 tasks; 26 were in the list already.\n', 'template after the file')

    bad = e.write('bad.tsv', 'no\tmain_task\twork_task\titem\tdepartments\tdeadline\n'
                             '1\t新\t新\t新事项\t\t\n'
                             '2\t新\t新\t另一项\t\t2026-02-30\n')
    r = e.fails(1, 'tasks', 'import', bad)
    check('bad.tsv' in r.err and 'line 3' in r.err and 'deadline' in r.err,
          'the message names the file, line and column\n' + r.describe())
    check_eq(len(e.tasks()), 28, 'nothing added from a refused file')
    e.fails(1, 'tasks', 'import', e.path('missing.tsv'))
    e.fails(2, 'tasks', 'import')


@test
def tasks_usage_errors(e):
    e.new()
    e.fails(2, 'tasks')
    e.fails(2, 'tasks', 'finish', '1')
    e.fails(2, 'tasks', 'add', '--category', 'x')
    e.fails(2, 'tasks', 'add', '--title')
    e.fails(2, 'tasks', 'add', '--title', 'x', 'extra')
    e.fails(2, 'tasks', 'done')
    e.fails(2, 'tasks', '--today')
    e.fails(1, 'tasks', 'add', '--title', 'x', '--deadline', 'soon')
    e.fails(1, 'tasks', 'add', '--title', '  ')
    e.fails(1, 'tasks', 'list', ws=e.path('none.gongkai'))
    check_eq(e.tasks(), [], 'nothing added')


@test
def tasks_json_is_utf8_whatever_the_locale(e):
    e.new()
    e.ok('tasks', 'import-template', 'recurring')
    expected = e.ok('tasks', '--today', TODAY, 'list', '--json', quiet=False).out_bytes
    e.env['LC_ALL'] = 'C'
    e.env.pop('LANG', None)
    r = e.ok('tasks', '--today', TODAY, 'list', '--json', quiet=False)
    check(r.out_bytes == expected, 'tasks list --json differs under LC_ALL=C')


@test
def help_lists_the_commands(e):
    r = e.run('--help', ws=False)
    check_eq(r.rc, 0, 'exit status of --help')
    for word in ('workdays add DATE N', 'workdays between DATE DATE', 'workdays count YEAR',
                 'tasks list', 'tasks done ID', 'tasks import-template', 'tasks import FILE.tsv'):
        check(word in r.err, 'help lacks %r\n%s' % (word, r.describe()))


# ---- main --------------------------------------------------------------------------------------

if __name__ == '__main__':
    sys.exit(gktest.main(TESTS, Env, 'gk-test-cli-tasks-'))
