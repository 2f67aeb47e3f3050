"""Optional error reporting to Sentry, on when SENTRY_DSN is set.

sentry-sdk is not in requirements.txt: install it on the server that uses
it (`.venv/bin/pip install sentry-sdk`). Personal data is not sent
(send_default_pii off): no user e-mail, no cookies, no request bodies.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured


def pasang_sentry(dsn: str, lingkungan: str) -> None:
    try:
        import sentry_sdk
        from sentry_sdk.integrations.celery import CeleryIntegration
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        raise ImproperlyConfigured(
            "SENTRY_DSN diisi, tetapi paket sentry-sdk belum terpasang: .venv/bin/pip install sentry-sdk"
        ) from None
    sentry_sdk.init(
        dsn=dsn,
        environment=lingkungan,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0,
    )
