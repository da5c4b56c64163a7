#!/usr/bin/env python3
"""Ask the real Django about a project and print the answer as JSON (the test oracle).

Usage:
  PYTHONPATH=<django dist-packages> /usr/bin/python3 scripts/oracle.py COMMAND ROOT [ARGS...]
      [--settings MODULE] [--path EXTRA]...

ROOT is the folder holding manage.py. COMMAND is one of:
  project                what Django loaded: settings module, ROOT_URLCONF, database aliases, apps
  checks                 django.core.checks.run_checks() (no deployment checks), with file/line
  migrations             what `makemigrations --check --dry-run` would write, per app; a broken
                         graph gives {"graphError": {"type", "message"}}, conflicting leaves
                         add "conflictMessage" (makemigrations' error, first line)
  urls                   every leaf URL pattern in resolution order, with the view's location
  resolve PATH...        django.urls.resolve() for each path
  templates NAME...      the file the template engine loads for each name, and the candidates

Paths in the output are relative to ROOT; anything outside ROOT (Django's own files) is null.
Lines are 1-based. Every answer carries "oracle": {"django": version, "substitutedEngines": {...}}.
A database ENGINE whose driver is missing (psycopg, MySQLdb, ...) is replaced by Django's dummy
backend before setup (Django touches the default connection while building models), and listed
under "substitutedEngines". If loading the project raises, the answer is {"crash": {...}}.
Standard library and Django only; user code's own prints go to stderr.
"""
import argparse
import contextlib
import importlib
import inspect
import json
import os
import re
import sys
import traceback

sys.dont_write_bytecode = True  # never leave __pycache__ in the fixtures

COMMANDS = ("project", "checks", "migrations", "urls", "resolve", "templates")
SETDEFAULT_RE = re.compile(
    r"""os\.environ\.setdefault\(\s*['"]DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]\s*\)"""
)


