"""Attempts: what was drawn and shown (frozen at the start), what the taker answered, the grade.

The engine's guarantees live in ``assessment.services.attempts``; the schema carries the parts the
database can enforce: one open attempt per person and test, one slot per question of an attempt,
scores within 0–100."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .bank import Question, Section
from .campaigns import TestAssignment
from .tests import Test


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")


class FinishReason(models.TextChoices):
    TAKER = "taker", _("Finished by the taker")
    DEADLINE = "deadline", _("Time ran out")


class Attempt(models.Model):
    """One sitting of a test by one person. ``deadline`` is the server's (start + time limit, never
    later than the end of the test's window or of the assignment); saves are accepted until
    ``deadline`` + the grace period (60 s). ``pass_mark`` and ``settings_snapshot`` freeze what decides
    and shows the result, so later edits of the blueprint change nothing here."""

    assignment = models.ForeignKey(TestAssignment, verbose_name=_("test assignment"), on_delete=models.PROTECT,
                                   related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("taker"), on_delete=models.PROTECT,
                             related_name="test_attempts")
    test = models.ForeignKey(Test, verbose_name=_("test"), on_delete=models.PROTECT, related_name="attempts")
    organization = models.ForeignKey("workforce.Organization", verbose_name=_("organisation"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+",
                                     help_text=_("The taker's organisation for a campaign's attempt."))
    number = models.PositiveSmallIntegerField(_("attempt number"), default=1)
    state = models.CharField(_("state"), max_length=12, choices=AttemptState.choices,
                             default=AttemptState.IN_PROGRESS)
    language = models.CharField(_("language"), max_length=8, default="uz")
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    finish_reason = models.CharField(_("finished because"), max_length=12, choices=FinishReason.choices,
                                     blank=True, default="")
    pass_mark = models.DecimalField(_("pass mark"), max_digits=5, decimal_places=2)
    settings_snapshot = models.JSONField(_("test settings when started"), default=dict)
    marks = models.DecimalField(_("marks"), max_digits=8, decimal_places=4, null=True, blank=True)
    max_marks = models.DecimalField(_("maximum marks"), max_digits=8, decimal_places=2, default=0)
    score = models.DecimalField(_("score (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address at the start"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "test"], condition=Q(state="in_progress"),
                                    name="as_attempt_one_open_per_user_test"),
            models.CheckConstraint(condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                                   name="as_attempt_score_range"),
            models.CheckConstraint(condition=Q(deadline__gt=models.F("started_at")),
                                   name="as_attempt_deadline_after_start"),
            models.CheckConstraint(
                condition=Q(state="in_progress", finished_at__isnull=True)
                | Q(state="finished", finished_at__isnull=False, score__isnull=False),
                name="as_attempt_finished_has_score",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "deadline"], name="as_attempt_state_deadline_idx"),
            models.Index(fields=["user", "test", "passed"], name="as_attempt_user_test_idx"),
            models.Index(fields=["test", "state"], name="as_attempt_test_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.test} — {self.user} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == AttemptState.IN_PROGRESS


class AttemptSlot(models.Model):
    """A question as this attempt showed it, and the taker's answer.

    ``snapshot`` is exactly what was shown: ``{"text": {lang: ...}, "options": [{"id", "text": {...}}]}``
    with the options in the order shown. ``key`` holds the fraction of each option and never leaves the
    server before the attempt is finished. ``sequence`` is the highest client sequence number stored:
    a save with a lower or equal number changes nothing. ``credit`` (0..1) is empty until the attempt is
    graded; a graded slot refuses saves (the save's UPDATE re-checks it on the row it waits for)."""

    attempt = models.ForeignKey(Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField(_("place in the attempt"))
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+")
    question_version = models.PositiveIntegerField(_("question version"))
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=16)
    scoring = models.CharField(_("scoring"), max_length=16)
    marks = models.DecimalField(_("marks"), max_digits=5, decimal_places=2)
    snapshot = models.JSONField(_("as shown"))
    option_ids = models.JSONField(_("option ids"))
    key = models.JSONField(_("answer key"))
    selected = models.JSONField(_("chosen options"), default=list)
    flagged = models.BooleanField(_("flagged for review"), default=False)
    sequence = models.BigIntegerField(_("last sequence number"), default=0)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    credit = models.DecimalField(_("credit"), max_digits=6, decimal_places=5, null=True, blank=True)
    marks_awarded = models.DecimalField(_("marks awarded"), max_digits=8, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        ordering = ["attempt_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="as_slot_unique_question"),
            models.UniqueConstraint(fields=["attempt", "position"], name="as_slot_unique_position"),
            models.CheckConstraint(condition=Q(credit__isnull=True) | (Q(credit__gte=0) & Q(credit__lte=1)),
                                   name="as_slot_credit_range"),
        ]
        indexes = [models.Index(fields=["question"], name="as_slot_question_idx")]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.position}"


class SelectedChoice(models.Model):
    """One option chosen in a graded slot (written when the attempt is finished): the item analysis
    counts distractor choices with SQL over these rows."""

    slot = models.ForeignKey(AttemptSlot, on_delete=models.CASCADE, related_name="chosen")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+", db_index=False)
    choice_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("chosen option")
        verbose_name_plural = _("chosen options")
        indexes = [models.Index(fields=["question", "choice_id"], name="as_selected_question_idx")]

    def __str__(self) -> str:
        return f"{self.slot_id}:{self.choice_id}"


class AttemptSectionScore(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="section_scores")
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="+")
    marks = models.DecimalField(_("marks"), max_digits=8, decimal_places=4)
    max_marks = models.DecimalField(_("maximum marks"), max_digits=8, decimal_places=2)
    score = models.DecimalField(_("score (0–100)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("section score")
        verbose_name_plural = _("section scores")
        ordering = ["attempt_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "section"], name="as_section_score_unique"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=100), name="as_section_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.section_id}: {self.score}"


class EventKind(models.TextChoices):
    STARTED = "started", _("Attempt started")
    PAGE_OPENED = "page_opened", _("Page opened or reloaded")
    FOCUS_LOST = "focus_lost", _("Window lost focus")
    FOCUS_BACK = "focus_back", _("Window got focus back")
    TAB_HIDDEN = "tab_hidden", _("Tab hidden (switched away)")
    TAB_VISIBLE = "tab_visible", _("Tab visible again")
    OFFLINE = "offline", _("Network lost")
    ONLINE = "online", _("Network back")
    FINISHED = "finished", _("Attempt finished")


CLIENT_EVENT_KINDS = (EventKind.FOCUS_LOST, EventKind.FOCUS_BACK, EventKind.TAB_HIDDEN, EventKind.TAB_VISIBLE,
                      EventKind.OFFLINE, EventKind.ONLINE)
"""Events a taker's browser may report (the others are recorded by the server)."""


class AttemptEvent(models.Model):
    """What a proctor reviews: focus losses, tab switches, reloads, and the address of each."""

    attempt = models.ForeignKey(Attempt, verbose_name=_("attempt"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=16, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("recorded"))
    client_at = models.DateTimeField(_("time on the taker's device"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("attempt event")
        verbose_name_plural = _("attempt events")
        ordering = ["attempt_id", "occurred_at", "id"]
        indexes = [models.Index(fields=["attempt", "occurred_at"], name="as_event_attempt_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%H:%M:%S}"
