"""Every route the app answers: Django URL patterns and the JSON API's operations.

Pages are named by their URL name (``questions:daily``, ``account_login``). API
operations share URL names across routers (two ``api:today``), so they are named
by their path under /api/v1 as the OpenAPI document writes it, with its leading
slash: ``/questions/{daily_id}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

API_PREFIX = "/api/v1/"

# What a page is probed with besides GET and POST: the methods a browser form never
# sends, which a view must either refuse or treat as harmlessly as GET.
OTHER_METHODS = ("PUT", "PATCH", "DELETE")
PAGE_METHODS = ("GET", "POST", *OTHER_METHODS)

_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_PARAM = re.compile(r"\{(?P<name>\w+)\}")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern: a page by its name, or an API operation by its path."""

    key: str
    pattern: str
    params: tuple[str, ...]
    is_api: bool
    in_schema: bool = True

    def url(self, values: dict[str, str]) -> str:
        missing = [name for name in self.params if name not in values]
        assert not missing, f"{self.key}: no value for {missing}"
        if self.is_api:
            return API_PREFIX + _PARAM.sub(lambda m: values[m["name"]], self.key.lstrip("/"))
        return reverse(self.key, kwargs={name: values[name] for name in self.params})


def _walk(
    patterns: list[Any], prefix: str = "", namespace: str = "", params: tuple[str, ...] = ()
) -> Iterator[tuple[str, URLPattern, str, tuple[str, ...]]]:
    """Each pattern with its full text, namespace and the names of its parameters."""
    for entry in patterns:
        # The compiled pattern knows its parameters, converters and regex groups alike.
        names = params + tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner, names)
        else:
            yield prefix + str(entry.pattern), entry, namespace, names


def _readable(pattern: str) -> str:
    """A pattern as one path: regex parts (allauth, closeness months) as <name>."""
    text = pattern.replace("^", "").replace("$", "")
    return _REGEX_GROUP.sub(lambda m: f"<{m['name']}>", text)


def _ninja_operations(callback: Any) -> list[Any] | None:
    """The operations of a ninja path view, found through the view function's closure.

    ninja wraps each path in a plain function closing over its PathView; None for any
    other view (the OpenAPI document and the docs page).
    """
    for cell in getattr(callback, "__closure__", None) or ():
        operations = getattr(cell.cell_contents, "operations", None)
        if isinstance(operations, list):
            return operations
    return None


def _api_path(pattern: str) -> str:
    """``api/v1/questions/<uuidstr:daily_id>`` as ``/questions/{daily_id}``."""
    inside = _readable(pattern)[len(API_PREFIX) - 1 :]
    return "/" + _CONVERTER.sub(lambda m: "{" + m["name"] + "}", inside)


def all_routes() -> dict[tuple[str, str], Route]:
    """Every (route key, method) the URL configuration answers, with its route.

    Pages get every method in PAGE_METHODS: a plain Django view cannot be asked which
    it accepts, so each is probed and the matrix says what happens.
    """
    found: dict[tuple[str, str], Route] = {}
    for pattern, entry, namespace, params in _walk(get_resolver().url_patterns):
        readable = _readable(pattern)
        if ("/" + readable).startswith(API_PREFIX):
            path = _api_path(pattern)
            operations = _ninja_operations(entry.callback)
            if operations is None:
                # The OpenAPI document and the docs page are plain views: probe them all.
                methods: list[tuple[str, bool]] = [(m, False) for m in PAGE_METHODS]
            else:
                methods = [
                    (method, bool(op.include_in_schema))
                    for op in operations
                    for method in op.methods
                ]
            for method, in_schema in methods:
                # The same path can be mounted twice (ninja's own root view behind
                # ours); the first one is what answers.
                found.setdefault(
                    (path, method),
                    Route(path, readable, params, is_api=True, in_schema=in_schema),
                )
            continue
        assert entry.name, f"give the URL pattern {readable!r} a name, so the matrix can list it"
        name = f"{namespace}:{entry.name}" if namespace else entry.name
        route = Route(name, readable, params, is_api=False)
        for method in PAGE_METHODS:
            found.setdefault((name, method), route)
    return found


def openapi_operations(document: dict[str, Any]) -> set[tuple[str, str]]:
    """Every operation of the OpenAPI document, as (path under /api/v1, method)."""
    return {
        ("/" + path.removeprefix(API_PREFIX), method.upper())
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete", "head", "options"}
    }
