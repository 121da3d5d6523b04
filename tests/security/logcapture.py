"""Reading everything the app logs, at every level, in the places it ends up."""

from __future__ import annotations

import io
import logging

import pytest
from django.db import connection


class AllLogs:
    """Every logger at DEBUG, SQL with its parameters included, read in two places:
    pytest's caplog, and the streams of the app's own log handlers (the console that
    settings.LOGGING sets up), which are pointed at a buffer meanwhile.

    A logger that passes nothing on and has no handler of its own writes nowhere,
    so what it would say is, rightly, not found."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self.caplog = caplog
        self.stream = io.StringIO()
        self._levels: dict[logging.Logger, int] = {}
        self._streams: list[tuple[logging.StreamHandler[io.StringIO], object, int]] = []

    def __enter__(self) -> AllLogs:
        self.caplog.set_level(logging.DEBUG)
        loggers = [logging.getLogger(), *logging.root.manager.loggerDict.values()]
        for logger in loggers:
            if isinstance(logger, logging.Logger):
                self._levels[logger] = logger.level
                logger.setLevel(logging.DEBUG)
        handlers = {h for logger in self._levels for h in logger.handlers}
        for handler in handlers:
            # pytest's own handlers stay as they are; the app's are redirected.
            if _is_pytests(handler):
                continue
            if isinstance(handler, logging.StreamHandler):
                old = handler.setStream(self.stream)
                self._streams.append((handler, old, handler.level))
                handler.setLevel(logging.DEBUG)
        assert self._streams, "the app's console log handler is gone: nothing to read"
        connection.force_debug_cursor = True
        return self

    def __exit__(self, *exc: object) -> None:
        connection.force_debug_cursor = False
        for handler, old, level in self._streams:
            handler.setStream(old)  # type: ignore[arg-type]
            handler.setLevel(level)
        for logger, level in self._levels.items():
            logger.setLevel(level)

    def text(self) -> str:
        """All the log output: each record some handler of the app would write (pytest
        also hangs its own handlers on loggers that pass nothing on), formatted with
        its traceback, and all the app's handlers wrote."""
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        written = [formatter.format(r) for r in self.caplog.records if _written(r)]
        return "\n".join([*written, self.stream.getvalue()])


def _is_pytests(handler: logging.Handler) -> bool:
    return type(handler).__module__.startswith("_pytest")


def _written(record: logging.LogRecord) -> bool:
    """Whether a handler that is not pytest's takes the record, as logging would."""
    logger: logging.Logger | None = logging.getLogger(record.name)
    while logger is not None:
        for handler in logger.handlers:
            if not _is_pytests(handler) and record.levelno >= handler.level:
                return True
        if not logger.propagate:
            return False
        logger = logger.parent
    return False
