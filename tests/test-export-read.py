#!/usr/bin/python3
# The county workbook read back by programs that are not ours: openpyxl (Debian's
# python3-openpyxl, so /usr/bin/python3) checks the sheets, every cell, the merges, the ticks,
# the fonts, borders and print settings of a known fixture workspace; LibreOffice (when
# `soffice` is installed) converts it to one UTF-8 CSV per sheet, which must hold the same
# text, and to PDF; the sheet XML is compared with tests/golden/ (GK_UPDATE_GOLDEN=1 rewrites
# it); gongkai-cli export's failures are checked as a user meets them.
#
# Run by meson (`meson test -C build export-read -v`), which sets GK_CLI; prints TAP. The
# fixture is built through gongkai-cli, and the task list through sqlite3 as another program
# would, in a temporary folder.

import csv
import datetime
import glob
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gktest  # noqa: E402
from gktest import CLI, FLAG_KEYS, HERE, Failure, check, check_eq  # noqa: E402

try:
    import openpyxl
except ImportError:
    print('1..0 # SKIP python3-openpyxl is not installed')
    sys.exit(0)

GOLDEN = os.path.join(HERE, 'golden')

# 2024-05-20 00:00 UTC: the export's date, and the day against which tasks are overdue.
EPOCH = '1716163200'
TODAY = '2024-05-20'

CHANNELS = ['政府网站', '政府公报', '两微一端', '发布会/听证会', '广播电视', '纸质媒体', '公开查阅点',
            '政务服务中心', '便民服务站', '入户/现场', '社区/企事业单位/村公示栏(电子屏)', '精准推送',
            '其他']
FLAGS = FLAG_KEYS
KEPT = [3, 20, 21]          # the applicable domains of the fixture
TOWNSHIP = '城关镇'
COUNTY = '某某县'
PROFILE = [('prefecture', '玉溪市'), ('province', '云南省'), ('compiled_by', '张三'),
           ('phone', '0877-1234567'), ('year', '2024'), ('version', 'V1.0')]
LEADS = {3: '财政所', 20: '社会事务办', 21: '社会事务办'}

# Texts a spreadsheet could take for something else: they must come back as typed.
TRICKY = {
    'formula': '=SUM(A1:A3)',
    'plus': '+《社会救助暂行办法》',
    'minus': '-20个工作日内',
    'at': '@民政办',
    'escape': '附件_x0041_清单',
}

# item add arguments for each kept domain (all valid, so that validation finds nothing).
ITEMS = {
    20: [
        ('最低生活保障', '政策文件', TRICKY['formula'], TRICKY['plus'], TRICKY['minus'], TRICKY['at'],
         '政府网站;公开查阅点;其他:村广播', '110101'),
        ('最低生活保障', '办理结果', '名单\x01公示\x07（含\x1b控制字符）', '第一行\r\n第二行\t制表',
         '信息形成之日起20个工作日内', '民政办', '社区/企事业单位/村公示栏(电子屏)', '101001'),
        ('最低生活保障', '资金发放', '发放对象、' + TRICKY['escape'], '《社会救助暂行办法》',
         '每月', '民政办', ';'.join(CHANNELS[:12]) + ';其他:入户告知', '111111'),
        ('特困人员救助供养', '供养申请指南', '办理条件、申请材料、办理流程、办理时间、地点、联系方式' * 3,
         '《特困人员认定办法》', '制定或获取信息之日起10个工作日内', '民政办', '政务服务中心;便民服务站',
         '101011'),
        ('特困人员救助供养', '审核结果', '认定结果', '《特困人员认定办法》', '认定后5个工作日内',
         '民政办', '精准推送', '010101'),
        ('临时救助', '救助申请指南', '办理条件', '《国务院关于全面建立临时救助制度的通知》', '长期公开',
         '社会事务办', '政府网站', '100101'),
    ],
    3: [
        ('财政预算', '乡镇预算', '预算报告、预算表', '《中华人民共和国预算法》', '批准后20日内',
         '财政所', '政府网站;纸质媒体', '101001'),
        ('财政决算', '乡镇决算', '决算报告、决算表', '《中华人民共和国预算法》', '批准后20日内',
         '财政所', '政府网站', '101001'),
    ],
    21: [
        ('养老服务', '高龄津贴', '发放标准、发放名单', '《老年人权益保障法》', '每季度',
         '社会事务办', '公开查阅点', '101001'),
    ],
}

# Custom domains of the extras fixture: a name taken by a fixed sheet, names that are not legal
# sheet names, and one too long.
CUSTOM_DOMAINS = {
    27: '汇总',
    28: '涉农资金/水利[专项]',
    29: "'引号开头的领域'",
    30: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二',
    31: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三',
}
# What the sheets of those are called (sanitized, at most 31 characters, unique).
CUSTOM_SHEETS = {
    27: '汇总(2)',
    28: '涉农资金／水利［专项］',
    29: '引号开头的领域',
    30: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一',
    31: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)',
}

# Tasks, written into the database as another program would (position, category, group, title,
# deadline, rule, status, done_on, note, departments — in their order, the first leading: task 2
# names them against the departments' own order).
TASKS = [
    (1, '推进政务公开标准化规范化', '全面编制政务公开事项标准目录', '完成26个试点领域标准目录编制',
     '2024-03-31', '', 'done', '2024-03-28', '已报县政务公开办', ['党政综合办公室', '社会事务办']),
    (2, '推进政务公开标准化规范化', '全面编制政务公开事项标准目录', '目录复核、验收、备案及发布',
     '2024-05-10', '', 'doing', None, '', ['社会事务办', '党政综合办公室']),
    (3, '推进政务公开标准化规范化', '推进办事服务公开', '每月更新办事指南', '2024-06-02',
     'monthly:2', 'todo', None, '', ['社会事务办', '财政所']),
    (4, '加强政务公开平台建设', '政府网站', '年度报告', None, 'yearly:01-31', 'todo', None,
     '=备注不是公式', []),
]


# ---- the fixture ---------------------------------------------------------------------------

