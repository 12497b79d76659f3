#!/usr/bin/python3
# Tests of gongkai-cli: every command, its output and its exit status
# (0 done, 1 refused or failed with a message on stderr, 2 usage error with the usage on stderr).
#
# Run by meson (`meson test -C build --suite cli -v`), which sets GK_CLI to the binary; prints TAP.
# Only the Python standard library is used. Every test works in its own temporary folder, and
# XDG_DATA_HOME points there too, so nothing outside it is ever touched.

import datetime
import os
import re
import sqlite3
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gktest  # noqa: E402
from gktest import (FLAG_KEYS, N_DOMAINS, TEXT_KEYS, check, check_eq, read_bytes,  # noqa: E402
                    standards)

PROFILE_KEYS = ['township', 'county', 'prefecture', 'province', 'compiled_by', 'phone', 'year',
                'version']
ITEM_KEYS = (['id', 'domain', 'position'] + TEXT_KEYS + ['channels'] + FLAG_KEYS +
             ['origin', 'state', 'updated_at'])
N_STANDARD_ITEMS = 214


class Env(gktest.Env):
    """One test's temporary folder, with a workspace path in it."""

    def new(self, *args):
        self.ok('new', *args)
        return self

    def info(self, **kwargs):
        return self.ok('info', '--json', **kwargs).json()

    def item(self, item_id):
        for domain in range(1, N_DOMAINS + 1):
            for item in self.items(domain):
                if item['id'] == item_id:
                    return item
        return None

    def add_item(self, domain, *args):
        r = self.ok('item', 'add', str(domain), *args)
        check(re.fullmatch(r'[1-9][0-9]*\n', r.out) is not None,
              'item add should print the new id alone\n' + r.describe())
        return int(r.out)

    def first_item(self, domain):
        items = self.items(domain)
        check(len(items) > 0, 'domain %s has no items' % domain)
        return items[0]


def side_files(path):
    return [p for p in (path + '-wal', path + '-shm', path + '-journal') if os.path.exists(p)]


def township_items(domain):
    return [i for i in domain['items'] if i['flags']['level_township'] is True]


TESTS = gktest.Tests()
test = TESTS.add


# ---- new ---------------------------------------------------------------------------------------

@test
def new_stores_township_and_county(e):
    r = e.ok('new', '--township', '江上乡', '--county', '永修县')
    check_eq(r.out, 'Created %s\n' % e.ws, 'output of new')
    check(os.path.isfile(e.ws), 'the workspace was not created')
    profile = e.info()['profile']
    check_eq(profile['township'], '江上乡', 'township')
    check_eq(profile['county'], '永修县', 'county')
    check_eq(profile['year'], datetime.date.today().year, 'year (the current one by default)')
    for key in ('prefecture', 'province', 'compiled_by', 'phone', 'version'):
        check_eq(profile[key], '', key)


@test
def new_without_names(e):
    e.new()
    profile = e.info()['profile']
    check_eq(profile['township'], '', 'township')
    check_eq(profile['county'], '', 'county')


@test
def new_over_existing_workspace_fails_and_keeps_it(e):
    e.new('--township', '江上乡')
    before = read_bytes(e.ws)
    r = e.fails(1, 'new', '--township', '别的乡', '--county', '别的县')
    check(e.ws in r.err, 'the message should name the file\n' + r.describe())
    check(read_bytes(e.ws) == before, 'the existing workspace was modified')
    check_eq(e.info()['profile']['township'], '江上乡', 'township after the refused new')


@test
def new_over_other_file_fails_and_keeps_it(e):
    path = e.path('notes.txt')
    with open(path, 'wb') as f:
        f.write('乡镇政务公开目录 — 草稿\n'.encode('utf-8'))
    before = read_bytes(path)
    e.fails(1, 'new', ws=path)
    check(read_bytes(path) == before, 'the file was modified')
    check_eq(side_files(path), [], 'side files left next to the file')


@test
def new_usage_errors(e):
    e.fails(2, 'new', '--township')
    e.fails(2, 'new', '--colour', 'red')
    e.fails(2, 'new', '江上乡')
    check(not os.path.exists(e.ws), 'a workspace was created by a usage error')


@test
def new_refused_name_leaves_no_file(e):
    e.fails(1, 'new', '--township', '乡' * 101)
    check(not os.path.exists(e.ws), 'a workspace was left behind by a refused new')
    check_eq(side_files(e.ws), [], 'side files left behind')
    e.new('--township', '乡' * 100)
    check_eq(e.info()['profile']['township'], '乡' * 100, 'a 100-character township')


