#!/usr/bin/python3
# Checks the Flatpak manifest the officers' bundle is built from (flatpak/<app id>.json), as far
# as a machine without Flathub can: the manifest says what CONVENTIONS.md asks of it, and the
# app module's own build — meson, prefix /app — configures, builds and installs every file the
# bundle needs, and the installed programs run. Prints TAP.
#
# Run by meson (`meson test -C build --suite flatpak`), which sets GK_SOURCE_ROOT.

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.environ.get('GK_SOURCE_ROOT') or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APP_ID = 'io.github.gongkai.Gongkai'
MANIFEST = os.path.join(ROOT, 'flatpak', APP_ID + '.json')
FINISH_ARGS = ['--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri']

tests = []


def test(fn):
    tests.append(fn)
    return fn


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def manifest():
    with open(MANIFEST, encoding='utf-8') as f:
        return json.load(f)


def module(name):
    found = [m for m in manifest()['modules'] if isinstance(m, dict) and m.get('name') == name]
    check(len(found) == 1, 'expected one module %r, found %d' % (name, len(found)))
    return found[0]


@test
def the_manifest_is_named_after_the_app_id_it_declares():
    m = manifest()
    check(m.get('id') == APP_ID, 'id is %r' % m.get('id'))
    check(m.get('command') == 'gongkai', 'command is %r' % m.get('command'))


@test
def it_runs_on_the_current_gnome_runtime():
    m = manifest()
    check(m.get('runtime') == 'org.gnome.Platform', 'runtime is %r' % m.get('runtime'))
    check(m.get('sdk') == 'org.gnome.Sdk', 'sdk is %r' % m.get('sdk'))
    check(m.get('runtime-version') in ('51', '50'), 'runtime-version is %r' % m.get('runtime-version'))


@test
def it_asks_for_no_network_and_no_files():
    check(manifest().get('finish-args') == FINISH_ARGS,
          'finish-args are %r, expected exactly %r' % (manifest().get('finish-args'), FINISH_ARGS))


@test
def libxlsxwriter_is_built_from_a_checksummed_release():
    x = module('libxlsxwriter')
    check(x.get('buildsystem') == 'cmake-ninja', 'buildsystem is %r' % x.get('buildsystem'))
    opts = x.get('config-opts', [])
    for opt in ('-DCMAKE_BUILD_TYPE=Release', '-DBUILD_SHARED_LIBS=ON', '-DUSE_DTOA_LIBRARY=ON'):
        check(opt in opts, '%s missing from %r' % (opt, opts))
    sources = x.get('sources', [])
    check(len(sources) == 1 and sources[0].get('type') == 'archive', 'sources are %r' % sources)
    check(sources[0].get('url', '').startswith('https://github.com/jmcnamara/libxlsxwriter/'),
          'url is %r' % sources[0].get('url'))
    check(re.fullmatch(r'[0-9a-f]{64}', sources[0].get('sha256', '')) is not None,
          'sha256 is %r' % sources[0].get('sha256'))
    names = [m.get('name') for m in manifest()['modules']]
    check(names.index('libxlsxwriter') < names.index('gongkai'), 'libxlsxwriter must come first')


@test
def the_app_module_is_this_tree_built_with_meson_and_its_tests():
    g = module('gongkai')
    check(g.get('buildsystem') == 'meson', 'buildsystem is %r' % g.get('buildsystem'))
    check(g.get('run-tests') is True, 'run-tests is %r' % g.get('run-tests'))
    check(manifest()['modules'][-1].get('name') == 'gongkai', 'the app must be the last module')
    sources = g.get('sources', [])
    check(len(sources) == 1 and sources[0].get('type') == 'dir', 'sources are %r' % sources)
    path = os.path.normpath(os.path.join(os.path.dirname(MANIFEST), sources[0].get('path', '')))
    check(os.path.samefile(path, ROOT), 'source dir %s is not the project root %s' % (path, ROOT))


def run(argv, env=None, **kwargs):
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                          timeout=900, **kwargs)
    if proc.returncode != 0:
        raise Failure('%s → exit %d\n%s' % (' '.join(argv), proc.returncode,
                                            proc.stdout.decode('utf-8', 'replace')[-3000:]))
    return proc.stdout.decode('utf-8', 'replace')


@test
def the_app_builds_and_installs_into_app():
    if os.environ.get('FLATPAK_ID'):
        raise Skip('inside flatpak-builder, which is doing this build itself')
    tmp = tempfile.mkdtemp(prefix='gk-check-flatpak-')
    try:
        build, dest = os.path.join(tmp, 'build'), os.path.join(tmp, 'dest')
        # As flatpak-builder configures a meson module (the tests need no display there).
        run(['meson', 'setup', build, ROOT, '--prefix=/app', '--libdir=lib', '--buildtype=release',
             '-Dui_tests=false'])
        run(['ninja', '-C', build])
        env = dict(os.environ, DESTDIR=dest)
        run(['meson', 'install', '-C', build, '--no-rebuild', '--quiet'], env=env)
        app = os.path.join(dest, 'app')
        for path in ('bin/gongkai', 'bin/gongkai-cli',
                     'share/applications/%s.desktop' % APP_ID,
                     'share/metainfo/%s.metainfo.xml' % APP_ID,
                     'share/glib-2.0/schemas/%s.gschema.xml' % APP_ID,
                     'share/icons/hicolor/scalable/apps/%s.svg' % APP_ID,
                     'share/icons/hicolor/symbolic/apps/%s-symbolic.svg' % APP_ID,
                     'share/locale/zh_CN/LC_MESSAGES/gongkai.mo'):
            check(os.path.isfile(os.path.join(app, path)), '%s was not installed' % path)
        desktop = configparser.ConfigParser(interpolation=None)
        desktop.read(os.path.join(app, 'share/applications/%s.desktop' % APP_ID), encoding='utf-8')
        check(desktop['Desktop Entry'].get('Exec', '').split()[0] == 'gongkai',
              'the desktop file runs %r' % desktop['Desktop Entry'].get('Exec'))
        check(desktop['Desktop Entry'].get('Icon') == APP_ID, 'icon %r' % desktop['Desktop Entry'].get('Icon'))
        version = run([os.path.join(app, 'bin/gongkai'), '--version'])
        check(version.startswith('gongkai '), '--version printed %r' % version)
        standards = json.loads(run([os.path.join(app, 'bin/gongkai-cli'), 'standards', '--json'],
                                   env=dict(os.environ, LC_ALL='C.UTF-8')))
        check(len(standards) == 26, 'the installed CLI sees %d domains' % len(standards))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    print('1..%d' % len(tests))
    failed = 0
    for n, fn in enumerate(tests, 1):
        name = fn.__name__.replace('_', ' ')
        try:
            fn()
        except Skip as e:
            print('ok %d - %s # SKIP %s' % (n, name, e))
        except Exception as e:  # noqa: BLE001 — a test's own error is its failure
            failed += 1
            print('not ok %d - %s' % (n, name))
            for line in str(e).splitlines() or [repr(e)]:
                print('# ' + line)
        else:
            print('ok %d - %s' % (n, name))
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
