"""gunicorn for PST Layanan (pst-web.service; `gunicorn -c deploy/gunicorn.conf.py pst_layanan.wsgi`).

The worker model is the benchmarked one (`make bench-load`): gthread, 4
workers x 4 threads on 2 cores. Threads keep a slow client or a large
upload from holding a whole process. Override with GUNICORN_BIND,
GUNICORN_WORKERS and GUNICORN_THREADS in the environment file.
"""

import os


def bilangan_env(nama: str, bawaan: int) -> int:
    """A whole number of at least 1 from the environment file, or a stop that
    names the variable (not a bare ValueError traceback in the journal)."""
    nilai = os.environ.get(nama, "").strip() or str(bawaan)
    if not nilai.isdigit() or int(nilai) < 1:
        raise SystemExit(f"{nama}={nilai!r} harus berupa bilangan bulat 1 atau lebih.")
    return int(nilai)


# nginx on the same machine proxies here (deploy/nginx/pst-layanan.conf).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
worker_class = "gthread"
workers = bilangan_env("GUNICORN_WORKERS", 4)
threads = bilangan_env("GUNICORN_THREADS", 4)

# A worker that stops answering its heartbeat for this long is replaced. With
# gthread the heartbeat comes from the main loop, so a long upload in a
# thread does not trip it.
timeout = 60
graceful_timeout = 60
keepalive = 5
# Recycle workers now and then so slow memory growth never builds up.
max_requests = 2000
max_requests_jitter = 200
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The application writes one JSON line per request (pst_layanan/log.py) with
# its request id; gunicorn's own access log would only duplicate it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn's own lines (start, worker boot and timeout) as JSON too, so one
# parser reads the whole journal; the application's LOGGING takes over in
# each worker once Django starts.
logconfig_dict = {
    "formatters": {"json": {"()": "pst_layanan.log.FormatJSON"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {"gunicorn.error": {"handlers": [], "propagate": True}},
}
proc_name = "pst-web"
# systemd manages the process (reload = HUP); no control socket in the home folder.
control_socket_disable = True