@test
def new_in_missing_folder_creates_it(e):
    ws = e.path('a/b/c/工作区.gongkai')
    e.ok('new', '--county', '永修县', ws=ws)
    check(os.path.isfile(ws), 'the workspace was not created')
    check_eq(e.info(ws=ws)['workspace'], ws, 'workspace path in info --json')


@test
def default_workspace_is_under_xdg_data_home(e):
    expected = os.path.join(e.env['XDG_DATA_HOME'], 'gongkai', 'workspace.gongkai')
    e.fails(1, 'info', ws=False)
    r = e.ok('new', '--township', '默认乡', ws=False)
    check(os.path.isfile(expected), 'no workspace at %s\n%s' % (expected, r.describe()))
    info = e.info(ws=False)
    check_eq(info['workspace'], expected, 'workspace path')
    check_eq(info['profile']['township'], '默认乡', 'township')


# ---- info --------------------------------------------------------------------------------------

@test
def info_text(e):
    e.new('--township', '江上乡', '--county', '永修县')
    r = e.ok('info')
    lines = r.out.splitlines()
    check(re.match(r'township\s+江上乡$', lines[0]) is not None, 'first line: %r' % lines[0])
    check(re.match(r'county\s+永修县$', lines[1]) is not None, 'second line: %r' % lines[1])
    domain_lines = [l for l in lines if re.match(r'\d\d  ', l)]
    check_eq(len(domain_lines), N_DOMAINS, 'domain lines')
    check(domain_lines[19].startswith('20') and '社会救助' in domain_lines[19],
          'line of domain 20: %r' % domain_lines[19])


@test
def info_json_structure(e):
    e.new()
    info = e.info()
    check_eq(sorted(info), ['domains', 'profile', 'workspace'], 'top-level keys')
    check_eq(info['workspace'], e.ws, 'workspace')
    check_eq(list(info['profile']), PROFILE_KEYS, 'profile keys')
    for key in PROFILE_KEYS:
        check(isinstance(info['profile'][key], int if key == 'year' else str),
              'profile %s has the type %s' % (key, type(info['profile'][key]).__name__))
    domains = info['domains']
    check_eq(len(domains), N_DOMAINS, 'number of domains')
    check_eq([d['number'] for d in domains], list(range(1, N_DOMAINS + 1)), 'domain numbers')
    for d in domains:
        check_eq(sorted(d), ['applicable', 'items', 'name', 'not_applicable_reason', 'number'],
                 'keys of domain %d' % d['number'])
        check_eq(d['applicable'], True, 'applicable of domain %d' % d['number'])
        check_eq(d['not_applicable_reason'], '', 'reason of domain %d' % d['number'])
        check(isinstance(d['items'], int) and d['items'] >= 0, 'items of domain %d' % d['number'])
    check_eq([d['name'] for d in domains], [d['name'] for d in standards()], 'domain names')


@test
def info_counts_are_the_seeded_township_items(e):
    e.new()
    domains = e.info()['domains']
    lib = standards()
    expected_total = sum(len(township_items(d)) for d in lib)
    check(expected_total > 0, 'the library has no township-level items')
    check_eq(sum(d['items'] for d in domains), expected_total, 'total of the item counts')
    for mine, std in zip(domains, lib):
        check_eq(mine['items'], std['township_items'], 'items of domain %d' % mine['number'])
        check_eq(std['township_items'], len(township_items(std)),
                 'township_items of standard domain %d' % std['number'])


@test
def seeded_items_are_the_standard_items(e):
    e.new()
    info = e.info()
    for std, counted in zip(standards(), info['domains']):
        items = e.items(std['number'])
        check_eq(len(items), counted['items'], 'item list of domain %d vs info' % std['number'])
        expected = township_items(std)
        check_eq(len(items), len(expected), 'items of domain %d' % std['number'])
        for pos, (item, s) in enumerate(zip(items, expected), 1):
            what = 'item %s' % s['id']
            check_eq(list(item), ITEM_KEYS, what + ' keys')
            check_eq(item['domain'], std['number'], what + ' domain')
            check_eq(item['position'], pos, what + ' position')
            check_eq(item['origin'], 'standard:' + s['id'], what + ' origin')
            check_eq(item['state'], 'draft', what + ' state')
            for key in ('level1', 'level2', 'content', 'basis', 'time_limit', 'subject'):
                check_eq(item[key], s[key], '%s %s' % (what, key))
            channels = item['channels']
            if item['channels_other']:
                channels = channels.replace('其他', '其他:' + item['channels_other'])
            check_eq(channels, s['channels'], what + ' channels')
            for flag in FLAG_KEYS:
                check_eq(item[flag], s['flags'][flag] is True, '%s %s' % (what, flag))


