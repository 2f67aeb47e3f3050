"""Helpers the benchmark scripts share (each sets Django up first)."""


def kunci_sesi(user) -> str:
    """A logged-in session of `user`, saved in the session store: its key."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    sesi = SessionStore()
    sesi[SESSION_KEY] = str(user.pk)
    sesi[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sesi[HASH_SESSION_KEY] = user.get_session_auth_hash()
    sesi.save()
    return sesi.session_key
