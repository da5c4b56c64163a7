SECRET_KEY = "fixture"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    # MISTAKE: a typo in the AppConfig class name (ShopConfig).
    "shop.apps.ShopConfg",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
ROOT_URLCONF = "proj.urls"
