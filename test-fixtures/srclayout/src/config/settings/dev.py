from .base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]

INSTALLED_APPS += ["django.contrib.admindocs"]

MIDDLEWARE.insert(0, "django.contrib.admindocs.middleware.XViewMiddleware")

DATABASES["default"]["NAME"] = os.environ.get("DEV_DB", str(BASE_DIR.parent / "dev.sqlite3"))

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
