SECRET_KEY = "fixture"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "rest_framework",
    "accounts",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "accounts.middleware.AuthMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "accounts.backends.EmailBackend",
    "accounts.backends.PhoneBackend",
]
WSGI_APPLICATION = "proj.wsgi.app"
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.IsOwner", "accounts.permissions.Nope"],
    "DEFAULT_PAGINATION_CLASS": "accounts.pagination.Pages",
}
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"},
    "users": {"ENGINE": "django.db.backends.postgres", "NAME": "users"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
