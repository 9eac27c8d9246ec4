"""Gunicorn settings, used by the Dockerfile, docker-compose.yml and bench/pages.py:

    gunicorn -c config/gunicorn.py config.wsgi:application

Every value can be overridden by the environment variable named beside it."""

import datetime
import gc
import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Synchronous workers, 2 per core plus one: a request spends about as long waiting for
# PostgreSQL as running Python, so two processes per core keep the cores busy; more only
# queue for the same cores and raise memory (bench/pages.py, docs/benchmarks.md).
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"

# A page answers in well under a second; PDFs render in Celery, not here. 30 s is the limit
# past which a stuck worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5  # seconds; behind the TLS proxy, connections are reused

# Replace each worker after a few thousand requests (jittered, so not all at once): a bound on
# any slow growth of memory.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500

# Load the application once in the master, then fork: the workers share its memory pages...
preload_app = True


def pre_fork(server, worker):
    # Work every worker would otherwise do on its first request, done once in the master and
    # shared: the bank-holiday calendar imports a few hundred modules on first use (0.35 s,
    # the 1.8 s first "My work" of a new worker in bench/pages.py with the rest).
    # Likewise the compiled templates (Django's cached loader keeps them per process).
    global _warm
    if _warm:
        return
    from django.conf import settings
    from django.template.loader import get_template

    from cases.calendar import WorkingCalendar

    WorkingCalendar().working_day_number(datetime.date(2026, 1, 1), datetime.date.today())
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(folder).rglob("*.html"):
            get_template(str(path.relative_to(folder)))
    _warm = True


_warm = False


def post_fork(server, worker):
    # ...and a full garbage collection no longer walks the hundreds of thousands of objects
    # Django and the libraries made at start-up: freezing them took full collections from
    # 150-190 ms to about 30 ms (issue 9), the cause of the p95 spikes.
    gc.freeze()


accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
