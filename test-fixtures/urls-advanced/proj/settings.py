"""URL-heavy fixture: nested includes, namespaces, converters, regexes, i18n, DRF routers."""
SECRET_KEY = "django-insecure-urls-advanced-fixture"
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "blog",
    "catalog",
    "api",
]

MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "proj.urls"
USE_I18N = True
LANGUAGE_CODE = "en-us"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