@test
def info_usage_error(e):
    e.new()
    e.fails(2, 'info', '--xml')
    e.fails(2, 'info', 'extra')


# ---- standards ---------------------------------------------------------------------------------

@test
def standards_text(e):
    r = e.ok('standards', ws=False)
    lines = r.out.splitlines()
    check_eq(lines[-1], '%d items in %d domains' % (N_STANDARD_ITEMS, N_DOMAINS), 'last line')
    check_eq(len(lines), N_DOMAINS + 1, 'number of lines')
    check(lines[19].startswith('20 社会救助: '), 'line of domain 20: %r' % lines[19])


@test
def standards_json(e):
    lib = e.ok('standards', '--json', ws=False).json()
    check_eq(len(lib), N_DOMAINS, 'number of domains')
    check_eq([d['number'] for d in lib], list(range(1, N_DOMAINS + 1)), 'domain numbers')
    check_eq(sum(len(d['items']) for d in lib), N_STANDARD_ITEMS, 'number of items')
    ids = set()
    for d in lib:
        for key in ('code', 'name', 'lead_department'):
            check(isinstance(d[key], str) and d[key] != '', 'domain %d %s' % (d['number'], key))
        check(isinstance(d['aliases'], list), 'domain %d aliases' % d['number'])
        for item in d['items']:
            what = 'item %r' % item.get('id')
            check(re.fullmatch(r'%02d-\d\d' % d['number'], item.get('id', '')) is not None,
                  what + ': id not of the form %02d-NN' % d['number'])
            check(item['id'] not in ids, what + ' appears twice')
            ids.add(item['id'])
            check(item['flags_provenance'] in ('seen', 'inferred', 'unknown'),
                  '%s flags_provenance %r' % (what, item['flags_provenance']))
            check(re.match(r'https?://\S+$', item['source_url']) is not None,
                  '%s source_url %r' % (what, item['source_url']))
            check(item['level1'] != '', what + ' has no level1')
            check_eq(sorted(item['flags']), sorted(FLAG_KEYS), what + ' flag keys')
            for flag, value in item['flags'].items():
                check(value in (True, False, None), '%s flag %s = %r' % (what, flag, value))
        check_eq(d['township_items'], len(township_items(d)), 'township_items of %d' % d['number'])


@test
def standards_needs_no_workspace(e):
    e.ok('standards', ws=e.ws)
    check(not os.path.exists(e.ws), 'standards created a workspace')


@test
def standards_usage_error(e):
    e.fails(2, 'standards', 'extra', ws=False)
    e.fails(2, 'standards', '--csv', ws=False)


# ---- profile -----------------------------------------------------------------------------------

@test
def profile_set_every_key(e):
    e.new()
    values = {
        'township': '江上乡', 'county': '永修县', 'prefecture': '九江市', 'province': '江西省',
        'compiled_by': '江上乡党政综合办公室', 'phone': '0792-3221234', 'year': '2025',
        'version': '2025年第1版',
    }
    for key in PROFILE_KEYS:
        r = e.ok('profile', 'set', key, values[key])
        check_eq(r.out, '', 'output of profile set ' + key)
    profile = e.info()['profile']
    for key in PROFILE_KEYS:
        check_eq(profile[key], int(values[key]) if key == 'year' else values[key], key)
    text = e.ok('info').out
    for key in PROFILE_KEYS:
        check(values[key] in text, 'info does not show %s' % key)


@test
def profile_set_values_starting_with_dashes(e):
    e.new()
    for value in ('-5', '--json', '--township', '=1+1', ''):
        e.ok('profile', 'set', 'version', value)
        check_eq(e.info()['profile']['version'], value, 'version')


@test
def profile_set_bad_year_is_refused(e):
    e.new()
    e.ok('profile', 'set', 'year', '2024')
    for bad in ('abc', '', '2018', '2101', '2025x', '20 25', '-2025', '二〇二五'):
        e.fails(1, 'profile', 'set', 'year', bad)
        check_eq(e.info()['profile']['year'], 2024, 'year after refusing %r' % bad)
    for good in ('2019', '2100'):
        e.ok('profile', 'set', 'year', good)
        check_eq(e.info()['profile']['year'], int(good), 'year')


@test
def profile_set_too_long_is_refused(e):
    e.new('--township', '江上乡')
    e.fails(1, 'profile', 'set', 'township', '乡' * 101)
    e.fails(1, 'profile', 'set', 'phone', '1' * 51)
    profile = e.info()['profile']
    check_eq(profile['township'], '江上乡', 'township')
    check_eq(profile['phone'], '', 'phone')


