# Settings are split: base.py holds the common values, dev.py and prod.py extend it.
# Nothing is imported here; pick a module with DJANGO_SETTINGS_MODULE.
