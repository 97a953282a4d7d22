"""schema.org ``JobPosting`` of a vacancy (https://schema.org/JobPosting), for job search engines."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .models import Vacancy

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def job_posting(vacancy: Vacancy, *, url: str) -> dict[str, Any]:
    """The JobPosting of ``vacancy`` (its detail page at ``url``). ``validThrough`` is the end of the
    last day for applications in Tashkent time."""
    organization = vacancy.organization
    last_moment = timezone.make_aware(datetime.datetime.combine(vacancy.closes_on, datetime.time(23, 59, 59)))
    posted = vacancy.published_at or timezone.now()
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "MONTH"}
    if vacancy.salary_max:
        value.update(minValue=vacancy.salary_min, maxValue=vacancy.salary_max)
    else:
        value.update(value=vacancy.salary_min)
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "UZ"}
    if vacancy.region is not None:
        address["addressRegion"] = vacancy.region.name
    return {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description or vacancy.title,
        "identifier": {"@type": "PropertyValue", "name": organization.name, "value": str(vacancy.pk)},
        "datePosted": timezone.localdate(posted).isoformat(),
        "validThrough": last_moment.isoformat(),
        "employmentType": vacancy.employment_type,
        "hiringOrganization": {"@type": "Organization", "name": organization.name},
        "jobLocation": {"@type": "Place", "address": address},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "UZS", "value": value},
        "directApply": True,
        "url": url,
    }


def as_script(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` block (data, not code: ``<``, ``>`` and ``&`` escaped
    so nothing in a title can close the tag)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