@test
def profile_usage_errors(e):
    e.new('--township', '江上乡')
    before = e.info()['profile']
    e.fails(2, 'profile', 'set', 'colour', 'red')
    e.fails(2, 'profile', 'set', 'Township', 'x')
    e.fails(2, 'profile', 'set', 'township')
    e.fails(2, 'profile', 'set', 'township', 'a', 'b')
    e.fails(2, 'profile', 'get', 'township')
    e.fails(2, 'profile')
    check_eq(e.info()['profile'], before, 'profile after usage errors')


# ---- item list ---------------------------------------------------------------------------------

@test
def item_list_by_number_name_code_and_alias(e):
    e.new()
    by_number = e.items(20)
    check(len(by_number) > 0, 'domain 20 has no items')
    check(all(i['domain'] == 20 for i in by_number), 'items of another domain in domain 20')
    check_eq(e.items('社会救助'), by_number, 'item list 社会救助')
    check_eq(e.items('社会救助及福利'), by_number, 'item list 社会救助及福利 (alias)')
    check_eq(e.items('shehui-jiuzhu'), by_number, 'item list shehui-jiuzhu (code)')
    check_eq(e.items('06'), e.items(6), 'item list 06')
    alias = e.items('征地补偿')
    check(len(alias) > 0, 'alias 征地补偿 lists nothing')
    check(all(i['domain'] == 6 for i in alias), 'alias 征地补偿 is not domain 6')
    check_eq(alias, e.items('农村集体土地征收'), 'item list 征地补偿 vs 农村集体土地征收')


@test
def item_list_text(e):
    e.new()
    items = e.items(20)
    lines = e.ok('item', 'list', '20').out.splitlines()
    check_eq(len(lines), len(items), 'lines of item list 20')
    for line, item in zip(lines, items):
        fields = line.split('\t')
        check_eq(fields[:4], [str(item['id']), str(item['position']), item['level1'],
                              item['level2']], 'text line of item %d' % item['id'])
    check_eq(e.ok('item', 'list', '--json', '20').json(), items, 'item list --json before DOMAIN')


@test
def item_list_errors(e):
    e.new()
    for domain in ('0', '27', '99', '不存在的领域', ''):
        e.fails(1, 'item', 'list', domain)
    e.fails(2, 'item', 'list')
    e.fails(2, 'item', 'list', '6', '7')
    e.fails(2, 'item')
    e.fails(2, 'item', 'show', '6')


# ---- item add ----------------------------------------------------------------------------------

@test
def item_add_with_all_fields(e):
    e.new()
    before = e.info()['domains'][5]['items']
    new_id = e.add_item(
        '征地补偿', '--level1', '征地补偿安置', '--level2', '补偿款发放',
        '--content', '补偿对象、补偿标准、发放金额', '--basis', '《土地管理法》',
        '--time_limit', '发放前公示7日', '--subject', '江上乡人民政府',
        '--note', '村民小组逐户核对', '--mode_active', '1', '--audience_specific', '1',
        '--channels', '政府网站;其他:村广播', '--state', 'confirmed')
    items = e.items(6)
    check_eq(len(items), before + 1, 'items in domain 6')
    item = items[-1]
    check_eq(list(item), ITEM_KEYS, 'keys')
    expected = {
        'id': new_id, 'domain': 6, 'position': items[-2]['position'] + 1,
        'level1': '征地补偿安置', 'level2': '补偿款发放', 'content': '补偿对象、补偿标准、发放金额',
        'basis': '《土地管理法》', 'time_limit': '发放前公示7日', 'subject': '江上乡人民政府',
        'channels_other': '村广播', 'note': '村民小组逐户核对', 'channels': '政府网站;其他',
        'audience_all': False, 'audience_specific': True, 'mode_active': True,
        'mode_request': False, 'level_county': False, 'level_township': True,
        'origin': 'local', 'state': 'confirmed',
    }
    for key, value in expected.items():
        check_eq(item[key], value, key)
    check(re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', item['updated_at']) is not None,
          'updated_at %r' % item['updated_at'])
    check_eq(e.info()['domains'][5]['items'], before + 1, 'info count of domain 6')


@test
def item_add_minimal(e):
    e.new()
    new_id = e.add_item(5, '--level1', '税收宣传', '--level2', '')
    items = e.items(5)
    check_eq([i['id'] for i in items], [new_id], 'items of domain 5')
    item = items[0]
    check_eq((item['level1'], item['level2'], item['content'], item['channels'], item['state']),
             ('税收宣传', '', '', '', 'draft'), 'fields of a minimal item')
    check_eq(item['position'], 1, 'position')
    other = e.add_item(5, '--level1', 'B', '--level2', 'C')
    check(other > new_id, 'ids should grow')
    check_eq(e.items(5)[1]['position'], 2, 'position of the second item')


