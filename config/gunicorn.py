"""Gunicorn settings, used by the Dockerfile, docker-compose.yml and bench/pages.py:

    gunicorn -c config/gunicorn.py config.wsgi:application

Every value can be overridden by the environment variable named beside it."""

import datetime
import gc
import multiprocessing
import os
import re
from pathlib import Path

from gunicorn.glogging import Logger

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
    """Once, in the master, before the first worker is forked (the app is loaded: preload_app).

    1. Work every worker would otherwise do on its first request: the bank-holiday calendar
       imports a few hundred modules on first use (0.35 s) and Django's cached loader compiles
       templates per process (a new worker's first "My work" took 1.8 s in bench/pages.py).
    2. A database connection opened while loading must not be shared by the workers: closed.
    3. Everything allocated so far is moved out of the garbage collector's reach
       (`gc.freeze()`): full collections in the workers no longer walk Django's hundreds of
       thousands of start-up objects (150-190 ms each before, the cause of the p95 spikes in
       issue 9), and the collector no longer writes to those objects, so their memory pages
       stay shared with the master instead of being copied."""
    global _prepared
    if _prepared:
        return
    from django.conf import settings
    from django.db import connections
    from django.template.loader import get_template

    from cases.calendar import WorkingCalendar

    WorkingCalendar().working_day_number(datetime.date(2026, 1, 1), datetime.date.today())
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(folder).rglob("*.html"):
            get_template(str(path.relative_to(folder)))
    connections.close_all()
    gc.collect()
    gc.freeze()
    _prepared = True


_prepared = False

# Gunicorn's control socket is not used (restart the container instead); its one default path
# per user would be shared by every gunicorn that user starts (bench/pages.py, tests).
control_socket_disable = True

# Access log to stdout: the path only (never the query string), with the secrets some paths
# carry (the calendar feed's token, an invitation's, a password-reset key) cut out.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
SECRET_IN_PATH = re.compile(r"^(/calendar/|/invitations/|/accounts/password/reset/key/)[^/]+")


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = SECRET_IN_PATH.sub(r"\1…", atoms.get("U", ""))
        return atoms


logger_class = RedactingLogger
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
