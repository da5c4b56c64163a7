from .base import *  # noqa: F401,F403

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "blog.example.com").split(",")

INSTALLED_APPS += ["django.contrib.humanize", "django.contrib.sitemaps"]

MIDDLEWARE.insert(1, "django.middleware.gzip.GZipMiddleware")

DATABASES["default"]["NAME"] = os.environ.get("DB_PATH", "/var/lib/blog/db.sqlite3")

SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
