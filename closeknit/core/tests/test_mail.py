"""E-mail leaves through the task queue, sealed while it waits, and is retried with care."""

from __future__ import annotations

import logging
import smtplib
import socket
from datetime import timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks import default_task_backend

from closeknit.accounts.models import User
from closeknit.core.mail import RETRY_DELAYS, deliver_email, open_message

QUEUED = "closeknit.core.mail.QueuedEmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def queued_mail(settings):
    """The production mail path, with a test outbox as the delivery backend."""
    settings.EMAIL_BACKEND = QUEUED
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    return settings


@pytest.fixture
def held_tasks(queued_mail):
    """Tasks are kept, not run: what the worker would find in the queue."""
    queued_mail.TASKS = DUMMY_TASKS
    backend: Any = default_task_backend
    backend.clear()
    yield backend
    backend.clear()


def _message(**overrides):
    fields: dict[str, Any] = {
        "subject": "Reset your Closeknit password",
        "body": "Open https://closeknit.example.org/reset/abc to choose a new one.",
        "from_email": "Closeknit <closeknit@example.org>",
        "to": ["river@example.com"],
        "reply_to": ["help@example.org"],
        "headers": {"X-Closeknit-Kind": "reset"},
    }
    fields.update(overrides)
    message = mail.EmailMultiAlternatives(**fields)
    message.attach_alternative("<p>Open the <a href='#'>link</a></p>", "text/html")
    return message


def test_a_queued_message_waits_sealed_and_the_worker_sends_it_whole(held_tasks):
    sent = _message().send()

    assert sent == 1
    assert mail.outbox == [], "nothing is sent inside the request"
    [waiting] = held_tasks.results
    [sealed] = waiting.args
    assert sealed.startswith("ck1:")
    for secret in ("river@example.com", "Reset your", "/reset/abc", "help@example.org"):
        assert secret not in str(waiting.args), secret

    deliver_email.call(*waiting.args, **waiting.kwargs)

    [delivered] = mail.outbox
    assert isinstance(delivered, mail.EmailMultiAlternatives)
    assert delivered.subject == "Reset your Closeknit password"
    assert delivered.to == ["river@example.com"]
    assert delivered.reply_to == ["help@example.org"]
    assert delivered.from_email == "Closeknit <closeknit@example.org>"
    assert delivered.extra_headers["X-Closeknit-Kind"] == "reset"
    assert "/reset/abc" in delivered.body
    assert delivered.alternatives[0][1] == "text/html"


def test_a_sealed_message_opens_only_as_a_queued_e_mail(held_tasks):
    from closeknit.lib.crypto import DecryptionError
    from closeknit.lib.fields import keyring

    _message().send()
    [sealed] = held_tasks.results[0].args
    plaintext = keyring().open(sealed, context="closeknit.core.mail:deliver_email")
    moved = keyring().seal(plaintext, context="questions_answer.body:1")

    with pytest.raises(DecryptionError):
        open_message(moved)


def test_a_message_without_recipients_is_not_queued(held_tasks):
    assert _message(to=[], reply_to=[]).send() == 0
    assert held_tasks.results == []


def test_attachments_are_refused_rather_than_dropped(held_tasks):
    message = _message()
    message.attach("notes.txt", "private", "text/plain")

    with pytest.raises(ValueError, match="attachments"):
        message.send()
    assert held_tasks.results == []


@pytest.mark.django_db
def test_allauth_mail_goes_through_the_task_and_arrives(queued_mail):
    queued_mail.TASKS = IMMEDIATE_TASKS
    user = User.objects.create_user("river@example.com", "a long and lovely passphrase")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    enqueued = []
    from django_tasks.signals import task_enqueued

    def remember(sender, task_result, **kwargs):
        enqueued.append(task_result.task.name)

    task_enqueued.connect(remember)
    try:
        response = Client().post("/accounts/password/reset/", {"email": "river@example.com"})
    finally:
        task_enqueued.disconnect(remember)

    assert response.status_code == 302
    assert enqueued == ["deliver_email"]
    [delivered] = mail.outbox
    assert delivered.to == ["river@example.com"]
    assert "/accounts/password/reset/key/" in delivered.body


def test_an_unreachable_server_means_another_try_later_and_a_log_without_addresses(
    held_tasks, caplog, settings
):
    settings.EMAIL_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()  # nothing listens there
    settings.EMAIL_USE_TLS = False
    _message().send()
    [first] = held_tasks.results
    before = timezone.now()

    with caplog.at_level(logging.WARNING), pytest.raises(ConnectionRefusedError):
        deliver_email.call(*first.args)

    retry = held_tasks.results[-1]
    assert retry is not first
    assert retry.args == [first.args[0], 2]
    assert retry.task.run_after is not None
    wait = retry.task.run_after - before
    assert RETRY_DELAYS[0] <= wait < RETRY_DELAYS[0] + timedelta(seconds=30)
    assert "trying again in 1 min" in caplog.text
    assert "river@example.com" not in caplog.text


def test_after_the_last_attempt_it_gives_up(held_tasks, caplog, settings):
    settings.EMAIL_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()
    settings.EMAIL_USE_TLS = False
    _message().send()
    [first] = held_tasks.results
    last_attempt = len(RETRY_DELAYS) + 1

    with caplog.at_level(logging.ERROR), pytest.raises(ConnectionRefusedError):
        deliver_email.call(first.args[0], last_attempt)

    assert len(held_tasks.results) == 1, "no further attempt is queued"
    assert f"attempt {last_attempt}" in caplog.text
    assert "giving up" in caplog.text


class _Refusing:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 No such mailbox"


def test_a_refused_recipient_is_not_retried(held_tasks, caplog, settings):
    port = _free_port()
    controller = Controller(_Refusing(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    try:
        _message().send()
        [first] = held_tasks.results
        with caplog.at_level(logging.ERROR), pytest.raises(smtplib.SMTPRecipientsRefused):
            deliver_email.call(*first.args)
    finally:
        controller.stop()

    assert len(held_tasks.results) == 1
    assert "SMTPRecipientsRefused" in caplog.text
    assert "giving up" in caplog.text
