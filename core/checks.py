"""System checks of the platform settings."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def private_storage_is_private(app_configs, **kwargs):
    private = Path(settings.PRIVATE_STORAGE_ROOT).resolve()
    public = [Path(p).resolve() for p in (settings.MEDIA_ROOT, getattr(settings, "STATIC_ROOT", None)) if p]
    for folder in public:
        if private == folder or folder in private.parents:
            return [Error(f"PRIVATE_STORAGE_ROOT ({private}) lies inside {folder}, which the web server may "
                          "serve publicly.", hint="Point PRIVATE_STORAGE_ROOT outside MEDIA_ROOT and STATIC_ROOT.",
                          id="core.E001")]
    return []
