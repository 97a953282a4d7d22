"""Who sits which test: assignments (the interface the vacancies app calls) and attestation campaigns."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import can_access_organization
from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.i18n import localized_value
from core.notifications import notify

from ..errors import AssessmentError, AssessmentErrorCode
from ..models import Campaign, CampaignStatus, TestAssignment, TestStatus
from ..models.campaigns import CAMPAIGN_SOURCE
from ..roles import CAMPAIGN_ROLES
from ..selectors.bank import organization_lineage_q

__all__ = [
    "CAMPAIGN_SOURCE",
    "assignment_remind",
    "campaign_close",
    "campaign_create",
    "campaign_sync",
    "test_assign",
    "test_assignment_close",
]

EVENT_ASSIGNED = "assessment.test_assigned"
EVENT_REMINDER = "assessment.test_reminder"


def _test_names(test: Any) -> dict[str, str]:
    """The test's name in every language of the site (a snapshot for a notification's context)."""
    return {code: localized_value(test, "name", code) for code, _name in settings.LANGUAGES}


def _due(moment: datetime.datetime | None) -> str:
    # Tashkent time with its offset: the templates print it as it is (``as_date`` does not convert).
    return timezone.localtime(moment).isoformat() if moment else ""


def _require_published(test: Any) -> None:
    if test.status != TestStatus.PUBLISHED:
        raise AssessmentError(_("The test %(test)s is not published.") % {"test": test.name},
                              code=AssessmentErrorCode.TEST_NOT_PUBLISHED, field="test")


@transaction.atomic
def test_assign(*, test: Any, user: Any, source_app: str, source_id: str, source_label: str,
                available_until: datetime.datetime | None, actor: Any) -> TestAssignment:
    """Ask ``user`` to sit ``test`` for a source of another app (e.g. ``source_app="vacancies"``,
    ``source_id`` = the application's id). Idempotent per (test, user, source): calling again returns
    the same assignment, with the label and the date by which to take it updated. The taker sees it in
    "My tests"; a passed score banked from a matching test counts (see ``assignment_outcome``)."""
    _require_published(test)
    source_id = str(source_id)
    defaults = {"source_label": source_label[:255], "available_until": available_until, "assigned_by": actor,
                "accepts_banked": True}
    try:
        with transaction.atomic():
            assignment, created = TestAssignment.objects.get_or_create(
                test=test, user=user, source_app=source_app, source_id=source_id, defaults=defaults)
    except IntegrityError:  # a parallel call created it first
        assignment, created = TestAssignment.objects.get(test=test, user=user, source_app=source_app,
                                                         source_id=source_id), False
    if created:
        audit_log("assessment.assignment.created", actor=actor, target=assignment,
                  data={"source_app": source_app, "source_id": source_id, "test": test.code})
    elif (assignment.source_label, assignment.available_until) != (defaults["source_label"], available_until):
        assignment.source_label, assignment.available_until = defaults["source_label"], available_until
        assignment.save(update_fields=["source_label", "available_until", "updated_at"])
    return assignment


test_assign.__test__ = False  # a service about a *test*, not a pytest test


def test_assignment_close(*, source_app: str, source_id: str, actor: Any, now: datetime.datetime | None = None) -> int:
    """The source no longer needs the test (the application was withdrawn, rejected or its vacancy
    cancelled): the assignments made for it can no longer be started from now on ("to be taken by"
    is now; an attempt already open runs to its own deadline, its result is kept but no longer asked
    for). Idempotent; returns how many assignments were closed."""
    now = now or timezone.now()
    open_ones = (TestAssignment.objects.filter(source_app=source_app, source_id=str(source_id))
                 .filter(Q(available_until__isnull=True) | Q(available_until__gt=now)))
    closed = 0
    for assignment in open_ones.select_for_update():
        assignment.available_until = now
        assignment.save(update_fields=["available_until", "updated_at"])
        audit_log("assessment.assignment.closed", actor=actor, target=assignment,
                  data={"source_app": source_app, "source_id": str(source_id)})
        closed += 1
    return closed


def _require_campaign_scope(actor: Any, organization: Any) -> None:
    if not can_access_organization(actor, organization, roles=CAMPAIGN_ROLES):
        raise AssessmentError(
            _("%(organization)s is outside the organisations you run campaigns for.")
            % {"organization": organization.name},
            code=AssessmentErrorCode.CAMPAIGN_OUT_OF_SCOPE, field="organization")


@transaction.atomic
def campaign_create(*, name: str, test: Any, organization: Any, deadline: datetime.datetime, actor: Any,
                    starts_at: datetime.datetime | None = None, now: datetime.datetime | None = None,
                    email: bool = True) -> Campaign:
    """Open an attestation campaign and assign ``test`` to every civil servant in service in
    ``organization``'s subtree who has an account; each is notified (``assessment.test_assigned``;
    ``email=False``: in the inbox only, e.g. demo data). People who join later or get an account while
    the campaign is open are added by :func:`campaign_sync` (daily, and from the campaign page).

    ``actor`` is required: the campaign reads the workforce record with their scope, then and later."""
    now = now or timezone.now()
    if actor is None:
        raise ValueError("a campaign is run by a person (its scope decides who is assigned)")
    _require_campaign_scope(actor, organization)
    _require_published(test)
    if not type(test).objects.filter(organization_lineage_q(organization), pk=test.pk).exists():
        raise AssessmentError(
            _("The test %(test)s belongs to another organisation's bank; choose a national test or one of "
              "%(organization)s.") % {"test": test.name, "organization": organization.name},
            code=AssessmentErrorCode.TEST_OUT_OF_SCOPE, field="test")
    if deadline <= now:
        raise AssessmentError(_("The deadline must be in the future."),
                              code=AssessmentErrorCode.CAMPAIGN_DEADLINE_PAST, field="deadline")
    campaign = Campaign(name=name.strip(), test=test, organization=organization, deadline=deadline,
                        starts_at=starts_at or now, created_by=actor)
    clean_or_raise(campaign, exclude=["created_by"])
    campaign.save()
    added = campaign_sync(campaign=campaign, email=email)
    audit_log("assessment.campaign.created", actor=actor, target=campaign,
              data={"test": test.code, "organization": organization.code, "assigned": added,
                    "deadline": deadline.isoformat()})
    return campaign


def campaign_members(campaign: Campaign):
    """Civil servants in service in the campaign's subtree who have an account, as seen by the
    person who runs the campaign (their scope, never a wider one)."""
    from workforce.models import EmployeeStatus
    from workforce.selectors import employee_list

    return (employee_list(user=campaign.created_by, roles=CAMPAIGN_ROLES)
            .filter(organization__path__startswith=campaign.organization.path, user__isnull=False,
                    status=EmployeeStatus.ACTIVE)
            .order_by())


@transaction.atomic
def campaign_sync(*, campaign: Campaign, email: bool = True) -> int:
    """Assign the campaign's test to members not assigned yet and notify them
    (``assessment.test_assigned``); returns how many were added. Safe to run again and in parallel
    (the campaign row is locked; one assignment per taker, test and campaign)."""
    campaign = (Campaign.objects.select_for_update(of=("self",)).select_related("organization", "created_by")
                .get(pk=campaign.pk))
    if campaign.status != CampaignStatus.OPEN:
        return 0
    assigned = set(campaign.assignments.values_list("user_id", flat=True))
    rows = [
        TestAssignment(test_id=campaign.test_id, user_id=user_id, source_app=CAMPAIGN_SOURCE,
                       source_id=str(campaign.pk), source_label=campaign.name, available_until=campaign.deadline,
                       accepts_banked=False, campaign=campaign, organization_id=organization_id,
                       assigned_by=campaign.created_by)
        for user_id, organization_id in campaign_members(campaign).values_list("user_id", "organization_id")
        if user_id not in assigned
    ]
    TestAssignment.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    if rows:
        audit_log("assessment.campaign.synced", actor=None, target=campaign, data={"added": len(rows)})
        takers = get_user_model().objects.filter(pk__in=[row.user_id for row in rows]).order_by("pk")
        notify(takers.iterator(chunk_size=1000), EVENT_ASSIGNED,
               {"test": _test_names(campaign.test), "campaign": campaign.name, "due": _due(campaign.deadline)},
               link=reverse("assessment:my_tests"), actor=campaign.created_by, email=email)
    return len(rows)


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor: Any) -> Campaign:
    """Stop adding people. Assignments keep their deadline; open attempts may still be finished."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _require_campaign_scope(actor, campaign.organization)
    if campaign.status != CampaignStatus.CLOSED:
        campaign.status = CampaignStatus.CLOSED
        campaign.save(update_fields=["status", "updated_at"])
        audit_log("assessment.campaign.closed", actor=actor, target=campaign)
    return campaign


@transaction.atomic
def assignment_remind(*, assignment: TestAssignment, now: datetime.datetime | None = None) -> bool:
    """Remind the taker that ``assignment`` is due, through the platform's notifications
    (``assessment.test_reminder``: an inbox entry, and an e-mail in their language sent after commit by
    ``core.notification_email`` unless they switched it off). Returns whether a reminder went out.

    The assignment is claimed by a conditional update of its counter first, so two runs of the task
    at once remind once; a taker who cannot be notified (inactive account) is not stamped."""
    now = now or timezone.now()
    if not assignment.user.is_active:
        return False
    claimed = TestAssignment.objects.filter(pk=assignment.pk, reminders_sent=assignment.reminders_sent).update(
        last_reminded_at=now, reminders_sent=F("reminders_sent") + 1)
    if not claimed:
        return False
    notify([assignment.user], EVENT_REMINDER,
           {"test": _test_names(assignment.test), "campaign": assignment.source_label,
            "due": _due(assignment.available_until)},
           link=reverse("assessment:my_tests"))
    audit_log("assessment.assignment.reminded", actor=None, target=assignment, data={"to": assignment.user.username})
    return True
