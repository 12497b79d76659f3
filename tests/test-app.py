#!/usr/bin/python3
# Tests of the gongkai program itself, as an officer starts it: the workspace is opened on a
# thread while GTK starts, and the window shows it (or the error page) and draws its first frame.
# Each run uses the hidden --exit-after-startup option: the program quits after its first frame,
# with exit status 0. G_DEBUG=fatal-warnings (set by meson) makes any GLib warning or critical
# abort the program, so a clean exit also means a quiet start.
#
# Run by meson under a display (`meson test -C build --suite ui`), which sets GK_APP and GK_CLI;
# prints TAP. Every test works in its own temporary folder, and XDG_DATA_HOME points there too.

import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gktest  # noqa: E402
from gktest import Failure, check, check_eq  # noqa: E402

APP = os.environ.get('GK_APP') or os.path.join(gktest.HERE, '..', 'build', 'src', 'ui', 'gongkai')
TESTS = gktest.Tests()
test = TESTS.add


class Env(gktest.Env):
    def app(self, *args):
        proc = subprocess.run([APP] + list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=self.env, timeout=120)
        return gktest.Result(['(gongkai)'] + list(args), proc)

    def starts(self, *args):
        r = self.app(*(list(args) + ['--exit-after-startup']))
        if r.rc != 0:
            raise Failure('gongkai did not start and quit cleanly\n' + r.describe())
        return r

    def default_workspace(self):
        return os.path.join(self.env['XDG_DATA_HOME'], 'gongkai', 'workspace.gongkai')


def check_workspace(e, path):
    info = e.ok('info', '--json', ws=path).json()
    check_eq(len(info['domains']), gktest.N_DOMAINS, 'domains of the workspace the app created')


@test
def a_new_workspace_is_created_and_shown(e):
    e.starts('--workspace', e.ws)
    check(os.path.exists(e.ws), 'the workspace was not created')
    check_workspace(e, e.ws)


@test
def the_default_workspace_is_used_without_workspace(e):
    e.starts()
    check(os.path.exists(e.default_workspace()), 'no workspace at %s' % e.default_workspace())
    check_workspace(e, e.default_workspace())


@test
def a_domain_is_opened_by_number_or_name(e):
    e.starts('--workspace', e.ws)
    before = e.ok('info', '--json').json()
    e.starts('--workspace', e.ws, '--domain', '20')
    e.starts('--workspace', e.ws, '--domain', '社会救助')
    e.starts('--workspace', e.ws, '--domain', 'no such domain')
    check_eq(e.ok('info', '--json').json(), before, 'the workspace after opening it three times')


@test
def a_file_that_is_not_a_workspace_shows_the_error_page_and_is_left_alone(e):
    path = e.write('notes.gongkai', '这不是工作区文件\n' * 100)
    before = gktest.read_bytes(path)
    e.starts('--workspace', path)
    check(gktest.read_bytes(path) == before, 'the file was changed')
    beside = sorted(name for name in os.listdir(e.tmp) if name != 'xdg-data')
    check_eq(beside, ['notes.gongkai'], 'files beside it (no journal, -wal or -shm left)')


@test
def version_creates_no_workspace(e):
    r = e.app('--version')
    check_eq(r.rc, 0, 'exit status of --version')
    check(r.out.startswith('gongkai '), 'no version printed\n' + r.describe())
    check(not os.path.exists(e.default_workspace()), '--version created a workspace')


if __name__ == '__main__':
    # As the window tests: no display (the Flatpak build runs the tests without one), no test.
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        print('1..0 # SKIP no display')
        sys.exit(0)
    if not os.access(APP, os.X_OK):
        print('Bail out! gongkai not found: set GK_APP (tried %s)' % APP)
        sys.exit(1)
    sys.exit(gktest.main(TESTS, Env, 'gk-test-app-'))
