"""Staff sessions end after a while idle and after an absolute lifetime.

Django alone offers one lifetime counted from the session's last save. Here the
session records when it started and when it was last seen; a request after
``SESSION_IDLE_SECONDS`` of silence, or ``SESSION_COOKIE_AGE`` after the log-in,
logs the user out (recorded as an expired log-out) and carries on anonymous, so
the admin asks for the password again. "Last seen" is written at most once a
minute, so staff pages do not pay a session write on every request.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout

STARTED = "coopdb_session_started"
SEEN = "coopdb_session_seen"
SEEN_RESOLUTION = 60


def start_session_clock(session, now: float):
    session[STARTED] = now
    session[SEEN] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            self._check(request, session, time.time())
        return self.get_response(request)

    def _check(self, request, session, now: float):
        started, seen = session.get(STARTED), session.get(SEEN)
        if started is None or seen is None:
            start_session_clock(session, now)  # a session from before this rule
        elif now - seen > settings.SESSION_IDLE_SECONDS or now - started > settings.SESSION_COOKIE_AGE:
            request.coopdb_session_expired = True
            logout(request)
        elif now - seen >= SEEN_RESOLUTION:
            session[SEEN] = now
