"""gunicorn for the office's own screens (pst-loket.service).

nginx sends the desk, the counters, the waiting-room display and the monitor
(`/antrian/{meja,datang,tiket,loket,layar,monitor}/`) here and everything
else to pst-web. The two pools share the machine's cores, but a request here
never waits in a queue behind visitors browsing the catalogue: a ticket is
issued and a number shows on the display while the public pages are busy
(measured in `make bench-load`). The settings are those of gunicorn.conf.py
but for the address, the numbers of workers and threads and the name;
override them with GUNICORN_LOKET_BIND, GUNICORN_LOKET_WORKERS and
GUNICORN_LOKET_THREADS in the environment file.
"""

import os
import runpy

_dasar = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gunicorn.conf.py"))
globals().update({k: v for k, v in _dasar.items() if not k.startswith("__")})

bind = os.environ.get("GUNICORN_LOKET_BIND", "127.0.0.1:8002")
bilangan_env = _dasar["bilangan_env"]
workers = bilangan_env("GUNICORN_LOKET_WORKERS", 2)
# Issuing a ticket waits its turn on the service's number row; with more
# threads than desks that wait together, a screen's poll on the same worker
# never waits behind them.
threads = bilangan_env("GUNICORN_LOKET_THREADS", 8)
proc_name = "pst-loket"
# Every waiting-room screen polls once a second: this pool sees many small
# requests, and a worker replaced every couple of thousand of them would make
# the screens and the desk wait for a new worker to load every minute or so.
max_requests = 50000
max_requests_jitter = 5000
