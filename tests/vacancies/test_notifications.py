"""Every stage change notifies the candidate: in-app, and by e-mail in their language after commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation

from core.models import Notification
from core.notifications import render_part
from tests.factories import make_vacancy
from vacancies.models import ApplicationEvent, Stage
from vacancies.services import (
    application_admit,
    application_reject,
    application_submit,
    application_withdraw,
    vacancy_cancel,
)

from .conftest import make_candidate, take_to_interview

pytestmark = pytest.mark.django_db
EVENT = "vacancies.stage_changed"


def stage_notifications(user):
    return Notification.objects.filter(recipient=user, event=EVENT).order_by("id")


def test_each_stage_change_notifies_once_with_the_next_step(tree):
    vacancy = make_vacancy(tree["A"], title="Bosh yuriskonsult")
    candidate = make_candidate()
    application = application_submit(vacancy=vacancy, candidate=candidate, actor=candidate.user)
    application_admit(application=application, actor=None)
    notes = list(stage_notifications(candidate.user))
    assert [n.context["stage"]["en"] for n in notes] == ["Submitted", "Admitted to the competition"]
    assert notes[1].link == f"/cabinet/#application-{application.pk}"
    with translation.override("uz"):
        headline, detail = render_part(notes[1], "inapp").split("\n", 1)
        stage_label, step = str(Stage.ADMITTED.label), str(notes[1].context["next_step"]["uz"])
    assert "Bosh yuriskonsult" in headline and stage_label in headline and stage_label != "Admitted to the competition"
    assert detail.strip() == step
    assert "You are admitted" in notes[1].context["next_step"]["en"]


def test_the_whole_competition_notifies_every_stage(tree):
    vacancies = make_vacancy(tree["A"]), make_vacancy(tree["A"])
    candidates = [make_candidate(), make_candidate()]
    take_to_interview(vacancies[0], candidates, scores=(80, 70))
    application_withdraw(application=application_submit(vacancy=vacancies[1], candidate=candidates[0], actor=None),
                         actor=None)
    for candidate in candidates:
        events = ApplicationEvent.objects.filter(application__candidate=candidate).count()
        assert stage_notifications(candidate.user).count() == events  # one per stage change, none twice


def test_the_email_goes_out_after_commit_in_the_candidates_language(tree, django_capture_on_commit_callbacks):
    vacancy = make_vacancy(tree["A"], title="Bosh yuriskonsult", title_ru="Главный юрисконсульт")
    candidate = make_candidate()
    candidate.user.preferred_language = "ru"
    candidate.user.email = "nilufar@example.uz"
    candidate.user.save()
    application = application_submit(vacancy=vacancy, candidate=candidate, actor=candidate.user)
    with django_capture_on_commit_callbacks(execute=True):
        application_reject(application=application, reason="Diplom nusxasi yoʻq", actor=None)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nilufar@example.uz"]
    assert "Главный юрисконсульт" in message.subject
    assert "Diplom nusxasi yoʻq" in message.body and f"/cabinet/#application-{application.pk}" in message.body


def test_a_cancelled_competition_notifies_every_applicant(tree):
    vacancy = make_vacancy(tree["A"])
    candidates = [make_candidate(), make_candidate(), make_candidate()]
    for candidate in candidates:
        application_submit(vacancy=vacancy, candidate=candidate, actor=None)
    vacancy_cancel(vacancy=vacancy, reason="Shtat qisqartirildi", actor=None)
    for candidate in candidates:
        last = stage_notifications(candidate.user).last()
        assert last.context["stage"]["en"] == "Competition cancelled"
        assert "Shtat qisqartirildi" in last.context["next_step"]["uz"]


def test_the_inbox_shows_it_in_the_viewers_language(client, tree):
    vacancy = make_vacancy(tree["A"], title="Bosh yuriskonsult", title_ru="Главный юрисконсульт")
    candidate = make_candidate()
    application = application_submit(vacancy=vacancy, candidate=candidate, actor=candidate.user)
    application_admit(application=application, actor=None)
    note = stage_notifications(candidate.user).last()
    with translation.override("ru"):
        headline = render_part(note, "inapp").split("\n")[0]
        assert "Главный юрисконсульт" in headline and str(Stage.ADMITTED.label) in headline
    client.force_login(candidate.user)
    page = client.get("/notifications/").content.decode()
    assert "Bosh yuriskonsult" in page and f"/notifications/{note.pk}/open/" in page
