"""Age and length-of-service bands and exact ages computed in SQL on a date equal Python's, for any
birth date, service start and as-of date hypothesis picks (leap days included)."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory, make_organization, make_staff_position
from workforce.models import Assignment, Employee
from workforce.selectors import CompositionScope, composition_on
from workforce.validators import make_pinfl

from .test_composition_selectors import age_band, completed_years, service_band

D = datetime.date
births = st.dates(min_value=D(1955, 1, 1), max_value=D(2006, 12, 31))
starts = st.one_of(st.none(), st.dates(min_value=D(1975, 1, 1), max_value=D(2026, 12, 31)))
on_dates = st.one_of(st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31)),
                     st.sampled_from([D(2024, 2, 29), D(2025, 2, 28), D(2025, 3, 1), D(2028, 2, 29)]))


@pytest.mark.django_db
def test_bands_and_ages_match_python():
    admin = UserFactory(is_superuser=True)
    organization = make_organization(code="PROP")
    position = make_staff_position(organization, rate_units="100.00")

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(people=st.lists(st.tuples(births, starts, st.sampled_from("MF")), min_size=1, max_size=8), on=on_dates)
    def check(people, on):
        with transaction.atomic():
            for n, (birth, start, sex) in enumerate(people):
                employee = Employee.objects.create(pinfl=make_pinfl(birth, sex, 500, n + 1), last_name="X",
                                                   first_name="Y", birth_date=birth, sex=sex,
                                                   civil_service_start=start)
                Assignment.objects.create(employee=employee, staff_position=position, organization=organization,
                                          start_date=D(2020, 1, 1))
            got = composition_on(CompositionScope(user=admin, organization=organization), on=on)
            ages = [completed_years(birth, on) for birth, _start, _sex in people]
            want_bands: dict[str, int] = {}
            for age in ages:
                want_bands[age_band(age)] = want_bands.get(age_band(age), 0) + 1
            want_service: dict[str, int] = {}
            for _birth, start, _sex in people:
                key = service_band(start, on)
                want_service[key] = want_service.get(key, 0) + 1
            assert {c.key: c.count for c in got.breakdowns["by_age_band"] if c.count} == want_bands
            assert {c.key: c.count for c in got.breakdowns["by_service_band"] if c.count} == want_service
            assert got.average_age == round(sum(ages) / len(ages), 1)
            transaction.set_rollback(True)

    check()
