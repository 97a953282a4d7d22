"""Question files: Moodle XML (round trip), GIFT, Excel with per-row errors, and the
``import_questions`` command (all or nothing, exit codes)."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from assessment.interchange import parse
from assessment.interchange.gift import write_gift
from assessment.interchange.moodle import write_moodle
from assessment.interchange.spreadsheet import write_xlsx
from assessment.models import Question, QuestionKind, Scoring
from assessment.services import questions_import
from tests.assessment.factories import make_question, section
from tests.factories import make_organization

pytestmark = pytest.mark.django_db


def snapshot(question: Question) -> tuple:
    """Everything a round trip must keep."""
    return (question.section.code, question.kind, question.scoring, question.texts(), question.difficulty,
            question.marks, question.tag_list, question.is_active,
            [(c.texts(), c.fraction) for c in question.choices.order_by("ordering")])


@pytest.fixture
def bank(db):
    made = [
        make_question(section_code="legislation", text="«Davlat fuqarolik xizmati toʻgʻrisida»gi Qonun raqami?"),
        make_question(section_code="computer", kind=QuestionKind.MULTIPLE, options=4,
                      fractions=["0.33333", "0.33333", "0.33333", "-1"], difficulty=3, marks="2"),
        make_question(section_code="computer", kind=QuestionKind.MULTIPLE, options=3, correct=(0, 2),
                      scoring=Scoring.ALL_OR_NOTHING),
        make_question(section_code="history", kind=QuestionKind.TRUE_FALSE, true_answer=False, difficulty=1),
        make_question(section_code="logic", text="Qatorni davom ettiring: 2, 4, 8, …\n(ikkinchi qator & <belgi>)"),
    ]
    Question.objects.filter(pk=made[0].pk).update(tags="ZRU-788, tanlov", is_active=False,
                                                  text_uz_cyrl="«Давлат фуқаролик хизмати тўғрисида»ги Қонун рақами?")
    return list(Question.objects.filter(pk__in=[q.pk for q in made]).order_by("pk"))


def test_moodle_xml_round_trip_keeps_every_question(bank):
    exported = write_moodle(bank)
    before = [snapshot(q) for q in bank]
    Question.objects.all().delete()
    report = questions_import(content=exported, filename="bank.xml", owner_organization=None, actor=None)
    assert (report.errors, report.created, report.skipped) == ([], 5, [])
    assert sorted(map(repr, (snapshot(q) for q in Question.objects.all()))) == sorted(map(repr, before))
    # and importing the same file again adds nothing
    again = questions_import(content=exported, filename="bank.xml", owner_organization=None, actor=None)
    assert (again.created, len(again.duplicates)) == (0, 5)


MOODLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Davlat tili</text></category></question>
  <question type="multichoice">
    <name><text>Imlo</text></name>
    <questiontext format="html"><text><![CDATA[<p><span lang="uz" class="multilang">Qaysi so\xca\xbbz to\xca\xbbg\xca\xbbri yozilgan?</span><span lang="ru" class="multilang">\xd0\x9a\xd0\xb0\xd0\xba\xd0\xbe\xd0\xb5 \xd1\x81\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xbe?</span></p>]]></text></questiontext>
    <defaultgrade>1.0000000</defaultgrade>
    <single>true</single>
    <answer fraction="100" format="html"><text>hujjat</text></answer>
    <answer fraction="0" format="html"><text>xujjat</text></answer>
    <answer fraction="-25" format="html"><text>hujat</text></answer>
  </question>
  <question type="shortanswer"><name><text>Poytaxt</text></name><questiontext format="html"><text>Poytaxt?</text></questiontext></question>
  <question type="essay"><name><text>Insho</text></name><questiontext format="html"><text>Yozing</text></questiontext></question>
  <question type="category"><category><text>$course$/top/Boshqa</text></category></question>
  <question type="truefalse">
    <name><text>TF</text></name>
    <questiontext format="html"><text><![CDATA[<span lang="uz" class="multilang">Yer dumaloq.</span><span lang="ru" class="multilang">\xd0\x97\xd0\xb5\xd0\xbc\xd0\xbb\xd1\x8f \xd0\xba\xd1\x80\xd1\x83\xd0\xb3\xd0\xbb\xd0\xb0\xd1\x8f.</span>]]></text></questiontext>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
  </question>
</quiz>"""


def test_moodle_xml_from_outside_categories_multilang_and_skipped_types():
    parsed = parse(MOODLE, format="moodle")
    assert [(s.ref, s.kind) for s in parsed.skipped] == [("2-savol «Poytaxt»", "shortanswer"),
                                                         ("3-savol «Insho»", "essay")]
    report = questions_import(content=MOODLE, filename="x.xml", owner_organization=None, actor=None)
    assert not report.written and len(report.errors) == 1, report.errors
    assert report.errors[0]["question"] == "4-savol «TF»" and report.errors[0]["code"] == "section_unknown"
    assert not Question.objects.exists()  # nothing written while anything is invalid
    report = questions_import(content=MOODLE, filename="x.xml", owner_organization=None, actor=None,
                              section=section("state_language"))
    assert report.created == 2
    question = Question.objects.get(kind=QuestionKind.SINGLE)
    assert question.texts() == {"uz": "Qaysi soʻz toʻgʻri yozilgan?", "ru": "Какое слово?"}
    assert [c.fraction for c in question.choices.order_by("ordering")] == [Decimal(1), Decimal(0), Decimal("-0.25")]
    assert question.choices.order_by("ordering").first().texts() == {"uz": "hujjat", "ru": "hujjat"}


