"""Outgoing e-mail, sent by the background worker instead of inside the request.

EMAIL_BACKEND is ``QueuedEmailBackend``: whatever sends mail (allauth's adapter,
``django.core.mail.send_mail``, anything added later) only queues a ``deliver_email``
task, so a slow or unreachable mail server never holds up a page. The worker
(``manage.py db_worker``) then hands the message to EMAIL_DELIVERY_BACKEND, the real
one (SMTP, or the console in development). In development and tests the task backend
runs tasks at once, so mail still goes out during the request.

A queued message waits in the database, and it holds addresses, names and sign-in
links. It is sealed with the encryption keys while it waits, like everything else
people write.
"""

from __future__ import annotations

import json
import logging
import smtplib
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

from closeknit.lib.fields import keyring

logger = logging.getLogger(__name__)

SEAL_CONTEXT = "closeknit.core.mail:deliver_email"
# Waits before each new attempt when the mail server could not take a message.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)


def seal_message(message: EmailMessage) -> str:
    if message.attachments:
        # Nothing sends attachments today; refuse rather than drop them without a word.
        raise ValueError("queued e-mail does not carry attachments")
    alternatives = getattr(message, "alternatives", [])
    fields = {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "alternatives": [[str(content), str(mimetype)] for content, mimetype in alternatives],
    }
    return keyring().seal(json.dumps(fields), context=SEAL_CONTEXT)


def open_message(sealed: str) -> EmailMultiAlternatives:
    fields = json.loads(keyring().open(sealed, context=SEAL_CONTEXT))
    message = EmailMultiAlternatives(
        subject=fields["subject"],
        body=fields["body"],
        from_email=fields["from_email"],
        to=fields["to"],
        cc=fields["cc"],
        bcc=fields["bcc"],
        reply_to=fields["reply_to"],
        headers=fields["headers"],
    )
    message.content_subtype = fields["content_subtype"]
    for content, mimetype in fields["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


class QueuedEmailBackend(BaseEmailBackend):
    """Queue each message for the worker; the real sending happens in ``deliver_email``."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(seal_message(message))
            queued += 1
        return queued


def _is_permanent(error: Exception) -> bool:
    # 5xx answers (no such mailbox, refused sender) will not change by waiting.
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return True
    return isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600


def _retry_later(sealed: str, attempt: int, error: Exception) -> None:
    # Only the kind of error is logged: the message text names the recipient.
    kind = type(error).__name__
    backend_defers = deliver_email.get_backend().supports_defer
    if _is_permanent(error) or attempt > len(RETRY_DELAYS) or not backend_defers:
        logger.error("An e-mail could not be sent (attempt %d, %s); giving up.", attempt, kind)
        return
    delay = RETRY_DELAYS[attempt - 1]
    deliver_email.using(run_after=timezone.now() + delay).enqueue(sealed, attempt + 1)
    logger.warning(
        "An e-mail could not be sent (attempt %d, %s); trying again in %d min.",
        attempt,
        kind,
        delay.total_seconds() // 60,
    )


@task()
def deliver_email(sealed: str, attempt: int = 1) -> None:
    message = open_message(sealed)
    connection: Any = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.send_messages([message])
    except OSError as error:  # smtplib.SMTPException is an OSError too
        _retry_later(sealed, attempt, error)
        raise
