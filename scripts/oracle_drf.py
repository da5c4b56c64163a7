#!/usr/bin/env python3
"""Ask the real Django REST framework about a project's ModelSerializers (the test oracle for
Django Lens's serializer diagnostics). DRF reports Meta mistakes only when a serializer is
instantiated and its `.fields` are built, not in run_checks(): this script loads the project as
scripts/oracle.py does, imports every installed app's `serializers` module, instantiates each
ModelSerializer subclass defined there and reads `.fields`.

Usage:
  PYTHONPATH=<django+drf dist-packages> /usr/bin/python3 scripts/oracle_drf.py ROOT [--settings M]

Prints {"serializers": [{"class", "file", "line", "error": {"type", "message"} | null}]};
paths relative to ROOT, lines 1-based (the `class` keyword).
"""
import argparse
import contextlib
import importlib
import inspect
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import Oracle, settings_from_manage_py  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--settings")
    ns = parser.parse_args(argv)
    oracle = Oracle(ns.root)
    real_stdout = sys.stdout
    with contextlib.redirect_stdout(sys.stderr):
        oracle.setup(ns.settings or settings_from_manage_py(oracle.root), [])
        from django.apps import apps
        from rest_framework import serializers

        out = []
        for config in apps.get_app_configs():
            if not oracle.rel(config.path):
                continue
            try:
                module = importlib.import_module(config.name + ".serializers")
            except ModuleNotFoundError as exc:
                if exc.name == config.name + ".serializers":
                    continue
                raise
            for name, cls in vars(module).items():
                if not (inspect.isclass(cls) and issubclass(cls, serializers.ModelSerializer)):
                    continue
                if cls.__module__ != module.__name__:
                    continue
                loc = oracle.locate(cls)
                error = None
                try:
                    cls().fields
                except Exception as exc:  # AssertionError, ImproperlyConfigured, TypeError, ...
                    error = {"type": type(exc).__name__, "message": str(exc)}
                out.append({"class": name, "file": loc["file"], "line": loc["line"], "error": error})
    json.dump({"serializers": out}, real_stdout, indent=2)
    real_stdout.write("\n")


if __name__ == "__main__":
    main()
