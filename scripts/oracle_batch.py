#!/usr/bin/env python3
"""Runs oracle.py's `migrations` command on many project folders in one Python process.

Usage: PYTHONPATH=<django> /usr/bin/python3 scripts/oracle_batch.py ROOT...
Prints one JSON object: {ROOT: answer, ...}. Django is imported once; each folder is then
evaluated in a forked child (Django's app registry cannot be set up twice in one process), so a
few hundred mutants take seconds, not minutes.
"""
import contextlib
import io
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402
import django  # noqa: E402,F401
import django.db.migrations.autodetector  # noqa: E402,F401
import django.db.migrations.loader  # noqa: E402,F401
import django.db.models  # noqa: E402,F401  (imports most of the ORM up front)


def run_child(root):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        oracle.main(["migrations", root])
    return out.getvalue()


def main(roots):
    results = {}
    for root in roots:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            try:
                text = run_child(root)
            except BaseException as exc:  # noqa: BLE001 - report anything as a crash
                text = json.dumps({"crash": {"type": type(exc).__name__, "message": str(exc)}})
            with os.fdopen(w, "w") as fh:
                fh.write(text)
            os._exit(0)
        os.close(w)
        with os.fdopen(r) as fh:
            text = fh.read()
        os.waitpid(pid, 0)
        try:
            results[root] = json.loads(text)
        except ValueError:
            results[root] = {"crash": {"type": "NoOutput", "message": text[:500]}}
    json.dump(results, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
