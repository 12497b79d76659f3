# What the Python tests of gongkai-cli share: the checks, a command's result, a test's temporary
# folder with its workspace, and the TAP harness. Only the Python standard library is used.
#
# A test program finds this module beside it, whatever the current folder:
#     sys.dont_write_bytecode = True
#     sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
#     import gktest

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.environ.get('GK_CLI') or os.path.join(HERE, '..', 'build', 'src', 'cli', 'gongkai-cli')

N_DOMAINS = 26
TEXT_KEYS = ['level1', 'level2', 'content', 'basis', 'time_limit', 'subject', 'channels_other',
             'note']
FLAG_KEYS = ['audience_all', 'audience_specific', 'mode_active', 'mode_request', 'level_county',
             'level_township']


# ---- checks ------------------------------------------------------------------------------------

class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def shorten(value, limit=1500):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + '…'


def check_eq(actual, expected, what):
    if actual != expected:
        raise Failure('%s: expected %s, got %s' % (what, shorten(expected), shorten(actual)))


# ---- running gongkai-cli -----------------------------------------------------------------------

def cli_env(tmp):
    """The environment of gongkai-cli in a test: its data under @tmp, untranslated messages
    whatever the caller's locale (some checks read them)."""
    env = dict(os.environ)
    env['XDG_DATA_HOME'] = os.path.join(tmp, 'xdg-data')
    env['LC_ALL'] = 'C.UTF-8'
    env.pop('LANGUAGE', None)
    return env


class Result:
    def __init__(self, args, proc):
        self.args = args
        self.rc = proc.returncode
        self.out_bytes = proc.stdout
        self.err_bytes = proc.stderr
        self.out = proc.stdout.decode('utf-8', errors='replace')
        self.err = proc.stderr.decode('utf-8', errors='replace')

    def describe(self):
        return 'gongkai-cli %s → exit %d\nstdout: %s\nstderr: %s' % (
            ' '.join(repr(a) for a in self.args), self.rc, self.out[:2000], self.err[:2000])

    def json(self):
        try:
            return json.loads(self.out_bytes.decode('utf-8'))
        except (ValueError, UnicodeDecodeError) as e:
            raise Failure('output is not valid UTF-8 JSON (%s)\n%s' % (e, self.describe()))


class Env:
    """One test's temporary folder, with a workspace path in it."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.ws = os.path.join(tmp, 'test.gongkai')
        self.env = cli_env(tmp)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, text):
        path = self.path(name)
        with open(path, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        return path

    def run(self, *args, ws=True, env=None, stdin=None):
        argv = [CLI] + (['--workspace', self.ws if ws is True else ws] if ws else []) + list(args)
        proc = subprocess.run(argv, input=stdin.encode('utf-8') if stdin is not None else None,
                              stdin=subprocess.DEVNULL if stdin is None else None,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env or self.env,
                              timeout=60)
        return Result(argv[1:], proc)

    def ok(self, *args, **kwargs):
        r = self.run(*args, **kwargs)
        if r.rc != 0:
            raise Failure('expected exit 0\n' + r.describe())
        return r

    def fails(self, rc, *args, **kwargs):
        """Runs a command that must exit with @rc and say why on stderr (and print nothing)."""
        r = self.run(*args, **kwargs)
        if r.rc != rc:
            raise Failure('expected exit %d\n%s' % (rc, r.describe()))
        check(r.err.strip() != '', 'no message on stderr\n' + r.describe())
        check(r.out == '', 'unexpected output on stdout\n' + r.describe())
        if rc == 2:
            check('Usage:' in r.err, 'usage not shown on stderr\n' + r.describe())
        else:
            check(r.err.startswith('gongkai-cli: ') and 'Usage:' not in r.err,
                  'a refusal should be one clear message, not the usage\n' + r.describe())
        return r

    def items(self, domain):
        return self.ok('item', 'list', str(domain), '--json').json()


_standards = None


def standards():
    """`gongkai-cli standards --json`, read once."""
    global _standards
    if _standards is None:
        proc = subprocess.run([CLI, 'standards', '--json'], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
        if proc.returncode != 0:
            raise Failure('standards --json failed: %s' % proc.stderr.decode('utf-8', 'replace'))
        _standards = json.loads(proc.stdout.decode('utf-8'))
    return _standards


def read_only_db(path):
    return sqlite3.connect('file:%s?mode=ro' % path, uri=True)


def read_bytes(path):
    with open(path, 'rb') as f:
        return f.read()


# ---- TAP ---------------------------------------------------------------------------------------

class Tests(list):
    """A program's tests, in the order of their definitions: `test = TESTS.add` as decorator."""

    def add(self, fn):
        self.append(fn)
        return fn


def report(n, name, run, tracebacks=False):
    """Runs test @n as run() and prints its TAP line: ok (with its `# SKIP …` when run() returns
    a text starting with SKIP) or not ok, followed by why: the message of a Failure (with
    @tracebacks, its traceback too) or the traceback of any other exception. True when it
    passed."""
    try:
        result = run()
    except Failure as e:
        lines = (traceback.format_exc() if tracebacks else str(e)).splitlines()
    except Exception:
        lines = traceback.format_exc().splitlines()
    else:
        if isinstance(result, str) and result.startswith('SKIP'):
            print('ok %d - %s # %s' % (n, name, result))
        else:
            print('ok %d - %s' % (n, name))
        return True
    print('not ok %d - %s' % (n, name))
    for line in lines:
        print('# ' + line)
    return False


def test_name(fn):
    return fn.__name__.replace('_', ' ')


def main(tests, make_env, prefix):
    """Runs each test as fn(make_env(tmp)) in a temporary folder of its own named @prefix…,
    removed after it; prints TAP. Returns the exit status."""
    if not os.access(CLI, os.X_OK):
        print('Bail out! gongkai-cli not found: set GK_CLI (tried %s)' % CLI)
        return 1
    print('1..%d' % len(tests))
    sys.stdout.flush()
    failed = 0
    for n, fn in enumerate(tests, 1):
        tmp = tempfile.mkdtemp(prefix=prefix)
        try:
            if not report(n, test_name(fn), lambda: fn(make_env(tmp))):
                failed += 1
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        sys.stdout.flush()
    if failed:
        print('# %d of %d failed' % (failed, len(tests)))
    return 1 if failed else 0