class Workspace:
    def __init__(self, tmp, name):
        self.tmp = tmp
        self.path = os.path.join(tmp, name + '.gongkai')
        self.env = gktest.cli_env(tmp)
        self.env['SOURCE_DATE_EPOCH'] = EPOCH

    def run(self, *args, env=None):
        argv = [CLI, '--workspace', self.path] + [str(a) for a in args]
        return subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env or self.env, timeout=120)

    def ok(self, *args, env=None):
        proc = self.run(*args, env=env)
        if proc.returncode != 0:
            raise Failure('gongkai-cli %s → exit %d\n%s' % (' '.join(map(str, args)), proc.returncode,
                                                          proc.stderr.decode('utf-8', 'replace')))
        return proc.stdout.decode('utf-8')

    def json(self, *args):
        proc = self.run(*args)
        return json.loads(proc.stdout.decode('utf-8'))

    def export(self, out, *args, env=None):
        return self.ok('export', '--out', out, *args, env=env)


def build_fixture(tmp, name, extras):
    """A township with three applicable domains of local items, 23 domains left out, a task
    list, and texts that a spreadsheet could mistake. With @extras: also a standard item left
    out with a reason, and an applicable domain without items (a validation error)."""
    w = Workspace(tmp, name)
    w.ok('new', '--township', TOWNSHIP, '--county', COUNTY)
    if extras:
        # Custom domains whose names clash with a fixed sheet or are not legal sheet names.
        db = sqlite3.connect(w.path)
        with db:
            for number, domain_name in CUSTOM_DOMAINS.items():
                db.execute('INSERT INTO domain (number, code, name, custom) VALUES (?, ?, ?, 1)',
                           (number, 'custom-%d' % number, domain_name))
        db.close()
    for key, value in PROFILE:
        w.ok('profile', 'set', key, value)
    info = w.json('info', '--json')
    for domain in info['domains']:
        number = domain['number']
        items = w.json('item', 'list', number, '--json')
        if number not in KEPT and not (extras and number in [22] + list(CUSTOM_DOMAINS)):
            reason = '本镇无此职能' if number != 5 else '=本镇无税务分局（由县税务局公开）'
            w.ok('domain', 'skip', number, reason)
            continue
        for position, item in enumerate(items):
            if extras and number == 20 and position == 0:
                w.ok('item', 'delete', item['id'], '--reason', '本镇未设立该事项，由县民政局统一公开')
            else:
                w.ok('item', 'delete', item['id'])
    rows_by_domain = dict(ITEMS)
    if extras:
        for number in CUSTOM_DOMAINS:
            rows_by_domain[number] = [('本地事项', '本地公开事项', '内容', '依据', '长期公开', '社会事务办',
                                       '政府网站', '101001')]
    for number, rows in rows_by_domain.items():
        for level1, level2, content, basis, time_limit, subject, channels, flags in rows:
            args = ['item', 'add', number, '--level1', level1, '--level2', level2,
                    '--content', content, '--basis', basis, '--time_limit', time_limit,
                    '--subject', subject, '--channels', channels]
            for key, bit in zip(FLAGS, flags):
                args += ['--' + key, bit]
            w.ok(*args)

    db = sqlite3.connect(w.path)
    with db:
        for number, lead in LEADS.items():
            db.execute('UPDATE domain SET local_lead = ? WHERE number = ?', (lead, number))
        departments = {}
        for task in TASKS:
            for department in task[9]:
                if department not in departments:
                    cur = db.execute('INSERT OR IGNORE INTO department (position, name) VALUES (?, ?)',
                                     (len(departments) + 1, department))
                    departments[department] = db.execute(
                        'SELECT id FROM department WHERE name = ?', (department,)).fetchone()[0]
        for task in TASKS:
            cur = db.execute('INSERT INTO task (position, category, grp, title, deadline, rule, status,'
                             ' done_on, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', task[:9])
            for position, department in enumerate(task[9]):
                db.execute('INSERT INTO task_department (task_id, department_id, position)'
                           ' VALUES (?, ?, ?)', (cur.lastrowid, departments[department], position))
    db.close()
    return w


# ---- what the workbook must hold, from the workspace (read through the CLI) --------------------

def clean(text):
    """A cell's text as the spec says: XML-illegal control characters dropped, CR LF → LF."""
    if text is None:
        return None
    text = text.replace('\r\n', '\n').replace('\r', '\n')
    text = ''.join(c for c in text if c in '\t\n' or not (ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f))
    return text if text != '' else None


def channel_cell(channels_text, mode):
    ticked = {}
    for part in channels_text.split(';'):
        part = part.strip()
        if part.startswith('其他:') or part.startswith('其他：'):
            ticked['其他'] = part[3:]
        elif part:
            ticked[part] = ''
    out = []
    for name in CHANNELS:
        if name in ticked:
            out.append('■' + name + ('：' + ticked[name] if name == '其他' and ticked[name] else ''))
        elif mode == 'all':
            out.append('□' + name)
    return ' '.join(out) if out else None


def rule_cell(rule):
    for pattern, fmt in ((r'monthly:(\d+)wd', '每月第{}个工作日前'), (r'monthly:(\d+)', '每月{}日前'),
                         (r'every:(\d+)d', '每{}天'), (r'after:(\d+)wd', '{}个工作日内')):
        m = re.fullmatch(pattern, rule)
        if m:
            return fmt.format(int(m.group(1)))
    m = re.fullmatch(r'yearly:(\d+)-(\d+)', rule)
    if m:
        return '每年{}月{}日前'.format(int(m.group(1)), int(m.group(2)))
    return rule


