"""Uploaded files (personal data) are never served straight from MEDIA_URL, whatever DEBUG says:
only views that check access stream them."""

from __future__ import annotations

import importlib

import pytest
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve

from tests.workforce.import_factories import employee_row, table, upload, xlsx_bytes
from workforce.services.imports import import_job_create


@pytest.mark.django_db
def test_an_uploaded_import_file_is_not_served_from_media_url(client, hr_a, settings):
    job = import_job_create(kind="employees", uploaded_file=upload(xlsx_bytes(*table("employees", [employee_row()]))),
                            actor=hr_a)
    job.refresh_from_db()
    stored = job.document.storage_name
    assert (settings.PRIVATE_STORAGE_ROOT / stored).exists()  # kept privately (core.documents)
    client.force_login(hr_a)
    for path in (stored, "private/" + stored, "imports/" + stored.rsplit("/", 1)[-1]):
        response = client.get(settings.MEDIA_URL + path)
        assert response.status_code == 404
        assert b"PK" not in response.content[:4]  # not the xlsx (a zip) itself


def test_no_url_serves_media_even_with_debug_on(settings):
    import config.urls

    try:
        with override_settings(DEBUG=True):
            importlib.reload(config.urls)
            clear_url_caches()
            with pytest.raises(Resolver404):
                resolve(settings.MEDIA_URL + "imports/2026/01/file.xlsx")
    finally:
        importlib.reload(config.urls)
        clear_url_caches()
