"""Retake the README screenshots of Today, signed in as a demo partner.

    .venv/bin/python scripts/readme_screenshots.py

Runs the demo in a throwaway data folder, serves it on 127.0.0.1:8088, signs in as
Alex with Debian's Chromium and saves docs/screenshots/today.png (1280 px wide)
and docs/screenshots/today-phone.png (375 px wide). Nothing in var/ is touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
ADDRESS = "127.0.0.1:8088"
BASE = f"http://{ADDRESS}"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# name: (width, height, whole page?). The phone shot keeps to one screen, as a
# phone shows it: a whole-page shot would strand the fixed tab bar mid-page.
SHOTS = {"today.png": (1280, 900, True), "today-phone.png": (375, 812, False)}


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def _wait_for_server(process: subprocess.Popen[bytes]) -> None:
    for _attempt in range(100):
        if process.poll() is not None:
            raise SystemExit("the development server stopped; is port 8088 free?")
        try:
            with urllib.request.urlopen(f"{BASE}/", timeout=1):  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the development server did not answer in 20 seconds")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="closeknit-readme-") as var_dir:
        os.environ.update(CLOSEKNIT_VAR_DIR=var_dir, UV_PYTHON_DOWNLOADS="never")
        os.environ.pop("DATABASE_URL", None)
        env = dict(os.environ)
        import django

        django.setup()
        from closeknit.today.management.commands.demo import ALEX, DEMO_PASSWORD

        _manage(env, "migrate", "-v0")
        _manage(env, "createcachetable")
        _manage(env, "demo")
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", "--noreload", ADDRESS],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_server(server)
            OUT.mkdir(parents=True, exist_ok=True)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                for name, (width, height, full_page) in SHOTS.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": height},
                        timezone_id=ALEX.timezone,
                        color_scheme="light",
                    )
                    page = context.new_page()
                    page.goto(f"{BASE}/accounts/login/")
                    page.fill("input[name=login]", ALEX.email)
                    page.fill("input[name=password]", DEMO_PASSWORD)
                    page.press("input[name=password]", "Enter")
                    page.wait_for_url(f"{BASE}/today/")
                    page.goto(f"{BASE}/today/")  # once more, without the "logged in" notice
                    page.screenshot(path=str(OUT / name), full_page=full_page)
                    print(f"saved {OUT / name}")
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeknit.settings")
    main()