class Oracle:
    def __init__(self, root):
        self.root = os.path.realpath(root)

    # ---- paths and locations -------------------------------------------------------------
    def rel(self, path):
        """Path relative to the project root (POSIX separators), or None when outside it."""
        if not path:
            return None
        real = os.path.realpath(path)
        if real == self.root or real.startswith(self.root + os.sep):
            return os.path.relpath(real, self.root).replace(os.sep, "/")
        return None

    @staticmethod
    def keyword_line(obj, keyword_re):
        """1-based line of the `def`/`class` keyword of obj (skipping decorators)."""
        try:
            lines, start = inspect.getsourcelines(obj)
        except (OSError, TypeError):
            code = getattr(obj, "__code__", None)
            return code.co_firstlineno if code else None
        for offset, text in enumerate(lines):
            if keyword_re.match(text):
                return start + offset
        return start

    def locate(self, obj):
        """{"file", "line", "symbol", "module"} for a class or function."""
        try:
            source = inspect.getsourcefile(obj)
        except TypeError:
            source = None
        file = self.rel(source)
        if inspect.isclass(obj):
            keyword = re.compile(r"^\s*class\b")
        else:
            keyword = re.compile(r"^\s*(async\s+)?def\b")
        return {
            "file": file,
            "line": self.keyword_line(obj, keyword) if file else None,
            "symbol": getattr(obj, "__qualname__", getattr(obj, "__name__", None)),
            "module": getattr(obj, "__module__", None),
        }

    @staticmethod
    def unwrap_view(callback):
        """The class or function a URL callback really runs."""
        seen = set()
        obj = callback
        while id(obj) not in seen:
            seen.add(id(obj))
            if getattr(obj, "view_class", None) is not None:  # Django's as_view()
                obj = obj.view_class
            elif getattr(obj, "cls", None) is not None and not inspect.isclass(obj):  # DRF
                obj = obj.cls
            elif getattr(obj, "__wrapped__", None) is not None:  # functools.wraps decorators
                obj = obj.__wrapped__
            elif hasattr(obj, "func") and not inspect.isclass(obj) and not inspect.isfunction(obj):
                obj = obj.func  # functools.partial
            elif inspect.ismethod(obj):
                obj = obj.__func__
            else:
                break
        return obj

    def view_location(self, callback):
        try:
            return self.locate(self.unwrap_view(callback))
        except Exception:  # a view the oracle cannot place
            return None

    def crash(self, exc):
        """{"type", "message", "file", "line"}: the last traceback frame inside the project."""
        file = line = None
        if isinstance(exc, SyntaxError) and self.rel(exc.filename):
            file, line = self.rel(exc.filename), exc.lineno
        else:
            for frame in traceback.extract_tb(exc.__traceback__):
                if self.rel(frame.filename):
                    file, line = self.rel(frame.filename), frame.lineno
        return {"type": type(exc).__name__, "message": str(exc), "file": file, "line": line}

    # ---- loading ---------------------------------------------------------------------------
    def setup(self, settings_module, extra_paths):
        for path in reversed([self.root] + [os.path.join(self.root, "src")] + extra_paths):
            if os.path.isdir(path) and path not in sys.path:
                sys.path.insert(0, os.path.abspath(path))
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
        import django
        from django.conf import settings

        self.substituted = {}
        for alias, db in settings.DATABASES.items():
            engine = db.get("ENGINE") or "django.db.backends.dummy"
            try:
                importlib.import_module(engine + ".base")
            except Exception as exc:  # missing driver: ImproperlyConfigured / ImportError
                self.substituted[alias] = {"engine": engine, "reason": str(exc)}
                db["ENGINE"] = "django.db.backends.dummy"
        django.setup()

    def meta(self):
        import django

        return {"django": django.get_version(), "substitutedEngines": self.substituted}

    # ---- commands --------------------------------------------------------------------------
    def cmd_project(self, args):
        from django.apps import apps
        from django.conf import settings

        return {
            "settingsModule": os.environ["DJANGO_SETTINGS_MODULE"],
            "rootUrlconf": getattr(settings, "ROOT_URLCONF", None),
            "databases": list(settings.DATABASES),
            "apps": [
                {"label": c.label, "name": c.name, "path": self.rel(c.path)}
                for c in apps.get_app_configs()
            ],
        }

    def check_location(self, obj):
        from django.db import models

        if isinstance(obj, models.Field) and getattr(obj, "model", None) is not None:
            field_re = re.compile(r"^\s+%s\s*[:=]" % re.escape(obj.name))
            for cls in obj.model.__mro__:
                if not (isinstance(cls, type) and issubclass(cls, models.Model)):
                    continue
                try:
                    lines, start = inspect.getsourcelines(cls)
                    source = inspect.getsourcefile(cls)
                except (OSError, TypeError):
                    continue
                for offset, text in enumerate(lines):
                    if field_re.match(text):
                        return self.rel(source), start + offset
            obj = obj.model
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            return None, None  # None, strings, instances (managers, URL patterns, ...)
        loc = self.locate(obj)
        return loc["file"], loc["line"]

    def cmd_checks(self, args):
        from django.core import checks

        levels = {
            checks.DEBUG: "DEBUG",
            checks.INFO: "INFO",
            checks.WARNING: "WARNING",
            checks.ERROR: "ERROR",
            checks.CRITICAL: "CRITICAL",
        }
        try:
            messages = checks.run_checks(include_deployment_checks=False)
        except Exception as exc:
            return {"crash": self.crash(exc)}
        out = []
        for m in messages:
            if m.is_silenced():
                continue
            try:
                file, line = self.check_location(m.obj)
            except Exception:
                file = line = None
            out.append({
                "id": m.id,
                "level": levels.get(m.level, str(m.level)),
                "msg": m.msg,
                "hint": m.hint,
                "obj": None if m.obj is None else str(m.obj),
                "file": file,
                "line": line,
            })
        return {"checks": out}

    def cmd_migrations(self, args):
        from django.apps import apps
        from django.db.migrations.autodetector import MigrationAutodetector
        from django.db.migrations.loader import MigrationLoader
        from django.db.migrations.operations.fields import FieldOperation
        from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
        from django.db.migrations.state import ProjectState

        from django.db.migrations.exceptions import CircularDependencyError, NodeNotFoundError

        try:
            loader = MigrationLoader(None, ignore_no_migrations=True)
        except (NodeNotFoundError, CircularDependencyError, ValueError) as exc:
            # build_graph() raises: makemigrations fails with this message before comparing.
            return {"graphError": {"type": type(exc).__name__, "message": str(exc)}}
        conflicts = loader.detect_conflicts()
        questioner = NonInteractiveMigrationQuestioner(
            specified_apps=None, dry_run=True,
            log=lambda *a, **k: print(*a, file=sys.stderr),
        )
        autodetector = MigrationAutodetector(
            loader.project_state(), ProjectState.from_apps(apps), questioner
        )
        try:
            changes = autodetector.changes(graph=loader.graph)
        except SystemExit as exc:  # the questioner gives up (e.g. non-null field, no default)
            return {"error": {"type": "SystemExit", "code": exc.code,
                              "message": "makemigrations would stop and ask for input"}}
        out = []
        for config in apps.get_app_configs():
            label = config.label
            if label not in loader.migrated_apps and label not in changes:
                continue
            pending = []
            for migration in changes.get(label, []):
                for op in migration.operations:
                    model = getattr(op, "model_name", None) or getattr(op, "name", None)
                    item = {"operation": type(op).__name__,
                            "model": model.lower() if isinstance(model, str) else None}
                    if isinstance(op, FieldOperation):
                        item["field"] = op.name
                    pending.append(item)
            out.append({
                "app": label,
                "leaves": sorted(name for _, name in loader.graph.leaf_nodes(label)),
                "conflicts": sorted(conflicts.get(label, [])),
                "pending": pending,
            })
        result = {"apps": out}
        if conflicts:  # makemigrations' CommandError, first line (app order as Django's dict has it)
            result["conflictMessage"] = (
                "Conflicting migrations detected; multiple leaf nodes in the migration graph: (%s)."
                % "; ".join("%s in %s" % (", ".join(names), app) for app, names in conflicts.items())
            )
        return result

    @staticmethod
    def urlconf_key(resolver):
        module = getattr(resolver, "urlconf_name", None)
        if isinstance(module, (list, tuple)) or module is None:
            return None
        return getattr(module, "__name__", module)

    def walk(self, resolver, depth=0, stack=()):
        """Yield (route, namespaces, URLPattern) for every leaf, in resolution order."""
        from django.urls import URLPattern

        stack = stack + (self.urlconf_key(resolver),)
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLPattern):
                yield str(pattern.pattern), [], pattern
            else:
                key = self.urlconf_key(pattern)
                if depth > 50 or (key is not None and key in stack):
                    # include cycle: Django would recurse forever; report it and go on
                    self.cycles.append({"route": str(pattern.pattern), "urlconf": key})
                    continue
                for route, namespaces, leaf in self.walk(pattern, depth + 1, stack):
                    ns = [pattern.namespace] if pattern.namespace else []
                    yield self.join_route(str(pattern.pattern), route), ns + namespaces, leaf

    @staticmethod
    def join_route(route1, route2):  # as django.urls.resolvers.URLResolver._join_route
        if not route1:
            return route2
        return route1 + (route2[1:] if route2.startswith("^") else route2)

    def cmd_urls(self, args):
        from django.urls import get_resolver

        out = []
        self.cycles = []
        for route, namespaces, leaf in self.walk(get_resolver()):
            name = ":".join(namespaces + [leaf.name]) if leaf.name else None
            out.append({"route": route, "name": name, "view": self.view_location(leaf.callback)})
        result = {"urls": out}
        if self.cycles:  # the route here is the include's own pattern, not the joined prefix
            result["cycles"] = self.cycles
        return result

    def cmd_resolve(self, args):
        from django.urls import Resolver404, resolve

        out = []
        for path in args:
            try:
                match = resolve(path)
            except Resolver404:
                out.append({"path": path, "match": None})
                continue
            out.append({"path": path, "match": {
                "route": match.route,
                "name": match.view_name if match.url_name else None,
                "view": self.view_location(match.func),
                "kwargs": {k: str(v) if not isinstance(v, (int, float, bool)) else v
                           for k, v in match.kwargs.items()},
            }})
        return {"resolved": out}

    def cmd_templates(self, args):
        from django.template import TemplateDoesNotExist, engines
        from django.template.loader import get_template

        out = []
        for name in args:
            try:
                origin = get_template(name).origin.name
                file = self.rel(origin)
                external = None if file else origin
            except TemplateDoesNotExist:
                file = external = None
            candidates, external_candidates = [], []
            for engine in engines.all():
                loaders = getattr(getattr(engine, "engine", None), "template_loaders", [])
                for loader in loaders:
                    for origin in loader.get_template_sources(name):
                        if isinstance(origin.name, str) and os.path.isfile(origin.name):
                            rel = self.rel(origin.name)
                            (candidates if rel else external_candidates).append(
                                rel or origin.name)
            out.append({"name": name, "file": file, "candidates": candidates,
                        "external": {"file": external, "candidates": external_candidates}})
        return {"templates": out}


def settings_from_manage_py(root):
    manage = os.path.join(root, "manage.py")
    try:
        with open(manage, encoding="utf-8", errors="replace") as fh:
            match = SETDEFAULT_RE.search(fh.read())
    except OSError:
        return None
    return match.group(1) if match else None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("root")
    parser.add_argument("args", nargs="*")
    parser.add_argument("--settings")
    parser.add_argument("--path", action="append", default=[])
    ns = parser.parse_args(argv)

    oracle = Oracle(ns.root)
    settings_module = ns.settings or settings_from_manage_py(oracle.root)
    real_stdout = sys.stdout
    result = None
    with contextlib.redirect_stdout(sys.stderr):
        if not settings_module:
            result = {"error": {"type": "NoSettingsModule",
                                "message": "manage.py names no settings module; use --settings"}}
        else:
            try:
                oracle.setup(settings_module, [os.path.abspath(p) for p in ns.path])
            except Exception as exc:
                result = {"crash": oracle.crash(exc)}
            if result is None:
                result = getattr(oracle, "cmd_" + ns.command)(ns.args)
                result["oracle"] = oracle.meta()
    json.dump(result, real_stdout, indent=2)
    real_stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