@test
def item_add_values_starting_with_dashes(e):
    e.new()
    new_id = e.add_item(6, '--level1', '-1', '--level2', '--json', '--content', '-5',
                        '--note', '=SUM(A1:A9)')
    item = e.items(6)[-1]
    check_eq(item['id'], new_id, 'id')
    check_eq((item['level1'], item['level2'], item['content'], item['note']),
             ('-1', '--json', '-5', '=SUM(A1:A9)'), 'values')


@test
def item_add_usage_errors_add_nothing(e):
    e.new()
    before = e.items(6)
    e.fails(2, 'item', 'add')
    e.fails(2, 'item', 'add', '6')
    e.fails(2, 'item', 'add', '6', '--level1', 'X')
    e.fails(2, 'item', 'add', '6', '--level2', 'Y')
    e.fails(2, 'item', 'add', '6', '--level1', '', '--level2', 'Y')
    e.fails(2, 'item', 'add', '6', '--level1', 'X', '--level2')
    e.fails(2, 'item', 'add', '6', '--level1', 'X', '--level2', 'Y', '--colour', 'red')
    e.fails(2, 'item', 'add', '6', '--level1', 'X', '--level2', 'Y', 'content', 'Z')
    e.fails(2, 'item', 'add', '6', '--level1=X', '--level2=Y')
    check_eq(e.items(6), before, 'items of domain 6')


@test
def item_add_refused_value_adds_nothing(e):
    e.new()
    before = e.info()
    before_items = e.items(6)
    e.fails(1, 'item', 'add', '99', '--level1', 'X', '--level2', 'Y')
    e.fails(1, 'item', 'add', '6', '--level1', 'X', '--level2', 'Y', '--mode_active', 'maybe')
    e.fails(1, 'item', 'add', '6', '--level1', 'X', '--level2', 'Y', '--content', 'ok',
            '--channels', '火星')
    e.fails(1, 'item', 'add', '6', '--level1', 'X', '--level2', 'Y', '--state', 'final')
    e.fails(1, 'item', 'add', '6', '--level1', '一' * 201, '--level2', 'Y')
    check_eq(e.items(6), before_items, 'items of domain 6 after refused adds')
    check_eq(e.info(), before, 'info after refused adds')


# ---- item set ----------------------------------------------------------------------------------

@test
def item_set_text_fields_round_trip(e):
    e.new()
    item_id = e.first_item(20)['id']
    values = {
        'level1': '最低生活保障', 'level2': '审批结果', 'content': '保障对象姓名、保障金额',
        'basis': '《社会救助暂行办法》', 'time_limit': '审批后7个工作日内', 'subject': '乡民政所',
        'channels_other': '村务微信群', 'note': '“备注”：含全角标点，以及 emoji 🏮',
    }
    for key, value in values.items():
        r = e.ok('item', 'set', str(item_id), key, value)
        check_eq(r.out, '', 'output of item set')
    item = e.items(20)[0]
    for key, value in values.items():
        check_eq(item[key], value, key)


@test
def item_set_values_that_look_like_options(e):
    e.new()
    item_id = str(e.first_item(6)['id'])
    for value in ('-5', '--json', '--content=x', '-', '--', '=HYPERLINK("x")', '+1', '@SUM(1)',
                  '', '  前后空格  ', '第一行\n第二行\t制表', 'a"b\\c\'d'):
        e.ok('item', 'set', item_id, 'content', value)
        check_eq(e.items(6)[0]['content'], value, 'content')


@test
def item_set_flags(e):
    e.new()
    item_id = str(e.first_item(20)['id'])
    for flag in FLAG_KEYS:
        for value, expected in (('1', True), ('0', False), ('true', True), ('FALSE', False),
                                ('√', True), ('', False)):
            e.ok('item', 'set', item_id, flag, value)
            item = e.items(20)[0]
            check_eq(item[flag], expected, '%s after setting %r' % (flag, value))
        e.ok('item', 'set', item_id, flag, '1')
    item = e.items(20)[0]
    check_eq([item[f] for f in FLAG_KEYS], [True] * len(FLAG_KEYS), 'all flags set')


