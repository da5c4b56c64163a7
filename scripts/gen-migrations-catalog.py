#!/usr/bin/env python3
"""Print, as JSON, what Django Lens must know of Django's own migrations and abstract models.

For each contrib app: its migration names with dependencies and replaces (the graph's nodes
outside the workspace). For the abstract models users inherit from (AbstractUser, …): the
deconstructed fields, Meta options and migration managers, in Django Lens's normalised value form.

  PYTHONPATH=.cache/django/5.2/usr/lib/python3/dist-packages /usr/bin/python3 \
      scripts/gen-migrations-catalog.py > /tmp/5.2.json
(used by scripts/gen-migrations-catalog.sh to write server/src/analysis/migrations/djangoCatalog.ts)
"""
import json
import sys

sys.dont_write_bytecode = True
import django
from django.conf import settings

CONTRIB = ["admin", "auth", "contenttypes", "sessions", "sites", "flatpages", "redirects"]
settings.configure(
    INSTALLED_APPS=["django.contrib.%s" % a for a in CONTRIB],
    DATABASES={"default": {"ENGINE": "django.db.backends.dummy"}},
)
django.setup()

from django.db import models  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402
from django.utils.functional import Promise  # noqa: E402


def nv(value):
    """The normalised value form of server/src/analysis/migrations/values.ts."""
    if isinstance(value, Promise):
        value = str(value)
    if value is None:
        return {"t": "none"}
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, (int, float)):
        return {"t": "num", "v": repr(value)}
    if isinstance(value, str):
        return {"t": "str", "v": value}
    if isinstance(value, (list, tuple)):
        return {"t": "list" if isinstance(value, list) else "tuple", "items": [nv(v) for v in value]}
    if isinstance(value, dict):
        return {"t": "dict", "entries": [[nv(k), nv(v)] for k, v in value.items()]}
    if isinstance(value, type) or callable(value) and hasattr(value, "__qualname__") and not hasattr(value, "deconstruct"):
        return {"t": "ref", "path": "%s.%s" % (value.__module__, value.__qualname__)}
    if hasattr(value, "deconstruct"):
        dec = value.deconstruct()
        if len(dec) == 4:
            dec = dec[1:]
        path, args, kwargs = dec
        if path.startswith("django.db.models.deletion."):
            return {"t": "ref", "path": path}
        return {"t": "call", "path": path, "args": [nv(a) for a in args],
                "kwargs": [[k, nv(v)] for k, v in sorted(kwargs.items())]}
    raise TypeError(repr(value))


def abstract(model):
    from django.db.migrations.state import ModelState

    fields = []
    for f in model._meta.local_fields + model._meta.local_many_to_many:
        _, path, args, kwargs = f.deconstruct()
        fields.append({"name": f.name, "path": path, "kwargs": {k: nv(v) for k, v in kwargs.items()}})
    meta = {k: nv(v) for k, v in model._meta.original_attrs.items() if k != "abstract"}
    managers = []
    for m in model._meta.local_managers:
        if getattr(m, "use_in_migrations", False):
            _, path, _, args, kwargs = m.deconstruct()
            managers.append({"name": m.name, "value": {"t": "call", "path": path, "args": [nv(a) for a in args],
                             "kwargs": [[k, nv(v)] for k, v in sorted(kwargs.items())]}})
    return {"fields": fields, "meta": meta, "managers": managers}


from django.contrib.auth import base_user  # noqa: E402
from django.contrib.auth import models as auth_models  # noqa: E402

loader = MigrationLoader(None, ignore_no_migrations=True)
apps_out = {}
for (app, name), migration in sorted(loader.disk_migrations.items()):
    apps_out.setdefault(app, []).append({
        "name": name,
        "dependencies": [list(d) for d in migration.dependencies],
        "replaces": [list(r) for r in migration.replaces],
    })
out = {
    "version": django.get_version(),
    "apps": apps_out,
    "abstract": {
        "django.contrib.auth.base_user.AbstractBaseUser": abstract(base_user.AbstractBaseUser),
        "django.contrib.auth.models.PermissionsMixin": abstract(auth_models.PermissionsMixin),
        "django.contrib.auth.models.AbstractUser": abstract(auth_models.AbstractUser),
    },
}
json.dump(out, sys.stdout, indent=1, sort_keys=True)
