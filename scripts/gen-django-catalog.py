"""Prints the Django catalogue that server/src/project/djangoCatalog.ts embeds: built-in apps with
their AppConfig classes and labels, and middleware/auth-backend classes, from a real Django.
Run with PYTHONPATH pointing at a Django (see get-django.sh); the test suite checks the catalogue
still matches."""
import importlib, inspect, json, pkgutil, sys
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["django.contrib.%s" % a for a in "admin admindocs auth contenttypes flatpages humanize messages redirects sessions sitemaps sites staticfiles syndication".split()])
django.setup()
from django.apps import AppConfig

apps = {}
classes = []
for m in pkgutil.iter_modules(importlib.import_module("django.contrib").__path__):
    name = "django.contrib." + m.name
    try:
        mod = importlib.import_module(name + ".apps")
    except Exception:
        continue
    for cname, cls in inspect.getmembers(mod, inspect.isclass):
        if issubclass(cls, AppConfig) and cls is not AppConfig and cls.__module__ == mod.__name__:
            label = getattr(cls, "label", None) or cls.name.rpartition(".")[2]
            apps.setdefault(name, {"configs": {}})["configs"][f"{mod.__name__}.{cname}"] = {"label": label, "name": cls.name, "default": getattr(cls, "default", None)}
def scan(modname):
    try:
        mod = importlib.import_module(modname)
    except Exception:
        return
    for cname, cls in inspect.getmembers(mod, inspect.isclass):
        if cls.__module__ == modname:
            classes.append(f"{modname}.{cname}")
for m in pkgutil.iter_modules(importlib.import_module("django.middleware").__path__):
    scan("django.middleware." + m.name)
for name in list(apps):
    for sub in ("middleware", "backends"):
        scan(f"{name}.{sub}")
scan("django.contrib.auth.backends")
print(json.dumps({"version": django.get_version(), "apps": apps, "classes": sorted(set(classes))}, indent=1, sort_keys=True))