def test_moodle_xml_is_parsed_safely():
    bomb = b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><quiz>&b;</quiz>'
    parsed = parse(bomb, format="moodle")
    assert parsed.errors and parsed.errors[0][3] == "import_file_unreadable"


GIFT = """// Savollar
$CATEGORY: $course$/top/Kompyuter savodxonligi

::Nusxa::Ctrl + C nimani bajaradi? {=Nusxalaydi ~Qoʻyadi ~Oʻchiradi}

::Koʻp::[html]<span lang="uz" class="multilang">Xavfsiz parollar?</span><span lang="ru" class="multilang">Надёжные пароли?</span> {
~%50%Qm7!vR2#pL9x
~%50%T0shk3nt\\=2026!
~%-100%12345678
}

::TF::Ikki bosqichli autentifikatsiya foydali. {T}

::Qisqa::Poytaxt? {=Toshkent =Tashkent}

::Moslik::Moslang {=a -> 1 =b -> 2}

Bu shunchaki izoh.
"""


def test_gift_kinds_weights_escapes_and_skips():
    parsed = parse(GIFT.encode(), format="gift", language="uz")
    assert [(s.ref, s.kind) for s in parsed.skipped] == [("4-savol «Qisqa»", "shortanswer"),
                                                         ("5-savol «Moslik»", "matching"), ("6-savol", "description")]
    first, multi, truth = parsed.items
    assert (first.data.kind, [c.fraction for c in first.data.choices]) == (QuestionKind.SINGLE, [1, 0, 0])
    assert multi.data.kind == QuestionKind.MULTIPLE
    assert multi.data.texts == {"uz": "Xavfsiz parollar?", "ru": "Надёжные пароли?"}
    assert [c.texts["uz"] for c in multi.data.choices][1] == "T0shk3nt=2026!"
    assert [c.fraction for c in multi.data.choices] == [Decimal("0.5"), Decimal("0.5"), Decimal(-1)]
    assert (truth.data.kind, truth.data.true_answer) == (QuestionKind.TRUE_FALSE, True)
    assert first.category == "$course$/top/Kompyuter savodxonligi"


def test_gift_export_reads_back(bank):
    parsed = parse(write_gift(bank), format="gift")
    assert not parsed.errors and not parsed.skipped and len(parsed.items) == 5
    original = bank[4]
    item = next(i for i in parsed.items if i.data.texts["uz"].startswith("Qatorni"))
    assert item.data.texts["uz"].splitlines() == original.text_uz.splitlines()
    assert [c.texts for c in item.data.choices] == [c.texts() for c in original.choices.order_by("ordering")]


def test_xlsx_round_trip_and_headers_in_every_language(bank):
    for language in ("uz", "ru", "en"):
        with translation.override(language):
            content = write_xlsx(bank)
        Question.objects.all().delete()
        report = questions_import(content=content, filename="bank.xlsx", owner_organization=None, actor=None)
        assert report.errors == [] and report.created == 5, (language, report.errors)
        bank = list(Question.objects.order_by("pk"))
    kinds = sorted((q.kind, q.scoring) for q in bank)
    assert (QuestionKind.MULTIPLE, Scoring.ALL_OR_NOTHING) in kinds and (QuestionKind.MULTIPLE, Scoring.FRACTIONS) in kinds


def test_xlsx_reports_every_bad_cell_with_row_column_and_value():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Boʻlim", "Turi", "Qiyinlik", "Savol (uz)", "Savol (ru)", "A (uz)", "A (ru)", "B (uz)", "B (ru)",
                  "Toʻgʻri javob"])
    sheet.append(["logic", "single", "2", "2 + 2 = ?", "2 + 2 = ?", "4", "4", "5", "5", "A"])
    sheet.append(["logic", "bitta", "juda qiyin", "3 + 3 = ?", "3 + 3 = ?", "6", "6", "7", "7", "C"])
    sheet.append(["nomaʼlum", "single", "1", "Savol", "", "ha", "да", "yoʻq", "нет", "A"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = questions_import(content=buffer.getvalue(), filename="savollar.xlsx", owner_organization=None, actor=None)
    assert not report.written and not Question.objects.exists()
    problems = {(e["question"], e["code"]) for e in report.errors}
    assert ("3-qator", "import_invalid") in problems and ("4-qator", "section_unknown") in problems
    messages = " | ".join(e["message"] for e in report.errors)
    assert "«Qiyinlik» ustuni, qiymat «juda qiyin»" in messages
    assert "«Toʻgʻri javob» ustuni, qiymat «C»" in messages
    assert not any(e["question"] == "2-qator" for e in report.errors)


def test_import_command_exit_codes_and_nothing_written_on_error(tmp_path, capsys):
    good = tmp_path / "good.xml"
    good.write_bytes(MOODLE)
    with pytest.raises(CommandError) as failed:
        call_command("import_questions", str(good))
    assert failed.value.returncode == 1
    err = capsys.readouterr().err
    assert "4-savol «TF», section:" in err and "[section_unknown]" in err
    assert not Question.objects.exists()
    call_command("import_questions", str(good), "--section", "state_language", "--dry-run")
    assert not Question.objects.exists()
    ministry = make_organization(code="VAZ")
    call_command("import_questions", str(good), "--section", "state_language", "--organization", "VAZ")
    out = capsys.readouterr().out
    assert "Imported 2 questions" in out and "skipped 2-savol «Poytaxt»: type shortanswer" in out
    assert Question.objects.filter(owner_organization=ministry).count() == 2
    with pytest.raises(CommandError):
        call_command("import_questions", str(tmp_path / "missing.xml"))
    with pytest.raises(CommandError):
        call_command("import_questions", str(good), "--section", "nosuch")
