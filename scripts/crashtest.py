"""Kill the production server over and over while it takes writes: `make crashtest`.

Starts gunicorn in production mode on SQLite in a temporary folder, signs up two
linked partners over the JSON API, and lets writer threads add answers, replies and
repairs as fast as they can while the server (master and workers) is SIGKILLed at
random moments and started again. Afterwards every write that got a 2xx response
must be stored with its text, and `PRAGMA integrity_check` must say ok. Exits 1
otherwise. The logic lives in closeknit/operations/crashtest.py.

    .venv/bin/python scripts/crashtest.py              # 30 kills, a few minutes
    .venv/bin/python scripts/crashtest.py --kills 5    # the short version CI runs
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from closeknit.operations.crashtest import main

if __name__ == "__main__":
    raise SystemExit(main())