class Expected:
    """The sheets of the workbook: name → {(row, col): value} (1-based), merged ranges, and the
    rows that are overdue tasks."""

    def __init__(self, w, mode):
        self.sheets = []          # (name, cells, merges, n_cols)
        self.groups = {}          # name → [(first row, last row, 一级事项)]
        self.overdue_rows = set()
        info = w.json('info', '--json')
        profile = info['profile']
        domains = info['domains']
        validation = w.json('validate', '--json')
        standards = {i['id']: i for d in json.loads(subprocess.run(
            [CLI, 'standards', '--json'], stdout=subprocess.PIPE, env=w.env).stdout)
            for i in d['items']}
        items = {d['number']: w.json('item', 'list', d['number'], '--json')
                 for d in domains if d['applicable']}
        db = sqlite3.connect(w.path)
        deviations = db.execute(
            'SELECT d.number, d.name, sd.standard_id, sd.reason FROM standard_deviation sd'
            ' JOIN domain d ON d.id = sd.domain_id ORDER BY d.number, sd.standard_id').fetchall()
        leads = dict(db.execute('SELECT number, local_lead FROM domain').fetchall())
        tasks = db.execute(
            'SELECT t.id, t.category, t.grp, t.title, t.deadline, t.rule, t.status, t.done_on, t.note'
            ' FROM task t ORDER BY t.position, t.id').fetchall()
        task_departments = {}
        for task_id, name in db.execute(
                'SELECT td.task_id, d.name FROM task_department td JOIN department d'
                ' ON d.id = td.department_id ORDER BY td.position'):
            task_departments.setdefault(task_id, []).append(name)
        db.close()
        township = profile['township']
        year = str(profile['year'])

        # 说明
        cells, merges = {}, ['A1:B1']
        cells[(1, 1)] = '%s基层政务公开标准目录（%s）' % (township, year)
        cells[(2, 1)], cells[(2, 2)] = '项目', '内容'
        rows = [('乡镇（街道）', profile['township']), ('所属县（市、区）', profile['county']),
                ('所属市（州）', profile['prefecture']), ('所属省（自治区、直辖市）', profile['province']),
                ('编制人', profile['compiled_by']), ('联系电话', profile['phone']),
                ('目录年度', year), ('目录版本', profile['version']), ('导出日期', TODAY)]
        applicable = [d for d in domains if d['applicable']]
        n_items = sum(len(items[d['number']]) for d in applicable)
        n_active = sum(i['mode_active'] for d in applicable for i in items[d['number']])
        n_request = sum(i['mode_request'] for d in applicable for i in items[d['number']])
        n_done = sum(1 for t in tasks if t[6] == 'done')
        n_overdue = sum(1 for t in tasks if t[6] != 'done' and t[4] and t[4] < TODAY)
        rows += [('试点领域', '共 %d 个：已编制 %d 个，未涉及 %d 个' % (len(domains), len(applicable),
                                                           len(domains) - len(applicable))),
                 ('公开事项', '共 %d 项：主动公开 %d 项，依申请公开 %d 项' % (n_items, n_active, n_request)),
                 ('未纳入目录的标准指引事项',
                  '%d 项（见“未涉及领域说明”）' % len(deviations) if deviations else '无'),
                 ('任务清单', '共 %d 项：已完成 %d 项，逾期未完成 %d 项（见“任务清单”）' % (
                     len(tasks), n_done, n_overdue) if tasks else '无')]
        if validation['errors'] == 0 and validation['warnings'] == 0:
            rows.append(('校验结果', '未发现问题'))
        else:
            rows.append(('校验结果', '错误 %d 个，警告 %d 个' % (validation['errors'],
                                                           validation['warnings'])))
        row = 3
        for label, value in rows:
            cells[(row, 1)], cells[(row, 2)] = label, value or None
            row += 1
        problems = validation['problems']
        if problems:
            # Not merged (the list may run over pages): the label on its first row.
            cells[(row, 1)] = '校验问题'
            for i, p in enumerate(problems):
                cells[(row, 2)] = '%d. %s：%s' % (i + 1, '错误' if p['severity'] == 'error' else '警告',
                                                 p['message'])
                row += 1
        cells[(row, 1)] = '填表说明'
        cells[(row, 2)] = ('各领域工作表按基层政务公开标准目录格式编制，每个事项一行；“√”表示适用；'
                           '公开渠道和载体中“■”表示选用，“□”表示未选用。')
        self.sheets.append(('说明', cells, merges, 2))

        # 汇总
        cells, merges = {}, ['A1:H1']
        cells[(1, 1)] = '%s基层政务公开标准目录汇总表' % township
        for c, label in enumerate(['序号', '领域', '牵头单位', '事项数', '主动', '依申请', '状态', '说明'],
                                  1):
            cells[(2, c)] = label
        totals = [0, 0, 0]
        for i, d in enumerate(domains):
            r = 3 + i
            cells[(r, 1)], cells[(r, 2)], cells[(r, 3)] = i + 1, d['name'], leads[d['number']] or None
            if d['applicable']:
                its = items[d['number']]
                counts = [len(its), sum(x['mode_active'] for x in its),
                          sum(x['mode_request'] for x in its)]
                for c, n in enumerate(counts):
                    cells[(r, 4 + c)] = n
                    totals[c] += n
                cells[(r, 7)] = '已编制'
                n_dev = sum(1 for dv in deviations if dv[0] == d['number'])
                cells[(r, 8)] = '未纳入标准指引事项 %d 项' % n_dev if n_dev else None
            else:
                cells[(r, 7)] = '未涉及'
                cells[(r, 8)] = d['not_applicable_reason']
        r = 3 + len(domains)
        cells[(r, 2)] = '合计'
        for c, n in enumerate(totals):
            cells[(r, 4 + c)] = n
        self.sheets.append(('汇总', cells, merges, 8))

        # the domains
        for d in applicable:
            cells = {}
            merges = ['A1:N1', 'A2:A3', 'B2:C2', 'D2:D3', 'E2:E3', 'F2:F3', 'G2:G3', 'H2:H3',
                      'I2:J2', 'K2:L2', 'M2:N2']
            cells[(1, 1)] = '%s%s领域基层政务公开标准目录' % (township, d['name'])
            for col, label in {1: '序号', 2: '公开事项', 4: '公开内容（要素）', 5: '公开依据', 6: '公开时限',
                               7: '公开主体', 8: '公开渠道和载体', 9: '公开对象', 11: '公开方式',
                               13: '公开层级'}.items():
                cells[(2, col)] = label
            for col, label in enumerate(['一级事项', '二级事项'], 2):
                cells[(3, col)] = label
            for col, label in enumerate(['全社会', '特定\n群体', '主动', '依申请', '县级', '乡级'], 9):
                cells[(3, col)] = label
            its = items[d['number']]
            groups = []
            i = 0
            while i < len(its):
                j = i + 1
                while its[i]['level1'] and j < len(its) and its[j]['level1'] == its[i]['level1']:
                    j += 1
                groups.append((4 + i, 4 + j - 1, clean(its[i]['level1'])))
                i = j
            self.groups[CUSTOM_SHEETS.get(d['number'], d['name'])] = groups
            for i, it in enumerate(its):
                r = 4 + i
                cells[(r, 1)] = i + 1
                for col, key in enumerate(['level2', 'content', 'basis', 'time_limit', 'subject'], 3):
                    cells[(r, col)] = clean(it[key])
                channels = it['channels']
                if it['channels_other'] and '其他' in channels.split(';'):
                    channels = channels.replace('其他', '其他:' + it['channels_other'])
                cells[(r, 8)] = channel_cell(channels, mode)
                for col, key in enumerate(FLAGS, 9):
                    cells[(r, col)] = '√' if it[key] else None
            self.sheets.append((CUSTOM_SHEETS.get(d['number'], d['name']), cells, merges, 14))

        # 未涉及领域说明
        cells, merges = {}, ['A1:F1']
        cells[(1, 1)] = '%s未涉及领域及事项说明' % township
        for c, label in enumerate(['序号', '领域', '范围', '一级事项', '二级事项', '未涉及理由'], 1):
            cells[(2, c)] = label
        r, n = 3, 0
        for d in domains:
            if not d['applicable']:
                n += 1
                cells[(r, 1)], cells[(r, 2)], cells[(r, 3)] = n, d['name'], '整个领域'
                cells[(r, 6)] = d['not_applicable_reason']
                r += 1
        for number, name, standard_id, reason in deviations:
            n += 1
            std = standards[standard_id]
            cells[(r, 1)], cells[(r, 2)], cells[(r, 3)] = n, name, '标准指引事项'
            cells[(r, 4)], cells[(r, 5)], cells[(r, 6)] = std['level1'], std['level2'], reason
            r += 1
        if n == 0:
            cells[(r, 2)] = '无'
            merges.append('B%d:F%d' % (r, r))
        self.sheets.append(('未涉及领域说明', cells, merges, 6))

        # 任务清单
        if tasks:
            cells, merges = {}, ['A1:I1']
            cells[(1, 1)] = '%s政务公开工作任务清单' % township
            for c, label in enumerate(['序号', '主要任务', '工作任务', '具体事项', '责任单位', '截止时间',
                                       '状态', '完成时间', '备注'], 1):
                cells[(2, c)] = label
            status_names = {'todo': '未开始', 'doing': '进行中', 'done': '已完成'}
            for i, (task_id, category, grp, title, deadline, rule, status, done_on,
                    note) in enumerate(tasks):
                r = 3 + i
                overdue = status != 'done' and deadline and deadline < TODAY
                if overdue:
                    self.overdue_rows.add(r)
                rule_text = rule_cell(rule) if rule else ''
                due = ('%s（%s）' % (deadline, rule_text) if deadline and rule_text
                       else deadline or rule_text)
                values = [i + 1, category, grp, title, '、'.join(task_departments.get(task_id, [])),
                          due, status_names[status] + ('（已逾期）' if overdue else ''), done_on, note]
                for c, v in enumerate(values, 1):
                    cells[(r, c)] = v if v not in ('', None) else None
            self.sheets.append(('任务清单', cells, merges, 9))


