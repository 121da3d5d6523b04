"""Small helpers shared by every app's views: one way to show a refused form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from closeknit.lib.errors import ServiceError


def add_service_error(form: forms.Form, error: ServiceError) -> None:
    """Show a service's refusal next to the field it names (or above the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], *forms_on_page: forms.Form
) -> HttpResponse:
    """Render a page; 422 when any form on it carries errors, so htmx and tests can tell."""
    status = 422 if any(form.is_bound and form.errors for form in forms_on_page) else 200
    return render(request, template, context, status=status)
