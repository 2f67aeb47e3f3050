"""The Celery app. Tasks live in each app's tasks.py and are autodiscovered;
periodic schedules are django-celery-beat rows, editable in the admin."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")

app = Celery("pst_layanan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