# ---- the checks ------------------------------------------------------------------------------

def sheet_values(ws):
    return {(c.row, c.column): c.value for row in ws.iter_rows() for c in row}


def check_sheet_cells(ws, name, cells, n_cols):
    actual = sheet_values(ws)
    check_eq(ws.max_column, n_cols, '%s: columns' % name)
    expected_rows = max(r for r, _ in cells)
    check_eq(ws.max_row, expected_rows, '%s: rows' % name)
    for r in range(1, expected_rows + 1):
        for c in range(1, n_cols + 1):
            want = cells.get((r, c))
            got = actual.get((r, c))
            if want != got:
                raise Failure('%s!%s: expected %r, got %r' % (
                    name, openpyxl.utils.get_column_letter(c) + str(r), want, got))


def page_starts(ws):
    """The rows (1-based) that begin a printed page, after the first."""
    return sorted(b.id + 1 for b in ws.row_breaks.brk)


def resolve(expected, wb):
    """The expected sheets, with each group of equal 一级事项 merged once per printed page it
    spans (its text repeated on each), as the workbook's own page breaks cut it."""
    sheets = []
    for name, cells, merges, n_cols in expected.sheets:
        cells, merges = dict(cells), list(merges)
        starts = page_starts(wb[name]) if name in wb.sheetnames else []
        for first, last, text in expected.groups.get(name, []):
            while first <= last:
                end = min([b - 1 for b in starts if first < b <= last] + [last])
                cells[(first, 2)] = text
                if end > first and text is not None:
                    merges.append('B%d:B%d' % (first, end))
                first = end + 1
        sheets.append((name, cells, merges, n_cols))
    return sheets


def check_workbook_cells(path, expected):
    wb = openpyxl.load_workbook(path)
    check_eq(wb.sheetnames, [s[0] for s in expected.sheets], 'sheets, in order')
    for name, cells, merges, n_cols in resolve(expected, wb):
        ws = wb[name]
        check_sheet_cells(ws, name, cells, n_cols)
        check_eq(sorted(str(m) for m in ws.merged_cells.ranges), sorted(merges),
                 '%s: merged ranges' % name)
    return wb


