"""gunicorn's settings for ORT, read by bin/run (and any deployment): `gunicorn -c
gunicorn.conf.py app:app`. Every value can be set from the environment.

The app keeps no state, so workers and hosts scale freely; long work (exports, PDFs in
bulk, mail) runs on the task queue, so a request never needs a long timeout.
"""

import os
import tempfile

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
#: Processes per host; 2 x cores is gunicorn's rule of thumb.
workers = int(os.environ.get("WORKERS", "2"))
#: `sync` (one request at a time per process) or `gthread` with THREADS per process.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("THREADS", "1"))
#: A request taking longer is killed and logged (the page save and every page stay far below).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
#: On a restart (SIGHUP) or stop (SIGTERM), requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
#: Recycle each process after this many requests (jitter: not all at once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
#: Client (the real one behind ORT_TRUSTED_PROXIES proxies), request, status, bytes,
#: duration in ms, referrer, browser.
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
errorlog = "-"

#: Prometheus metrics of every worker process, added up at /metrics (prometheus_client's
#: multiprocess mode): each process writes its values into files in this folder, set
#: before any worker imports the app. It must be empty when the processes start (bin/run
#: empties it; the default, under the temporary folder, is fresh in each container).
multiproc_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.path.join(
    tempfile.gettempdir(), f"ort-metrics-{os.getuid()}"
)
raw_env = [f"PROMETHEUS_MULTIPROC_DIR={multiproc_dir}"]


def on_starting(server):
    os.makedirs(multiproc_dir, exist_ok=True)


def child_exit(server, worker):
    """A worker process exited (recycled, killed): its live values leave the totals."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
