"""Sign the benchmark's people in and count the SQL queries of each request.

Run by scripts/bench.py in a process of its own, with the production server's
environment and database. The sign-in is ``manage.py seed_bench_login``'s (a session
and an API token for partner A of each measured couple). Then each request goes
through the whole middleware stack with Django's test client, carrying that session
cookie or token: once to warm the process up, as a running worker is, then again
with the queries captured. Nothing is added to the production code paths.

Reads ``{"endpoints": [{"name", "path", "api"}], "labels": [...]}`` as JSON on stdin
(``{daily}`` in a path is the couple's daily question of today) and writes JSON on
stdout: the cookie's name, each couple's credentials, and per couple and endpoint
the status and number of queries.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def run(endpoints: list[dict[str, Any]], labels: list[str]) -> dict[str, Any]:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from closeknit.today.management.commands.seed_bench_login import credentials

    couples = {label: credentials(label) for label in labels}
    counted: dict[str, dict[str, Any]] = {}
    for label, person in couples.items():
        # As the load generator sends them: a cookie to pages, a token (alone) to the API.
        browser = Client(HTTP_HOST="127.0.0.1")
        browser.cookies[settings.SESSION_COOKIE_NAME] = person["session"]
        app = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {person['token']}")
        for endpoint in endpoints:
            path = endpoint["path"].format(daily=person["daily_id"])
            client = app if endpoint["api"] else browser
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            counted.setdefault(label, {})[endpoint["name"]] = {
                "status": response.status_code,
                "queries": len(captured.captured_queries),
                "sql": [query["sql"][:500] for query in captured.captured_queries],
            }
    return {"cookie": settings.SESSION_COOKIE_NAME, "couples": couples, "counted": counted}


def main() -> int:
    request = json.load(sys.stdin)
    json.dump(run(request["endpoints"], request["labels"]), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
