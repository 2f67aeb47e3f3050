"""The Celery app. Tasks live in each app's tasks.py and are autodiscovered;
periodic schedules are django-celery-beat rows, editable in the admin.

The request id of the web request that published a task travels in the
message headers and is put on the task's log lines (`pst_layanan/log.py`)."""

import logging
import os

from celery import Celery
from celery.signals import after_setup_logger, before_task_publish, task_postrun, task_prerun
from django.db.utils import DatabaseError

from pst_layanan import log

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pst_layanan.settings")

app = Celery("pst_layanan")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.on_configure.connect
def _pengaturan_terbaca(sender=None, **kwargs):
    """The worker's and beat's first read of the settings: a missing or malformed
    variable stops them in manage.py's one line, not in a traceback that systemd
    repeats in the journal at every restart."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from pst_layanan.env import pesan_pengaturan

    try:
        settings.INSTALLED_APPS  # noqa: B018  (the first read imports the settings module)
    except ImproperlyConfigured as exc:
        raise SystemExit(pesan_pengaturan(exc)) from None


app.autodiscover_tasks()

before_task_publish.connect(log.tempel_ke_tugas, weak=False, dispatch_uid="pst_log_tempel")
task_prerun.connect(log.mulai_tugas, weak=False, dispatch_uid="pst_log_mulai")
task_postrun.connect(log.selesai_tugas, weak=False, dispatch_uid="pst_log_selesai")
after_setup_logger.connect(log.tingkat_dari_pengaturan, weak=False, dispatch_uid="pst_log_tingkat")


# Options of a daily beat job: its next run is a day away, so a database that
# fails it (a restart, a failover) has it tried again within the hour, 1, 2, 4 …
# 30 minutes apart; the last failure is logged as an error (mailed to ADMINS).
# Every daily job is safe to run twice.
HARIAN = {
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 60,
    "retry_backoff_max": 30 * 60,
    "retry_jitter": False,
    "max_retries": 6,
}


def terbitkan(task, *args, countdown: int | None = None, **kwargs) -> bool:
    """Publish `task` (to run no sooner than `countdown` seconds when given);
    False, with a warning logged, when the broker cannot take
    it. For callers whose own change is already committed: a dead broker must
    not turn their saved work into an error page, and each caller decides what
    the message it could not send means (a sweep, work done here, a failure shown)."""
    try:
        if countdown:
            task.apply_async(args, kwargs, countdown=countdown)
        else:
            task.delay(*args, **kwargs)
    except Exception:
        logging.getLogger(__name__).warning(
            "Broker tidak terjangkau; tugas %s tidak diantrekan.", task.name, exc_info=True
        )
        return False
    return True