@test
def item_set_channels(e):
    e.new()
    item_id = str(e.first_item(20)['id'])
    cases = [
        ('政府网站;公开查阅点', '政府网站;公开查阅点', None),
        ('公开查阅点;政府网站', '政府网站;公开查阅点', None),
        (' 政府网站 ; 便民服务站 ;', '政府网站;便民服务站', None),
        ('政府网站;其他:村广播', '政府网站;其他', '村广播'),
        ('其他：村务公开栏', '其他', '村务公开栏'),
        ('社区/企事业单位/村公示栏(电子屏);入户/现场', '入户/现场;社区/企事业单位/村公示栏(电子屏)', None),
        ('', '', None),
    ]
    for value, channels, other in cases:
        e.ok('item', 'set', item_id, 'channels', value)
        item = e.items(20)[0]
        check_eq(item['channels'], channels, 'channels after setting %r' % value)
        if other is not None:
            check_eq(item['channels_other'], other, 'channels_other after setting %r' % value)


@test
def item_set_state(e):
    e.new()
    item_id = str(e.first_item(20)['id'])
    e.ok('item', 'set', item_id, 'state', 'confirmed')
    check_eq(e.items(20)[0]['state'], 'confirmed', 'state')
    e.ok('item', 'set', item_id, 'state', 'draft')
    check_eq(e.items(20)[0]['state'], 'draft', 'state')


@test
def item_set_refused_values_change_nothing(e):
    e.new()
    item_id = str(e.first_item(20)['id'])
    before = e.items(20)
    for field, value in (('mode_active', 'yes'), ('mode_active', '2'), ('level_county', '是'),
                         ('state', 'final'), ('state', 'Confirmed'), ('channels', '火星'),
                         ('channels', '政府网站;电视'), ('level1', '一' * 201),
                         ('content', '字' * 10001), ('note', 'n' * 2001)):
        e.fails(1, 'item', 'set', item_id, field, value)
        check_eq(e.items(20), before, 'items after refusing %s = %r' % (field, value[:20]))
    e.ok('item', 'set', item_id, 'content', '字' * 10000)
    check_eq(e.items(20)[0]['content'], '字' * 10000, 'a 10000-character content')


@test
def item_set_invalid_utf8_is_refused(e):
    e.new()
    item_id = e.first_item(20)['id']
    before = e.items(20)
    r = e.run('item', 'set', str(item_id).encode(), b'content', b'\xff\xfe\xd6\xd0')
    check_eq(r.rc, 1, 'exit status for invalid UTF-8\n' + r.describe())
    check(r.err.strip() != '', 'no message')
    check_eq(e.items(20), before, 'items')


@test
def item_set_unknown_field_is_a_usage_error(e):
    # An unknown field name is a usage error (2), as for "item add --colour" and
    # "profile set colour"; a known field with a bad value is a refused edit (1).
    e.new()
    item_id = str(e.first_item(20)['id'])
    before = e.items(20)
    for field in ('colour', 'id', 'origin', 'position', 'updated_at', 'Content', '--content'):
        e.fails(2, 'item', 'set', item_id, field, 'x')
    e.fails(2, 'item', 'set', '999999', 'colour', 'x')
    check_eq(e.items(20), before, 'items')


@test
def item_set_usage_errors(e):
    e.new()
    item_id = str(e.first_item(20)['id'])
    before = e.items(20)
    for args in (('abc', 'content', 'x'), ('0', 'content', 'x'), ('-1', 'content', 'x'),
                 ('1.5', 'content', 'x'), ('', 'content', 'x'), (item_id, 'content'),
                 (item_id,), (), (item_id, 'content', 'x', 'y')):
        e.fails(2, 'item', 'set', *args)
    check_eq(e.items(20), before, 'items')


@test
def item_set_missing_item_fails(e):
    e.new()
    r = e.fails(1, 'item', 'set', '999999', 'content', 'x')
    check('999999' in r.err, 'the message should name the item\n' + r.describe())


# ---- item delete -------------------------------------------------------------------------------

@test
def item_delete(e):
    e.new()
    new_id = e.add_item(6, '--level1', '临时事项', '--level2', '待删除')
    count = e.info()['domains'][5]['items']
    r = e.ok('item', 'delete', str(new_id))
    check_eq(r.out, '', 'output of item delete')
    check(new_id not in [i['id'] for i in e.items(6)], 'the item is still listed')
    check_eq(e.info()['domains'][5]['items'], count - 1, 'info count of domain 6')
    r = e.fails(1, 'item', 'delete', str(new_id))
    check(str(new_id) in r.err, 'the message should name the item\n' + r.describe())