class Context:
    """Built once, shared by the checks."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.ws = build_fixture(tmp, 'fixture', extras=False)
        self.xlsx = os.path.join(tmp, 'out', '城关镇基层政务公开标准目录（2024）.xlsx')
        os.makedirs(os.path.dirname(self.xlsx))
        self.export_output = self.ws.export(self.xlsx)
        self.expected = Expected(self.ws, 'all')
        self.wb = None

    def workbook(self):
        if self.wb is None:
            self.wb = openpyxl.load_workbook(self.xlsx)
        return self.wb


TESTS = gktest.Tests()
test = TESTS.add


@test
def export_succeeds(ctx):
    check_eq(ctx.export_output, 'Exported %s: 7 sheets, 9 items\n' % ctx.xlsx, 'output of export')
    check_eq(sorted(os.listdir(os.path.dirname(ctx.xlsx))), [os.path.basename(ctx.xlsx)],
             'the folder holds the workbook and nothing else')


@test
def sheets_and_every_cell(ctx):
    check_workbook_cells(ctx.xlsx, ctx.expected)


@test
def domain_sheet_layout(ctx):
    ws = ctx.workbook()['社会救助']
    check_eq(ws['A1'].value, '城关镇社会救助领域基层政务公开标准目录', 'title')
    check_eq([ws.cell(2, c).value for c in range(1, 15)],
             ['序号', '公开事项', None, '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体',
              '公开对象', None, '公开方式', None, '公开层级', None], 'header row 2')
    check_eq([ws.cell(3, c).value for c in range(1, 15)],
             [None, '一级事项', '二级事项', None, None, None, None, None, '全社会', '特定\n群体', '主动',
              '依申请', '县级', '乡级'], 'header row 3')
    # 最低生活保障 ×3 and 特困人员救助供养 ×2 are merged, each on every page it spans;
    # 临时救助 stands alone.
    merged = [m for m in ws.merged_cells.ranges if m.min_col == 2 and m.min_row > 3]
    starts = page_starts(ws)
    check(len(merged) >= 2, '一级事项 merges: %s' % merged)
    for m in merged:
        check(not any(m.min_row < b <= m.max_row for b in starts),
              '%s crosses a page break (pages start at %s)' % (m, starts))
        check(ws.cell(m.min_row, 2).value in ('最低生活保障', '特困人员救助供养'), str(m))
    covered = {r for m in merged for r in range(m.min_row, m.max_row + 1)}
    for r in range(4, 9):
        check(ws.cell(r, 2).value is not None or r in covered,
              'row %d has its 一级事项 or is in a merge' % r)
    check_eq(ws['B9'].value, '临时救助', 'an unmerged 一级事项')
    check_eq(ws['A4'].value, 1, '序号 is a number')
    check_eq(ws['A4'].data_type, 'n', '序号 is a number')


@test
def literal_text_stays_text(ctx):
    ws = ctx.workbook()['社会救助']
    check_eq(ws['D4'].value, TRICKY['formula'], 'content starting with =')
    check_eq(ws['D4'].data_type, 's', 'content starting with = is a string')
    check_eq(ws['E4'].value, TRICKY['plus'], 'basis starting with +')
    check_eq(ws['F4'].value, TRICKY['minus'], 'time limit starting with -')
    check_eq(ws['G4'].value, TRICKY['at'], 'subject starting with @')
    check_eq(ws['D6'].value, '发放对象、' + TRICKY['escape'], 'a literal _x0041_')
    check_eq(ws['D5'].value, '名单公示（含控制字符）', 'control characters dropped')
    check_eq(ws['E5'].value, '第一行\n第二行\t制表', 'line break and tab kept')
    check_eq(ctx.workbook()['任务清单']['I6'].value, '=备注不是公式', 'a note starting with =')
    check_eq(ctx.workbook()['汇总']['H7'].value, '=本镇无税务分局（由县税务局公开）',
             'a reason starting with =')
    with zipfile.ZipFile(ctx.xlsx) as z:
        for name in z.namelist():
            if name.startswith('xl/worksheets/'):
                xml = z.read(name).decode('utf-8')
                check('<f>' not in xml and '<f ' not in xml, '%s has a formula' % name)
                check('t="str"' not in xml and 't="inlineStr"' not in xml,
                      '%s has a non-shared string' % name)


@test
def ticks_and_channels(ctx):
    wb = ctx.workbook()
    ws = wb['社会救助']
    check_eq(ws['H4'].value, '■政府网站 □政府公报 □两微一端 □发布会/听证会 □广播电视 □纸质媒体 ■公开查阅点 '
             '□政务服务中心 □便民服务站 □入户/现场 □社区/企事业单位/村公示栏(电子屏) □精准推送 ■其他：村广播',
             'channels of item 1')
    check_eq([ws.cell(4, c).value for c in range(9, 15)], ['√', '√', None, '√', None, '√'],
             'ticks of item 1 (110101)')
    for name in wb.sheetnames:
        for row in wb[name].iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    for bad in ('✓', '✔', '£', '☑', '☐'):
                        check(bad not in c.value or name == '说明',
                              '%s!%s holds %r' % (name, c.coordinate, bad))
                    if c.column >= 9 and name not in ('说明', '汇总', '未涉及领域说明', '任务清单') \
                            and c.row > 3:
                        check_eq(c.value, '√', '%s!%s tick' % (name, c.coordinate))


@test
def channels_ticked_only(ctx):
    out = os.path.join(ctx.tmp, 'ticked.xlsx')
    ctx.ws.export(out, '--channels', 'ticked')
    expected = Expected(ctx.ws, 'ticked')
    wb = check_workbook_cells(out, expected)
    check_eq(wb['社会救助']['H4'].value, '■政府网站 ■公开查阅点 ■其他：村广播', 'ticked channels')
    # Rows as tall as their text: the long content of row 7 needs more lines than row 9.
    ws = wb['社会救助']
    check(ws.row_dimensions[7].height > 2 * ws.row_dimensions[9].height,
          'row 7 (long text) and row 9: %r, %r' % (ws.row_dimensions[7].height,
                                                  ws.row_dimensions[9].height))


@test
def overdue_tasks_highlighted(ctx):
    ws = ctx.workbook()['任务清单']
    check_eq(ctx.expected.overdue_rows, {4}, 'the overdue task of the fixture')
    for r in range(3, 3 + len(TASKS)):
        fills = {ws.cell(r, c).fill.fgColor.rgb for c in range(1, 10)}
        if r in ctx.expected.overdue_rows:
            check_eq(fills, {'FFFFC7CE'}, 'fill of overdue row %d' % r)
            check('已逾期' in ws.cell(r, 7).value, 'status of overdue row %d says so' % r)
        else:
            check(all(f in (None, '00000000') for f in fills), 'row %d is not highlighted: %r'
                  % (r, fills))


@test
def not_applicable_sheet(ctx):
    ws = ctx.workbook()['未涉及领域说明']
    check_eq(ws.max_row, 2 + 23, 'one row per domain left out')
    check_eq(ws['C3'].value, '整个领域', 'scope')


@test
def looks_and_print_settings(ctx):
    wb = ctx.workbook()
    for ws in wb.worksheets:
        name = ws.title
        domain = name not in ('说明', '汇总', '未涉及领域说明', '任务清单')
        check_eq(ws.page_setup.paperSize, 9, '%s: A4' % name)
        check_eq(ws.page_setup.orientation, 'portrait' if name == '说明' else 'landscape',
                 '%s: orientation' % name)
        check_eq(ws.sheet_properties.pageSetUpPr.fitToPage, True, '%s: fit to page' % name)
        # 1 is the default of fitToWidth, which writers may leave out.
        check(ws.page_setup.fitToWidth in (1, None), '%s: one page wide' % name)
        check_eq(ws.page_setup.fitToHeight if ws.page_setup.fitToHeight is not None else 1,
                 1 if name == '汇总' else 0, '%s: pages tall' % name)
        check_eq(ws.oddFooter.center.text, '第 &P 页 共 &N 页', '%s: footer' % name)
        check_eq(ws.oddHeader.left.text, TOWNSHIP, '%s: header' % name)
        check_eq((ws.print_title_rows or '').replace('$', ''), '2:3' if domain else '2:2',
                 '%s: repeated rows' % name)
        if name != '说明':
            check_eq(ws.freeze_panes, 'A4' if domain else 'A3', '%s: frozen header' % name)
        # Every cell of the table: 宋体, wrapped, centred vertically, thin borders all round.
        # (openpyxl does not keep the style of the hidden cells of a merged range; the golden
        # XML does.)
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c, openpyxl.cell.cell.MergedCell):
                    continue
                check_eq(c.font.name, '宋体', '%s!%s font' % (name, c.coordinate))
                check(c.alignment.wrap_text, '%s!%s wraps' % (name, c.coordinate))
                sides = (c.border.left, c.border.right, c.border.top, c.border.bottom)
                if name == '说明' and c.column == 1 and c.value in (None, '校验问题') and \
                        ws.cell(c.row + 1, 1).value is None:
                    # The label of the list of problems spans its rows without a merge.
                    sides = sides[:2]
                else:
                    check_eq(c.alignment.vertical, 'center', '%s!%s vertical' % (name, c.coordinate))
                for side in sides:
                    check_eq(side.style, 'thin', '%s!%s border' % (name, c.coordinate))
        check_eq(ws['A1'].font.b, True, '%s: title bold' % name)
        check(ws['A1'].font.sz >= 14, '%s: title size' % name)
        # Widths fitted, rows tall enough for their wrapped text.
        for col in range(1, ws.max_column + 1):
            letter = openpyxl.utils.get_column_letter(col)
            width = ws.column_dimensions[letter].width
            check(5 <= width <= 72, '%s: column %s width %r' % (name, letter, width))
        for r in range(1, ws.max_row + 1):
            check(ws.row_dimensions[r].height is not None and ws.row_dimensions[r].height >= 15,
                  '%s: row %d has no height' % (name, r))
    # The 13 channels take several lines of their column in every row.
    ws = wb['社会救助']
    for r in range(4, 10):
        check(ws.row_dimensions[r].height >= 6 * 14, '社会救助 row %d: %r' % (
            r, ws.row_dimensions[r].height))


@test
def document_properties(ctx):
    wb = ctx.workbook()
    check_eq(wb.properties.title, '城关镇基层政务公开标准目录（2024）', 'title')
    check_eq(wb.properties.creator, TOWNSHIP, 'author')
    check_eq(wb.properties.created, datetime.datetime(2024, 5, 20, 0, 0), 'created')
    with zipfile.ZipFile(ctx.xlsx) as z:
        app = z.read('docProps/app.xml').decode('utf-8')
    check('<Company>%s</Company>' % COUNTY in app, 'company = county: %s' % app)


@test
def reproducible(ctx):
    again = os.path.join(ctx.tmp, 'again.xlsx')
    ctx.ws.export(again)
    with open(ctx.xlsx, 'rb') as a, open(again, 'rb') as b:
        check(a.read() == b.read(), 'two exports of the same workspace differ')


GOLDEN_PARTS = re.compile(r'xl/(worksheets/sheet\d+\.xml|sharedStrings\.xml)$')


@test
def golden_sheet_xml(ctx):
    with zipfile.ZipFile(ctx.xlsx) as z:
        parts = {n: z.read(n) for n in z.namelist() if GOLDEN_PARTS.match(n)}
    if os.environ.get('GK_UPDATE_GOLDEN'):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in parts.items():
            path = os.path.join(GOLDEN, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            # One element per line, so that a change shows as a readable diff.
            with open(path, 'wb') as f:
                f.write(data.replace(b'><', b'>\n<'))
        return
    stored = {os.path.relpath(p, GOLDEN).replace(os.sep, '/')
              for p in glob.glob(os.path.join(GOLDEN, 'xl', '**', '*.xml'), recursive=True)}
    check_eq(sorted(stored), sorted(parts), 'golden parts')
    for name, data in sorted(parts.items()):
        with open(os.path.join(GOLDEN, name), 'rb') as f:
            want = f.read()
        got = data.replace(b'><', b'>\n<')
        if got != want:
            w, g = want.decode().splitlines(), got.decode().splitlines()
            line = next((i for i, (a, b) in enumerate(zip(w, g)) if a != b), min(len(w), len(g)))
            raise Failure('%s differs from tests/golden at line %d:\n  golden: %s\n  now:    %s\n'
                          '(GK_UPDATE_GOLDEN=1 meson test export-read rewrites it, if the change is '
                          'meant)' % (name, line + 1, w[line] if line < len(w) else '<end>',
                                      g[line] if line < len(g) else '<end>'))


@test
def long_domain_pages(ctx):
    """A domain of many pages: every page break is the workbook's own, each page's rows fit an
    A4 page at the scale that fits the table to its width, and no merged 一级事项 crosses a
    break (each page shows its own)."""
    w = Workspace(ctx.tmp, 'long')
    w.ok('new', '--township', TOWNSHIP, '--county', COUNTY)
    for item in w.json('item', 'list', 20, '--json'):
        w.ok('item', 'delete', item['id'])
    for i in range(40):
        w.ok('item', 'add', 20, '--level1', '事项组%d' % (i // 7), '--level2', '二级事项%d' % i,
             '--content', '公开内容' * (1 + i % 9), '--channels', '政府网站', '--mode_active', '1')
    out = os.path.join(ctx.tmp, 'long.xlsx')
    w.export(out)
    wb = check_workbook_cells(out, Expected(w, 'all'))
    ws = wb['社会救助']
    starts = page_starts(ws)
    check(len(starts) >= 3, 'page breaks of 40 items: %s' % starts)
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, 15)]
    scale = min(1.0, (11.69 - 0.6) * 96 / sum(int(w * 7 + 0.5) for w in widths))
    heights = {r: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)}
    bounds = [1] + starts + [ws.max_row + 1]
    for first, end in zip(bounds, bounds[1:]):
        total = sum(heights[r] for r in range(first, end)) + (
            0 if first == 1 else heights[2] + heights[3])
        check(total * scale <= (8.27 - 1.2) * 72,
              'the page from row %d is %.0f pt tall at %.0f %%' % (first, total * scale,
                                                                   scale * 100))


@test
def deviations_problems_and_empty_domain(ctx):
    w = build_fixture(ctx.tmp, 'extras', extras=True)
    out = os.path.join(ctx.tmp, 'extras.xlsx')
    w.export(out)
    expected = Expected(w, 'all')
    wb = check_workbook_cells(out, expected)
    check('户籍管理' in wb.sheetnames, 'an applicable domain without items still has its sheet')
    for number, sheet in CUSTOM_SHEETS.items():
        check(sheet in wb.sheetnames, 'custom domain %d: sheet %s in %s' % (number, sheet,
                                                                           wb.sheetnames))
        check_eq(wb[sheet]['A1'].value, '%s%s领域基层政务公开标准目录' % (TOWNSHIP, CUSTOM_DOMAINS[number]),
                 'title of %s' % sheet)
    check_eq(wb['户籍管理'].max_row, 3, 'title and header only')
    ws = wb['未涉及领域说明']
    check_eq(ws.cell(ws.max_row, 3).value, '标准指引事项', 'the standard item left out')
    check_eq(ws.cell(ws.max_row, 6).value, '本镇未设立该事项，由县民政局统一公开', 'its reason')
    check(wb['说明']['B16'].value.startswith('错误 '), 'validation summary: %r' % wb['说明']['B16'].value)


# ---- failures through the CLI -------------------------------------------------------------------

def run_cli(ctx, *args):
    proc = ctx.ws.run(*args)
    return proc.returncode, proc.stdout.decode('utf-8', 'replace'), proc.stderr.decode('utf-8', 'replace')


@test
def cli_usage_errors(ctx):
    for args in (['export'], ['export', '--out'], ['export', '--out', 'x.xlsx', '--channels', 'some'],
                 ['export', '--out', 'x.xlsx', '--bogus']):
        rc, out, err = run_cli(ctx, *args)
        check_eq(rc, 2, 'exit status of %r' % args)
        check('Usage:' in err and 'export --out FILE.xlsx' in err, 'usage shown for %r' % args)
        check_eq(out, '', 'stdout of %r' % args)


@test
def cli_missing_folder(ctx):
    target = os.path.join(ctx.tmp, 'no-such-folder', 'x.xlsx')
    rc, out, err = run_cli(ctx, 'export', '--out', target)
    check_eq(rc, 1, 'exit status')
    check(err.startswith('gongkai-cli: Cannot write') and 'folder does not exist' in err, err)
    check(not os.path.exists(os.path.dirname(target)), 'nothing created')


@test
def cli_unwritable_folder(ctx):
    folder = os.path.join(ctx.tmp, 'read-only')
    os.makedirs(folder)
    target = os.path.join(folder, 'old.xlsx')
    with open(target, 'wb') as f:
        f.write(b'old')
    os.chmod(folder, 0o555)
    try:
        env = None
        argv_prefix = []
        if os.geteuid() == 0:
            # root writes anywhere: run as nobody, who may read the workspace.
            if not shutil.which('setpriv'):
                return 'SKIP running as root without setpriv'
            os.chmod(ctx.tmp, 0o777)   # sqlite makes the -wal and -shm files beside it
            for p in (ctx.ws.path, ctx.ws.path + '-wal', ctx.ws.path + '-shm'):
                if os.path.exists(p):
                    os.chmod(p, 0o666)
            argv_prefix = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']
        proc = subprocess.run(argv_prefix + [CLI, '--workspace', ctx.ws.path, 'export', '--out',
                                             target], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=ctx.ws.env, timeout=120)
        err = proc.stderr.decode('utf-8', 'replace')
        check_eq(proc.returncode, 1, 'exit status (%s)' % err)
        check('permission' in err, err)
        with open(target, 'rb') as f:
            check_eq(f.read(), b'old', 'the old file')
        check_eq(os.listdir(folder), ['old.xlsx'], 'the folder')
    finally:
        os.chmod(folder, 0o755)
        os.chmod(ctx.tmp, 0o700)


@test
def cli_locked_target(ctx):
    folder = os.path.join(ctx.tmp, 'locked')
    os.makedirs(folder)
    target = os.path.join(folder, 'book.xlsx')
    with open(target, 'wb') as f:
        f.write(b'old')
    with open(os.path.join(folder, '.~lock.book.xlsx#'), 'w') as f:
        f.write(',clerk,pc,20.05.2024 09:00,file:///home/clerk/.config/libreoffice/4;')
    rc, out, err = run_cli(ctx, 'export', '--out', target)
    check_eq(rc, 1, 'exit status')
    check('open in another program' in err, err)
    with open(target, 'rb') as f:
        check_eq(f.read(), b'old', 'the old file')
    rc, out, err = run_cli(ctx, 'export', '--out', target, '--force')
    check_eq(rc, 0, 'exit status with --force (%s)' % err)
    check(zipfile.is_zipfile(target), 'replaced with --force')


@test
def decimal_comma_locale(ctx):
    """libxlsxwriter prints widths and margins with the C library: in a locale with a decimal
    comma they must still be written with a point."""
    localedef = shutil.which('localedef')
    if not localedef:
        return 'SKIP no localedef'
    locales = os.path.join(ctx.tmp, 'locales')
    os.makedirs(locales, exist_ok=True)
    proc = subprocess.run([localedef, '-i', 'de_DE', '-f', 'UTF-8', os.path.join(locales, 'de_DE.UTF-8')],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if not os.path.isdir(os.path.join(locales, 'de_DE.UTF-8')):
        return 'SKIP cannot build the de_DE locale'
    env = dict(ctx.ws.env, LOCPATH=locales, LC_ALL='de_DE.UTF-8')
    probe = subprocess.run(['/usr/bin/python3', '-c', 'import locale; locale.setlocale(locale.LC_ALL, "");'
                            'print(locale.localeconv()["decimal_point"])'],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if probe.stdout.decode().strip() != ',':
        return 'SKIP the de_DE locale does not load'
    out = os.path.join(ctx.tmp, 'de.xlsx')
    ctx.ws.export(out, env=env)
    with zipfile.ZipFile(out) as z:
        xml = z.read('xl/worksheets/sheet3.xml').decode('utf-8')
    check(re.search(r'width="\d+,\d+"', xml) is None and re.search(r'width="\d+\.\d+"', xml),
          'column widths in a decimal-comma locale: %s' % xml[:600])
    check_workbook_cells(out, ctx.expected)


# ---- LibreOffice ----------------------------------------------------------------------------

def soffice():
    return shutil.which('soffice') or shutil.which('libreoffice')


def convert(ctx, fmt, source, outdir):
    profile = 'file://' + os.path.join(ctx.tmp, 'lo-profile')
    proc = subprocess.run([soffice(), '-env:UserInstallation=' + profile, '--headless',
                           '--norestore', '--convert-to', fmt, '--outdir', outdir, source],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return proc


@test
def libreoffice_csv(ctx):
    if not soffice():
        return 'SKIP no LibreOffice'
    outdir = os.path.join(ctx.tmp, 'csv')
    os.makedirs(outdir)
    # One UTF-8 (76) CSV per sheet (-1), cells as stored, not as shown.
    proc = convert(ctx, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
                   ctx.xlsx, outdir)
    check_eq(proc.returncode, 0, 'soffice exit status (%s)' % proc.stderr.decode('utf-8', 'replace'))
    base = os.path.splitext(os.path.basename(ctx.xlsx))[0]
    for name, cells, merges, n_cols in resolve(ctx.expected, ctx.workbook()):
        path = os.path.join(outdir, '%s-%s.csv' % (base, name))
        check(os.path.exists(path), 'no CSV for sheet %s: %s' % (name, os.listdir(outdir)))
        with open(path, encoding='utf-8', newline='') as f:
            rows = list(csv.reader(f))
        n_rows = max(r for r, _ in cells)
        check_eq(len(rows), n_rows, '%s: CSV rows' % name)
        for r in range(1, n_rows + 1):
            want = [cells.get((r, c)) for c in range(1, n_cols + 1)]
            want = ['' if v is None else str(v) for v in want]
            got = rows[r - 1] + [''] * (n_cols - len(rows[r - 1]))
            if got != want:
                raise Failure('%s row %d: LibreOffice read %r, expected %r' % (name, r, got, want))


@test
def libreoffice_pdf(ctx):
    if not soffice():
        return 'SKIP no LibreOffice'
    outdir = os.path.join(ctx.tmp, 'pdf')
    os.makedirs(outdir)
    proc = convert(ctx, 'pdf', ctx.xlsx, outdir)
    check_eq(proc.returncode, 0, 'soffice exit status (%s)' % proc.stderr.decode('utf-8', 'replace'))
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(ctx.xlsx))[0] + '.pdf')
    check(os.path.getsize(pdf) > 10000, 'a PDF was written')
    if not shutil.which('pdftotext'):
        return
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], stdout=subprocess.PIPE).stdout.decode()
    pages = text.split('\f')
    for title in ('城关镇基层政务公开标准目录（2024）', '城关镇基层政务公开标准目录汇总表',
                  '城关镇社会救助领域基层政务公开标准目录', '城关镇政务公开工作任务清单'):
        check(title in text, 'the PDF shows %s' % title)
    check(re.search(r'第\s*1\s*页\s*共\s*\d+\s*页', text), 'the footer is printed')
    # Each domain's table is one page wide: its last column's heading is on the page of its first.
    for page in pages:
        if '公开对象' in page:
            check('乡级' in page and '序号' in page, 'a page with a cut-off table:\n' + page[:800])
    # LibreOffice breaks the pages where the workbook says, and nowhere else (the page header
    # names the sheet).
    wb = ctx.workbook()
    for name in wb.sheetnames[2:-2]:
        printed = sum(1 for page in pages if page.strip() and
                      page.strip().splitlines()[0].split()[-1] == name)
        check_eq(printed, len(page_starts(wb[name])) + 1, 'pages of %s' % name)


def main():
    tmp = tempfile.mkdtemp(prefix='gk-export-read-')
    failed = 0
    try:
        try:
            ctx = Context(tmp)
        except Exception:
            print('1..1')
            print('not ok 1 - build the fixture and export it')
            for line in traceback.format_exc().splitlines():
                print('# ' + line)
            return 1
        print('1..%d' % len(TESTS))
        for i, fn in enumerate(TESTS, 1):
            if not gktest.report(i, gktest.test_name(fn), lambda: fn(ctx), tracebacks=True):
                failed += 1
            sys.stdout.flush()
    finally:
        if os.environ.get('GK_KEEP_TMP'):
            print('# kept %s' % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
