#!/usr/bin/env python
"""A manage.py that names no settings module.

DJANGO_SETTINGS_MODULE must come from the environment or from --settings
(for example: python manage.py check --settings web.settings).
"""
import sys

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
