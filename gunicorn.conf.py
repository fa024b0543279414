"""gunicorn settings, read by ``gunicorn coopdb.wsgi`` from the working directory.

Every value can be changed from the environment; keep ``GUNICORN_TIMEOUT``
the same for gunicorn and the app: the app sets PostgreSQL's statement
time-out a little below it (coopdb/settings.py), so a slow query is cancelled
(and answered 503) before the worker is killed.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request running longer than this kills its worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On restart (SIGTERM, SIGHUP), running requests get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Behind the reverse proxy's keep-alive.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak never grows unbounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
# Time ([day/month/year:hh:mm:ss zone]), client, request, status, bytes, duration in
# milliseconds, referrer, user agent. The client is the proxy's address unless
# the proxy is trusted (forwarded_allow_ips).
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
