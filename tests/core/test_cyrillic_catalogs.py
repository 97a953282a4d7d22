"""The generated Uzbek Cyrillic catalogs: committed ones are what the generator gives, and the
checker catches a Latin string without its Cyrillic twin (tested on a copy, never on the repo)."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext, pgettext

from core import cyrillic_catalogs
from core.cyrillic_catalogs import COMMAND, app_jobs, catalog_jobs, check_catalogs, check_project, write_catalogs

ROOT = Path(settings.BASE_DIR)


def test_committed_uz_cyrl_catalogs_are_what_the_generator_gives():
    result = check_project()
    assert result.ok, (
        "The Uzbek Cyrillic catalogs are out of date:\n  " + "\n  ".join(result.problems)
        + f"\nRun `{COMMAND}` (or `make messages`) and commit the regenerated catalogs.")


def test_every_app_with_an_uzbek_catalog_gets_a_cyrillic_one():
    targets = {job.target.relative_to(ROOT).as_posix() for job in catalog_jobs()}
    assert "core/locale/uz_Cyrl/LC_MESSAGES/django.po" in targets
    assert "workforce/locale/uz_Cyrl/LC_MESSAGES/django.po" in targets
    assert "locale/uz_Cyrl/LC_MESSAGES/django.po" in targets  # Django's own strings (admin, forms)


@pytest.fixture
def app_copy(tmp_path):
    """A copy of core's catalogs (Latin and generated Cyrillic) to break on purpose."""
    locale = tmp_path / "core" / "locale"  # same name: the header names the app
    shutil.copytree(ROOT / "core" / "locale", locale)
    return locale


def _add_latin_message(locale, msgid: str, msgstr: str) -> None:
    path = locale / "uz" / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(path))
    catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    catalog.save(str(path))


def test_a_latin_string_without_its_cyrillic_twin_fails_the_check(app_copy):
    jobs = app_jobs([app_copy])
    assert check_catalogs(jobs).ok

    _add_latin_message(app_copy, "Staffing changes", "Shtatdagi oʻzgarishlar")
    result = check_catalogs(jobs)

    assert not result.ok
    [problem] = result.problems
    assert "uz_Cyrl/LC_MESSAGES/django.po is out of date" in problem
    assert "1 message(s) without Cyrillic: 'Staffing changes'" in problem


def test_regenerating_fixes_the_check_and_writes_the_cyrillic_string(app_copy):
    _add_latin_message(app_copy, "Staffing changes", "Shtatdagi oʻzgarishlar")
    jobs = app_jobs([app_copy])

    write_catalogs(jobs)

    assert check_catalogs(jobs).ok
    generated = polib.pofile(str(app_copy / "uz_Cyrl" / "LC_MESSAGES" / "django.po"))
    assert generated.find("Staffing changes").msgstr == "Штатдаги ўзгаришлар"
    compiled = polib.mofile(str(app_copy / "uz_Cyrl" / "LC_MESSAGES" / "django.mo"))
    assert compiled.find("Staffing changes").msgstr == "Штатдаги ўзгаришлар"


def test_a_changed_latin_translation_and_a_stale_mo_fail_the_check(app_copy):
    jobs = app_jobs([app_copy])
    latin = app_copy / "uz" / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(latin))
    catalog.find("Password").msgstr = "Maxfiy soʻz"
    catalog.save(str(latin))
    assert "1 message(s) changed in Latin: 'Password'" in check_catalogs(jobs).problems[0]

    write_catalogs(jobs)
    stale = polib.pofile(str(app_copy / "uz_Cyrl" / "LC_MESSAGES" / "django.po"))
    stale.find("Password").msgstr = "Парол"
    stale.save_as_mofile(str(app_copy / "uz_Cyrl" / "LC_MESSAGES" / "django.mo"))
    [problem] = check_catalogs(jobs).problems
    assert "django.mo does not match its .po" in problem


def test_a_cyrillic_catalog_without_a_latin_source_fails_the_check(app_copy):
    orphan = app_copy / "uz_Cyrl" / "LC_MESSAGES" / "djangojs.po"
    orphan.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    result = check_catalogs(app_jobs([app_copy]), orphans_in=[app_copy])
    assert any("djangojs.po has no Uzbek (Latin) catalog" in p for p in result.problems)


def test_a_missing_cyrillic_catalog_fails_the_check(app_copy):
    shutil.rmtree(app_copy / "uz_Cyrl")
    [problem] = check_catalogs(app_jobs([app_copy])).problems
    assert problem.endswith("uz_Cyrl/LC_MESSAGES/django.po is missing.")


def test_the_command_check_fails_with_the_fix_in_its_message(app_copy, monkeypatch):
    call_command("build_uz_cyrl_catalogs", "--check")  # the repository itself is up to date

    _add_latin_message(app_copy, "Staffing changes", "Shtatdagi oʻzgarishlar")
    monkeypatch.setattr("core.management.commands.build_uz_cyrl_catalogs.check_project",
                        lambda: check_catalogs(app_jobs([app_copy])))
    with pytest.raises(CommandError) as failure:
        call_command("build_uz_cyrl_catalogs", "--check")
    assert "Staffing changes" in str(failure.value)
    assert f"Run `{COMMAND}`" in str(failure.value)


def test_an_upgraded_package_is_a_note_not_a_failure(tmp_path, monkeypatch):
    """A new Django patch release may change its Uzbek strings; CI must not break for that."""
    [job] = [j for j in catalog_jobs() if j.versions and j.target.name == "django.po"]
    copy = tmp_path / "django.po"
    shutil.copy(job.target, copy)
    text = copy.read_text(encoding="utf-8").replace('msgstr "Чоршанба"', 'msgstr "Чоршанба!"', 1)
    copy.write_text(text.replace(f"X-Generated-From: {job.versions[0]}", "X-Generated-From: Django 5.2.0"),
                    encoding="utf-8")
    moved = cyrillic_catalogs.CatalogJob(target=copy, sources=job.sources, label=job.label,
                                          excluded=job.excluded, versions=job.versions, merged=True)
    result = check_catalogs([moved])
    assert result.ok
    assert "Django 5.2.0" in result.notes[0] and COMMAND in result.notes[0]


def test_django_strings_come_in_cyrillic_and_ours_take_precedence():
    [job] = [j for j in catalog_jobs() if j.versions and j.target.name == "django.po"]
    assert (None, "Password") in job.excluded  # core translates it: its catalog wins, as in Latin
    with translation.override("uz-cyrl"):
        assert gettext("Enter a valid date.") == "Санани тўғри киритинг."
        assert pgettext("alt. month", "September") == "Сентябр"
        assert gettext("Password") == "Парол"
