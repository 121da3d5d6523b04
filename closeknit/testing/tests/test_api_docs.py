"""The API docs page works offline and under our content security policy."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from django.contrib.staticfiles import finders
from django.test import Client

DOCS = "/api/v1/docs"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.script_bodies: list[str] = []
        self.settings_text = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in = "script"
            self.script_bodies.append("")
        elif attributes.get("id") == "swagger-settings":
            self._in = "settings"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.script_bodies[-1] += data
        elif self._in == "settings":
            self.settings_text += data


def _docs():
    response = Client().get(DOCS)
    assert response.status_code == 200
    page = _Page()
    page.feed(response.content.decode())
    return response, page


def test_the_docs_page_has_no_inline_script():
    _response, page = _docs()
    assert page.script_bodies, "the page should load Swagger UI's scripts"
    assert all(not body.strip() for body in page.script_bodies), page.script_bodies
    for tag, attributes in page.tags:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)


def test_the_docs_page_loads_everything_from_our_own_static_files():
    _response, page = _docs()
    urls = [
        attributes.get("src") or attributes.get("href") or ""
        for tag, attributes in page.tags
        if tag in {"script", "link"}
    ]
    assert len(urls) >= 3
    for url in urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), f"{url} is not a static file"


def test_the_docs_page_is_served_under_the_strict_policy():
    response, _page = _docs()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_swagger_ui_finds_its_settings_where_the_page_puts_them():
    _response, page = _docs()
    assert json.loads(page.settings_text)["url"] == "/api/v1/openapi.json"
    init_script = finders.find("ninja/swagger-ui-init.js")
    assert init_script
    with open(init_script, encoding="utf-8") as script:
        assert 'document.getElementById("swagger-settings").textContent' in script.read()


def test_the_document_the_page_points_to_is_served():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Closeknit API"