@test
def item_delete_standard_item_with_reason(e):
    e.new()
    items = e.items(20)
    victim = items[1]
    e.ok('item', 'delete', str(victim['id']), '--reason', '本乡无特困供养机构')
    after = e.items(20)
    check_eq([i['id'] for i in after], [i['id'] for i in items if i['id'] != victim['id']],
             'items of domain 20')
    check_eq(e.info()['domains'][19]['items'], len(items) - 1, 'info count of domain 20')
    # The reason is for the county and no command shows it: read it from the file, read-only.
    db = gktest.read_only_db(e.ws)
    try:
        rows = db.execute('SELECT standard_id, reason FROM standard_deviation').fetchall()
    finally:
        db.close()
    check_eq(rows, [(victim['origin'][len('standard:'):], '本乡无特困供养机构')],
             'recorded deviation')


@test
def item_delete_errors(e):
    e.new()
    before = e.info()
    e.fails(1, 'item', 'delete', '999999')
    e.fails(1, 'item', 'delete', '999999', '--reason', '理由')
    for args in ((), ('abc',), ('0',), ('-3',), ('1', '--reason'), ('1', '--why', 'x'),
                 ('1', '2')):
        e.fails(2, 'item', 'delete', *args)
    check_eq(e.info(), before, 'info after failed deletes')


# ---- domain ------------------------------------------------------------------------------------

@test
def domain_skip_and_include(e):
    e.new()
    r = e.ok('domain', 'skip', '5', '本乡不涉及税收征管')
    check_eq(r.out, '', 'output of domain skip')
    d = e.info()['domains'][4]
    check_eq((d['applicable'], d['not_applicable_reason']), (False, '本乡不涉及税收征管'),
             'domain 5 after skip')
    check('[not applicable]' in e.ok('info').out.splitlines()[13], 'info text of domain 5')
    others = [x for x in e.info()['domains'] if x['number'] != 5]
    check(all(x['applicable'] for x in others), 'another domain was skipped')
    e.ok('domain', 'include', '5')
    d = e.info()['domains'][4]
    check_eq((d['applicable'], d['not_applicable_reason']), (True, '本乡不涉及税收征管'),
             'domain 5 after include (the reason is kept)')
    e.ok('domain', 'skip', '城市综合执法', '乡镇无城市管理职能')
    d = e.info()['domains'][16]
    check_eq((d['applicable'], d['not_applicable_reason']), (False, '乡镇无城市管理职能'),
             'domain 17 skipped by name')
    e.ok('domain', 'skip', '5', '-理由以短横开头')
    check_eq(e.info()['domains'][4]['not_applicable_reason'], '-理由以短横开头', 'reason')


@test
def domain_skip_empty_reason_is_a_usage_error(e):
    e.new()
    before = e.info()
    e.fails(2, 'domain', 'skip', '5', '')
    e.fails(2, 'domain', 'skip', '5', '   ')
    e.fails(2, 'domain', 'skip', '5')
    check_eq(e.info(), before, 'info')


@test
def domain_errors(e):
    e.new()
    before = e.info()
    e.fails(1, 'domain', 'skip', '99', '理由')
    e.fails(1, 'domain', 'include', '不存在的领域')
    for args in ((), ('skip',), ('include',), ('include', '5', 'x'), ('remove', '5'),
                 ('skip', '5', 'a', 'b')):
        e.fails(2, 'domain', *args)
    check_eq(e.info(), before, 'info')


# ---- usage -------------------------------------------------------------------------------------

@test
def usage_errors(e):
    e.new()
    before = read_bytes(e.ws)
    for args, ws in (((), True), ((), False), (('frobnicate',), True), (('INFO',), True),
                     (('--bogus', 'info'), False), (('--json', 'info'), False),
                     (('--workspace',), False), (('-w', e.ws, 'info'), False)):
        e.fails(2, *args, ws=ws)
    check(read_bytes(e.ws) == before, 'the workspace was modified')


@test
def help_and_version(e):
    r = e.run('--help', ws=False)
    check_eq(r.rc, 0, 'exit status of --help')
    check('Usage:' in r.out + r.err, 'no usage\n' + r.describe())
    for command in ('new', 'info', 'standards', 'profile set', 'item list', 'item add',
                    'item set', 'item delete', 'domain skip', 'domain include'):
        check(command in r.out + r.err, 'the usage does not mention ' + command)
    r = e.ok('--version', ws=False)
    check(re.fullmatch(r'gongkai-cli \d+\.\d+\.\d+\n', r.out) is not None, r.describe())


@test
def workspace_equals_form(e):
    r = e.run('--workspace=' + e.ws, 'new', '--township', '江上乡', ws=False)
    check_eq(r.rc, 0, 'exit status\n' + r.describe())
    check_eq(e.info()['profile']['township'], '江上乡', 'township')


# ---- files that are not workspaces ---------------------------------------------------------

