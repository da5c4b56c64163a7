from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-midedit-fixture"
DEBUG = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    # MISTAKE: missing app. The midedit package exists but midedit/blog/ does not.
    "midedit.blog",
    "pages",
    "news",
]

MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    # MISTAKE: typo. midedit/middleware.py defines TimingMiddleware (two d's).
    "midedit.middleware.TimingMidleware",
]

ROOT_URLCONF = "midedit.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
