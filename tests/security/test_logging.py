"""What the app writes to its logs never holds what people wrote.

Found by the canary test: on a failed variable lookup Django's template engine
logs the whole template context at DEBUG, decrypted answers and notes included,
so a host who turned CLOSEKNIT_LOG_LEVEL up to DEBUG would have had couples'
words in the log. settings.LOGGING keeps that logger silent.
"""

from __future__ import annotations

import secrets

from django.template import engines

from tests.security.logcapture import AllLogs


def test_a_failed_template_lookup_never_logs_the_context(logs: AllLogs) -> None:
    words = f"canary-{secrets.token_hex(6)}"
    template = engines["django"].from_string("{{ answer.text }} {{ answer.label }}")

    rendered = template.render({"answer": {"text": words}})

    assert words in rendered, "the context was rendered"
    assert words not in logs.text()


def test_the_app_still_logs_at_debug(logs: AllLogs) -> None:
    """The control: the capture above does see what the app logs."""
    import logging

    words = f"control-{secrets.token_hex(6)}"
    logging.getLogger("closeknit").debug("control %s", words)
    assert logs.text().count(words) >= 2, "seen in caplog and in the app's own handler"
