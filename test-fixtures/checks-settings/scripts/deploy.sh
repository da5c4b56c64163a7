#!/bin/sh
python manage.py showmigrations --database=analytics
