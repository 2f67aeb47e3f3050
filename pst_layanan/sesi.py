"""Sessions in the database, found only by a key of the kind Django issues."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS

_KARAKTER_KUNCI = frozenset(VALID_KEY_CHARS)


class SessionStore(db.SessionStore):
    """A cookie can carry any character (a quoted value's octal escape gives
    even NUL), and PostgreSQL refuses NUL in a query: every page, the error
    page too, would answer 500 to that browser. A key holding a character
    Django never issues is treated as no session, as an unknown key is."""

    def _validate_session_key(self, key):
        return super()._validate_session_key(key) and _KARAKTER_KUNCI.issuperset(key)