MODIFYING = [
    ('info',), ('info', '--json'), ('item', 'list', '6'), ('item', 'set', '1', 'content', 'x'),
    ('item', 'add', '6', '--level1', 'X', '--level2', 'Y'), ('item', 'delete', '1'),
    ('profile', 'set', 'township', '江上乡'), ('domain', 'skip', '5', '理由'),
    ('domain', 'include', '5'),
]


def check_refused_everywhere(e, path, fragment=None):
    before = read_bytes(path) if os.path.isfile(path) else None
    for args in MODIFYING:
        r = e.fails(1, *args, ws=path)
        check(path in r.err, 'the message should name the file\n' + r.describe())
        if fragment is not None:
            check(fragment in r.err, 'the message should say %r\n%s' % (fragment, r.describe()))
        if before is not None:
            check(read_bytes(path) == before, 'the file was modified by %s' % ' '.join(args))
        check_eq(side_files(path), [], 'side files after %s' % ' '.join(args))


@test
def text_file_is_not_a_workspace(e):
    path = e.path('目录.txt')
    with open(path, 'wb') as f:
        f.write(('序号,一级事项,二级事项\n' * 100).encode('utf-8'))
    check_refused_everywhere(e, path, 'not a Gongkai workspace')


@test
def other_sqlite_database_is_not_a_workspace(e):
    path = e.path('other.sqlite')
    db = sqlite3.connect(path)
    db.execute('CREATE TABLE item (id INTEGER PRIMARY KEY, content TEXT)')
    db.execute("INSERT INTO item (content) VALUES ('别的程序的数据')")
    db.commit()
    db.close()
    check_refused_everywhere(e, path, 'another program')


@test
def empty_file_is_not_a_workspace(e):
    path = e.path('empty.gongkai')
    open(path, 'wb').close()
    check_refused_everywhere(e, path)


@test
def truncated_workspace_is_refused(e):
    e.new('--township', '江上乡')
    data = read_bytes(e.ws)
    check(len(data) > 8192, 'the workspace is unexpectedly small (%d bytes)' % len(data))
    path = e.path('cut.gongkai')
    with open(path, 'wb') as f:
        f.write(data[:len(data) // 2 // 4096 * 4096 or 4096])
    check_refused_everywhere(e, path)


@test
def missing_workspace(e):
    path = e.path('missing.gongkai')
    check_refused_everywhere(e, path)
    check(not os.path.exists(path), 'a workspace was created')


@test
def folder_as_workspace(e):
    path = e.path('folder.gongkai')
    os.mkdir(path)
    check_refused_everywhere(e, path)
    e.fails(1, 'new', ws=path)
    check_eq(os.listdir(path), [], 'files created in the folder')


# ---- text ----------------------------------------------------------------------------------

@test
def chinese_text_round_trips_exactly(e):
    e.new('--township', '瑶里镇', '--county', '浮梁县')
    text = '关于“两不愁三保障”的公示：第１期（全角数字），含生僻字𠮷和〇、〔2024〕12号'
    new_id = e.add_item('巩固拓展脱贫攻坚成果', '--level1', '帮扶政策', '--level2', '到户项目',
                        '--content', text, '--channels', '其他：乡村大喇叭')
    item = [i for i in e.items(14) if i['id'] == new_id][0]
    check_eq(item['content'], text, 'content')
    check_eq(item['channels_other'], '乡村大喇叭', 'channels_other')
    e.ok('profile', 'set', 'compiled_by', text[:100])
    check_eq(e.info()['profile']['compiled_by'], text[:100], 'compiled_by')
    line = [l for l in e.ok('item', 'list', '14').out.splitlines()
            if l.startswith('%d\t' % new_id)][0]
    check_eq(line.split('\t')[2:4], ['帮扶政策', '到户项目'], 'text line')


@test
def json_output_is_utf8_whatever_the_locale(e):
    # JSON is UTF-8 by definition: a script run from cron or a container without a locale must
    # get the same bytes as one run from a desktop session.
    e.new('--township', '江上乡')
    env = dict(e.env)
    env['LC_ALL'] = 'C'
    env.pop('LANG', None)
    expected = e.ok('item', 'list', '20', '--json').out_bytes
    r = e.ok('item', 'list', '20', '--json', env=env)
    check(r.out_bytes == expected, 'item list --json differs under LC_ALL=C:\n%s' % r.out[:500])
    check_eq(e.info(env=env)['profile']['township'], '江上乡', 'township under LC_ALL=C')
    lib = e.ok('standards', '--json', env=env, ws=False).json()
    check_eq(lib[19]['name'], '社会救助', 'standards --json under LC_ALL=C')


# ---- main --------------------------------------------------------------------------------------

if __name__ == '__main__':
    sys.exit(gktest.main(TESTS, Env, 'gk-test-cli-'))
