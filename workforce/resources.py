"""django-import-export resources of the workforce record: the one declaration of every
spreadsheet column (field, headers in uz / uz-Cyrl / ru / en, widget) used by exports, the
import template, the admin and the importer (``workforce.importing``).

Exports write the headers in the reader's language; the importer recognises any of them, so an
exported file imports back unchanged."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from import_export import resources

from .importing import cleaning
from .importing.columns import Column
from .importing.errors import ImportErrorCode
from .importing.synonyms import HEADER_SYNONYMS
from .importing.widgets import (
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    DecimalWidget,
    DigitsWidget,
    IntegerWidget,
    LanguagesWidget,
    ReferenceWidget,
    TextWidget,
    citizenship_widget,
    email_widget,
    passport_widget,
    phone_widget,
)
from .models import (
    Assignment,
    ContractType,
    EducationLevel,
    Employee,
    EmployeeStatus,
    Organization,
    OrganizationLevel,
    Sex,
    StaffPosition,
)

# The example rows of the import templates name codes the demo data has (``workforce.demo`` adds the
# staffing line with free units), so a demo user can download a template and import it as it is:
# the Ministry of Economy and Finance and a line of chief specialists of its HR department.
TEMPLATE_ORGANIZATION = "IMV"
TEMPLATE_STAFF_POSITION = "S-1-900"


class SpreadsheetResource(resources.ModelResource):
    """A resource whose headers follow ``language`` (default: the active language)."""

    import_kind = ""  # the key of ``RESOURCES``; its header synonyms are in ``importing.synonyms``

    def __init__(self, language: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        synonyms = HEADER_SYNONYMS.get(self.import_kind, {})
        for name, field in self.fields.items():
            if isinstance(field, Column):
                field.key = name
                field.kind = self.import_kind
                field.extra_synonyms = synonyms.get(name, ())
                field.column_name = field.header(language)

    @classmethod
    def column_list(cls, language: str | None = None) -> list[Column]:
        """Every column in export order, headed for ``language``."""
        resource = cls(language=language)
        return [field for field in resource.get_export_fields() if isinstance(field, Column)]

    def native_row(self, instance: Any) -> list[Any]:
        """One exported row as xlsx cell values (dates stay dates)."""
        row = []
        for field in self.get_export_fields():
            method = getattr(self, f"native_{field.key}", None)
            value = method(instance) if method else field.get_value(instance)
            row.append(field.widget.native(value))
        return row

    def export_field(self, field: Any, instance: Any, **kwargs: Any) -> Any:
        method = getattr(self, f"native_{getattr(field, 'key', '')}", None)
        if method is not None:
            return field.widget.render(method(instance))
        return super().export_field(field, instance, **kwargs)


# --- Employees with their current assignment ----------------------------------------------------

def _latin(limit: int = 100) -> TextWidget:
    return TextWidget(limit, script="latin", transliterate=True)


def _cyrillic(limit: int = 100) -> TextWidget:
    return TextWidget(limit, script="cyrillic")


class EmployeeResource(SpreadsheetResource):
    """An employee and the current (open, primary) assignment. Export with
    :meth:`export_queryset` so the assignment and education come in a few queries."""

    import_kind = "employees"

    pinfl = Column("pinfl", required=True, widget=DigitsWidget(), example="40712966350029",
                   headers={"uz": "JShShIR", "uz_cyrl": "ЖШШИР", "ru": "ПИНФЛ", "en": "PINFL"},
                   synonyms=("JSHSHIR", "PINFL", "ПИНФЛ", "Personal number", "Shaxsiy raqam",
                             "Персональный идентификационный номер"),
                   help_text=_("Personal identification number: 14 digits. Rows are matched to existing "
                               "employees by it."))
    last_name = Column("last_name", required=True, widget=_latin(), example="Karimova",
                       headers={"uz": "Familiya", "uz_cyrl": "Фамилия", "ru": "Фамилия", "en": "Last name"},
                       synonyms=("Surname", "Family name"), help_text=_("Last name in Latin script."))
    first_name = Column("first_name", required=True, widget=_latin(), example="Dilnoza",
                        headers={"uz": "Ism", "uz_cyrl": "Исм", "ru": "Имя", "en": "First name"},
                        synonyms=("Ismi", "Given name"), help_text=_("First name in Latin script."))
    middle_name = Column("middle_name", widget=_latin(), example="Anvarovna",
                         headers={"uz": "Otasining ismi", "uz_cyrl": "Отасининг исми", "ru": "Отчество",
                                  "en": "Patronymic"},
                         synonyms=("Sharifi", "Шарифи", "Middle name", "Otchestvo"),
                         help_text=_("Patronymic in Latin script."))
    last_name_cyrl = Column("last_name_cyrl", widget=_cyrillic(), example="Каримова",
                            headers={"uz": "Familiya (kirill)", "uz_cyrl": "Фамилия (кирилл)",
                                     "ru": "Фамилия (кириллица)", "en": "Last name (Cyrillic)"},
                            synonyms=("Familiya kirillda", "Фамилия кирилл"),
                            help_text=_("Optional: the same name in Cyrillic script."))
    first_name_cyrl = Column("first_name_cyrl", widget=_cyrillic(), example="Дилноза",
                             headers={"uz": "Ism (kirill)", "uz_cyrl": "Исм (кирилл)", "ru": "Имя (кириллица)",
                                      "en": "First name (Cyrillic)"},
                             synonyms=("Ism kirillda", "Имя кирилл"),
                             help_text=_("Optional: the same name in Cyrillic script."))
    middle_name_cyrl = Column("middle_name_cyrl", widget=_cyrillic(), example="Анваровна",
                              headers={"uz": "Otasining ismi (kirill)", "uz_cyrl": "Отасининг исми (кирилл)",
                                       "ru": "Отчество (кириллица)", "en": "Patronymic (Cyrillic)"},
                              synonyms=("Отчество кирилл", "Sharifi (kirill)"),
                              help_text=_("Optional: the same name in Cyrillic script."))
    birth_date = Column("birth_date", widget=DateWidget(not_future=True), example=datetime.date(1996, 12, 7),
                        headers={"uz": "Tugʻilgan sana", "uz_cyrl": "Туғилган сана", "ru": "Дата рождения",
                                 "en": "Date of birth"},
                        synonyms=("Tugʻilgan sanasi", "Tugʻilgan kuni", "Birth date", "Туғилган санаси"),
                        help_text=_("Must match the date written in the PINFL; left empty, it is taken from "
                                    "the PINFL."))
    sex = Column("sex", widget=ChoiceWidget(cleaning.SEX_WORDS, Sex), example=Sex.FEMALE,
                 headers={"uz": "Jinsi", "uz_cyrl": "Жинси", "ru": "Пол", "en": "Sex"},
                 synonyms=("Jins", "Gender"),
                 help_text=_("Must match the PINFL (odd first digit: man, even: woman); left empty, it is "
                             "taken from the PINFL."))
    citizenship = Column("citizenship", widget=citizenship_widget(), example="UZ",
                         headers={"uz": "Fuqaroligi", "uz_cyrl": "Фуқаролиги", "ru": "Гражданство",
                                  "en": "Citizenship"},
                         synonyms=("Fuqarolik",), help_text=_("Country code; UZ when empty for a new employee."))
    passport = Column("passport", widget=passport_widget(), example="AA1234567",
                      headers={"uz": "Pasport", "uz_cyrl": "Паспорт", "ru": "Паспорт", "en": "Passport"},
                      synonyms=("Pasport seriyasi va raqami", "Серия и номер паспорта", "Passport number"),
                      help_text=_("Series and number of the passport (or ID card)."))
    phone = Column("phone", widget=phone_widget(), example="+998901234567",
                   headers={"uz": "Telefon", "uz_cyrl": "Телефон", "ru": "Телефон", "en": "Phone"},
                   synonyms=("Telefon raqami", "Номер телефона", "Phone number"), help_text=_("Contact phone."))
    email = Column("email", widget=email_widget(), example="d.karimova@example.uz",
                   headers={"uz": "Elektron pochta", "uz_cyrl": "Электрон почта", "ru": "Электронная почта",
                            "en": "E-mail"},
                   synonyms=("Email", "E-pochta", "Эл. почта"), help_text=_("Contact e-mail."))
    address = Column("address", widget=TextWidget(255), example="Toshkent sh., Yunusobod t., 4-uy",
                     headers={"uz": "Manzil", "uz_cyrl": "Манзил", "ru": "Адрес", "en": "Address"},
                     synonyms=("Yashash manzili", "Адрес проживания"), help_text=_("Home address."))
    education_level = Column(widget=ChoiceWidget(cleaning.EDUCATION_WORDS, EducationLevel),
                             example=EducationLevel.MASTER,
                             headers={"uz": "Maʼlumoti", "uz_cyrl": "Маълумоти", "ru": "Образование",
                                      "en": "Education level"},
                             synonyms=("Maʼlumot darajasi", "Уровень образования", "Education"),
                             help_text=_("Level of the education entry of this row; added to the employee's "
                                         "education unless already recorded."))
    education_institution = Column(widget=TextWidget(255), example="Toshkent davlat iqtisodiyot universiteti",
                                   headers={"uz": "Taʼlim muassasasi", "uz_cyrl": "Таълим муассасаси",
                                            "ru": "Учебное заведение", "en": "Educational institution"},
                                   synonyms=("Oʻquv yurti", "ВУЗ", "Institution", "Bitirgan oliygoh"),
                                   help_text=_("Required when the education level is given."))
    education_specialty = Column(widget=TextWidget(255), example="Iqtisodiyot",
                                 headers={"uz": "Mutaxassisligi", "uz_cyrl": "Мутахассислиги",
                                          "ru": "Специальность", "en": "Specialty"},
                                 synonyms=("Mutaxassislik", "Speciality"), help_text=_("Specialty studied."))
    education_year = Column(widget=IntegerWidget(1940, 2100, ImportErrorCode.YEAR_INVALID,
                                                 _("A year from %(min)s to %(max)s.")), example=2019,
                            headers={"uz": "Tamomlagan yili", "uz_cyrl": "Тамомлаган йили", "ru": "Год окончания",
                                     "en": "Graduation year"},
                            synonyms=("Bitirgan yili", "Year of graduation"), help_text=_("Year of graduation."))
    languages = Column("languages", widget=LanguagesWidget(), example="uz, ru, en",
                       headers={"uz": "Tillar", "uz_cyrl": "Тиллар", "ru": "Языки", "en": "Languages"},
                       synonyms=("Biladigan tillari", "Знание языков", "Chet tillari"),
                       help_text=_("Languages the employee speaks."))
    qualification_rank = Column("qualification_rank",
                                widget=ReferenceWidget(_("A rank code (R-01 … R-10) or its name in any language."),
                                                       max_length=120),
                                example="R-03",
                                headers={"uz": "Malaka darajasi", "uz_cyrl": "Малака даражаси",
                                         "ru": "Классный чин", "en": "Qualification rank"},
                                synonyms=("Malaka toifasi", "Квалификационный разряд", "Rank", "Daraja"),
                                help_text=_("Qualification rank of the civil servant."))
    civil_service_start = Column("civil_service_start", widget=DateWidget(not_future=True),
                                 example=datetime.date(2019, 8, 1),
                                 headers={"uz": "Davlat xizmatiga kirgan sana",
                                          "uz_cyrl": "Давлат хизматига кирган сана",
                                          "ru": "Дата поступления на госслужбу", "en": "In the civil service since"},
                                 synonyms=("Civil service start", "Стаж государственной службы с"),
                                 help_text=_("When empty, the start of the first assignment is used."))
    organization_code = Column(widget=TextWidget(32), example=TEMPLATE_ORGANIZATION,
                               headers={"uz": "Tashkilot kodi", "uz_cyrl": "Ташкилот коди", "ru": "Код организации",
                                        "en": "Organisation code"},
                               synonyms=("Organization code", "Код подразделения"),
                               help_text=_("Current assignment: code of the organisation (one you manage)."))
    organization_name = Column(widget=TextWidget(255), readonly=True,
                               headers={"uz": "Tashkilot nomi", "uz_cyrl": "Ташкилот номи", "ru": "Организация",
                                        "en": "Organisation"},
                               synonyms=("Organization",),
                               help_text=_("For reading only; ignored when importing."))
    staff_position_code = Column(widget=TextWidget(32), example=TEMPLATE_STAFF_POSITION,
                                 headers={"uz": "Lavozim kodi", "uz_cyrl": "Лавозим коди", "ru": "Код должности",
                                          "en": "Position code"},
                                 synonyms=("Shtat birligi kodi", "Staff position code", "Код штатной единицы"),
                                 help_text=_("Current assignment: code of the position in that organisation's "
                                             "staffing table."))
    staff_position_name = Column(widget=TextWidget(255), readonly=True,
                                 headers={"uz": "Lavozim", "uz_cyrl": "Лавозим", "ru": "Должность", "en": "Position"},
                                 help_text=_("For reading only; ignored when importing."))
    assignment_start = Column(widget=DateWidget(), example=datetime.date(2024, 3, 1),
                              headers={"uz": "Lavozimga tayinlangan sana", "uz_cyrl": "Лавозимга тайинланган сана",
                                       "ru": "Дата назначения", "en": "Assignment start"},
                              synonyms=("Tayinlangan sana", "Appointed on", "Дата назначения на должность"),
                              help_text=_("Start of the current assignment. A different position than the "
                                          "current one closes the current assignment the day before."))
    rate = Column(widget=DecimalWidget(2, Decimal("0.25"), Decimal("1.00"), ImportErrorCode.RATE_INVALID),
                  example=Decimal("1.00"),
                  headers={"uz": "Stavka", "uz_cyrl": "Ставка", "ru": "Ставка", "en": "Rate"},
                  synonyms=("Shtat birligi ulushi",), help_text=_("Share of a full-time unit; 1 when empty."))
    contract_type = Column(widget=ChoiceWidget(cleaning.CONTRACT_WORDS, ContractType),
                           example=ContractType.INDEFINITE,
                           headers={"uz": "Shartnoma turi", "uz_cyrl": "Шартнома тури", "ru": "Тип договора",
                                    "en": "Contract type"},
                           synonyms=("Тип контракта", "Contract"),
                           help_text=_("When empty for a new hire, the rules decide (a first-time entrant from "
                                       "2026 gets a fixed-term contract)."))
    contract_end = Column(widget=DateWidget(), example=None,
                          headers={"uz": "Shartnoma tugash sanasi", "uz_cyrl": "Шартнома тугаш санаси",
                                   "ru": "Дата окончания договора", "en": "Contract end date"},
                          synonyms=("Contract end",), help_text=_("For fixed-term contracts."))
    status = Column("status", widget=ChoiceWidget(cleaning.EMPLOYEE_STATUS_WORDS, EmployeeStatus),
                    readonly=True,
                    headers={"uz": "Holati", "uz_cyrl": "Ҳолати", "ru": "Статус", "en": "Status"},
                    help_text=_("For reading only; ignored when importing."))

    class Meta:
        model = Employee
        fields = export_order = (
            "pinfl", "last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl",
            "middle_name_cyrl", "birth_date", "sex", "citizenship", "passport", "phone", "email", "address",
            "education_level", "education_institution", "education_specialty", "education_year", "languages",
            "qualification_rank", "civil_service_start", "organization_code", "organization_name",
            "staff_position_code", "staff_position_name", "assignment_start", "rate", "contract_type",
            "contract_end", "status",
        )
        import_id_fields = ("pinfl",)

    @staticmethod
    def export_queryset(queryset: QuerySet[Employee]) -> QuerySet[Employee]:
        """``queryset`` with what the export reads fetched alongside (no query per row)."""
        open_primary = Assignment.objects.filter(is_primary=True, end_date__isnull=True).select_related(
            "organization", "staff_position")
        return queryset.select_related("qualification_rank").prefetch_related(
            Prefetch("assignments", queryset=open_primary, to_attr="open_primary_assignments"),
            "educations",
        )

    # The current assignment and the education entry come from the prefetched rows.
    @staticmethod
    def current_assignment(employee: Employee) -> Assignment | None:
        assignments = getattr(employee, "open_primary_assignments", None)
        if assignments is None:
            assignments = list(employee.assignments.filter(is_primary=True, end_date__isnull=True)
                               .select_related("organization", "staff_position"))
            employee.open_primary_assignments = assignments  # type: ignore[attr-defined]
        return assignments[0] if assignments else None

    @staticmethod
    def main_education(employee: Employee) -> Any:
        """The entry that gives the employee's education level (the highest; the latest among equals)."""
        entries = [e for e in employee.educations.all() if e.level == employee.education_level]
        if not entries:
            return None
        return max(entries, key=lambda e: (e.graduation_year or 0, e.pk))

    def _assignment_attr(self, employee: Employee, path: str) -> Any:
        value: Any = self.current_assignment(employee)
        for part in path.split("."):
            if value is None:
                return None
            value = getattr(value, part)
        return value

    def _education_attr(self, employee: Employee, name: str) -> Any:
        education = self.main_education(employee)
        return getattr(education, name) if education is not None else None

    def native_education_level(self, employee: Employee) -> Any:
        return self._education_attr(employee, "level")

    def native_education_institution(self, employee: Employee) -> Any:
        return self._education_attr(employee, "institution")

    def native_education_specialty(self, employee: Employee) -> Any:
        return self._education_attr(employee, "specialty") or None

    def native_education_year(self, employee: Employee) -> Any:
        return self._education_attr(employee, "graduation_year")

    def native_organization_code(self, employee: Employee) -> Any:
        return self._assignment_attr(employee, "organization.code")

    def native_organization_name(self, employee: Employee) -> Any:
        return self._assignment_attr(employee, "organization.name")

    def native_staff_position_code(self, employee: Employee) -> Any:
        return self._assignment_attr(employee, "staff_position.code")

    def native_staff_position_name(self, employee: Employee) -> Any:
        return self._assignment_attr(employee, "staff_position.name")

    def native_assignment_start(self, employee: Employee) -> Any:
        return self._assignment_attr(employee, "start_date")

    def native_rate(self, employee: Employee) -> Any:
        return self._assignment_attr(employee, "rate")

    def native_contract_type(self, employee: Employee) -> Any:
        return self._assignment_attr(employee, "contract_type")

    def native_contract_end(self, employee: Employee) -> Any:
        return self._assignment_attr(employee, "contract_end_date")


# --- Organisations --------------------------------------------------------------------------------

class OrganizationResource(SpreadsheetResource):
    import_kind = "organizations"

    code = Column("code", required=True, widget=TextWidget(32), example=f"{TEMPLATE_ORGANIZATION}-AT",
                  headers={"uz": "Kod", "uz_cyrl": "Код", "ru": "Код", "en": "Code"},
                  synonyms=("Tashkilot kodi", "Код организации", "Organisation code", "Organization code"),
                  help_text=_("Unique code of the organisation; rows are matched to existing ones by it."))
    name_uz = Column("name_uz", widget=TextWidget(255), example="Axborot texnologiyalari boshqarmasi",
                     headers={"uz": "Nomi (oʻzbekcha)", "uz_cyrl": "Номи (ўзбекча, лотин)",
                              "ru": "Наименование (узбекский)", "en": "Name (Uzbek)"},
                     synonyms=("Nomi", "Name uz"),
                     help_text=_("Name in Uzbek (Latin script); required for a new organisation."))
    name_uz_cyrl = Column("name_uz_cyrl", widget=TextWidget(255), example="Ахборот технологиялари бошқармаси",
                          headers={"uz": "Nomi (kirill)", "uz_cyrl": "Номи (кирилл)",
                                   "ru": "Наименование (узбекский, кириллица)", "en": "Name (Uzbek, Cyrillic)"},
                          help_text=_("Optional: name in Uzbek Cyrillic."))
    name_ru = Column("name_ru", widget=TextWidget(255), example="Управление информационных технологий",
                     headers={"uz": "Nomi (ruscha)", "uz_cyrl": "Номи (русча)", "ru": "Наименование (русский)",
                              "en": "Name (Russian)"},
                     help_text=_("Optional: name in Russian."))
    name_en = Column("name_en", widget=TextWidget(255), example="IT Department",
                     headers={"uz": "Nomi (inglizcha)", "uz_cyrl": "Номи (инглизча)",
                              "ru": "Наименование (английский)", "en": "Name (English)"},
                     help_text=_("Optional: name in English."))
    level = Column("level", widget=ChoiceWidget(cleaning.ORGANIZATION_LEVEL_WORDS, OrganizationLevel),
                   example=OrganizationLevel.REPUBLICAN,
                   headers={"uz": "Darajasi", "uz_cyrl": "Даражаси", "ru": "Уровень", "en": "Level"},
                   synonyms=("Daraja",), help_text=_("Required for a new organisation."))
    region = Column("region", widget=ReferenceWidget(_("SOATO code (e.g. 1726) or the region's name.")),
                    example="1726",
                    headers={"uz": "Hudud", "uz_cyrl": "Ҳудуд", "ru": "Регион", "en": "Region"},
                    synonyms=("Viloyat", "Область", "SOATO"), help_text=_("Region of the organisation."))
    parent_code = Column("parent__code", widget=TextWidget(32), example=TEMPLATE_ORGANIZATION,
                         headers={"uz": "Yuqori tashkilot kodi", "uz_cyrl": "Юқори ташкилот коди",
                                  "ru": "Код вышестоящей организации", "en": "Parent organisation code"},
                         synonyms=("Parent code", "Parent organization code"),
                         help_text=_("Empty for a top-level body. A different parent moves the organisation "
                                     "with its units."))
    is_active = Column("is_active", widget=BooleanWidget(), example=True,
                       headers={"uz": "Faol", "uz_cyrl": "Фаол", "ru": "Действует", "en": "Active"},
                       synonyms=("Active", "Активна"), help_text=_("Yes when empty for a new organisation."))

    class Meta:
        model = Organization
        fields = export_order = ("code", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "level", "region",
                                 "parent_code", "is_active")
        import_id_fields = ("code",)

    @staticmethod
    def export_queryset(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
        return queryset.select_related("region", "parent").order_by("path")


# --- Staff positions --------------------------------------------------------------------------------

class StaffPositionResource(SpreadsheetResource):
    import_kind = "staff_positions"

    organization_code = Column("organization__code", required=True, widget=TextWidget(32),
                               example=TEMPLATE_ORGANIZATION,
                               headers={"uz": "Tashkilot kodi", "uz_cyrl": "Ташкилот коди",
                                        "ru": "Код организации", "en": "Organisation code"},
                               synonyms=("Organization code",), help_text=_("Organisation of the staffing table."))
    code = Column("code", required=True, widget=TextWidget(32), example="S-1-901",
                  headers={"uz": "Lavozim kodi", "uz_cyrl": "Лавозим коди", "ru": "Код должности",
                           "en": "Position code"},
                  synonyms=("Kod", "Код", "Code", "Staff position code"),
                  help_text=_("Unique within the organisation; rows are matched to existing positions by it."))
    name_uz = Column("name_uz", widget=TextWidget(255), example="Bosh mutaxassis",
                     headers={"uz": "Lavozim nomi (oʻzbekcha)", "uz_cyrl": "Лавозим номи (ўзбекча, лотин)",
                              "ru": "Наименование должности (узбекский)", "en": "Position name (Uzbek)"},
                     synonyms=("Lavozim nomi", "Nomi"),
                     help_text=_("Name in Uzbek (Latin script); required for a new position."))
    name_uz_cyrl = Column("name_uz_cyrl", widget=TextWidget(255), example="Бош мутахассис",
                          headers={"uz": "Lavozim nomi (kirill)", "uz_cyrl": "Лавозим номи (кирилл)",
                                   "ru": "Наименование должности (узбекский, кириллица)",
                                   "en": "Position name (Uzbek, Cyrillic)"},
                          help_text=_("Optional: name in Uzbek Cyrillic."))
    name_ru = Column("name_ru", widget=TextWidget(255), example="Главный специалист",
                     headers={"uz": "Lavozim nomi (ruscha)", "uz_cyrl": "Лавозим номи (русча)",
                              "ru": "Наименование должности (русский)", "en": "Position name (Russian)"},
                     help_text=_("Optional: name in Russian."))
    name_en = Column("name_en", widget=TextWidget(255), example="Chief specialist",
                     headers={"uz": "Lavozim nomi (inglizcha)", "uz_cyrl": "Лавозим номи (инглизча)",
                              "ru": "Наименование должности (английский)", "en": "Position name (English)"},
                     help_text=_("Optional: name in English."))
    category = Column("category", widget=ReferenceWidget(_("Category code, e.g. S-1 or M-3."), render_as="code",
                                                          max_length=16),
                      example="S-1",
                      headers={"uz": "Toifasi", "uz_cyrl": "Тоифаси", "ru": "Категория", "en": "Category"},
                      synonyms=("Toifa", "Category code"),
                      help_text=_("Position category of the register; required for a new position. The group "
                                  "(political, management, specialist) follows from it."))
    register_position = Column("register_position",
                               widget=ReferenceWidget(_("Code of the position in the State Register."),
                                                      render_as="code", max_length=32),
                               headers={"uz": "Reyestr lavozimi kodi", "uz_cyrl": "Реестр лавозими коди",
                                        "ru": "Код должности по реестру", "en": "Register position code"},
                               synonyms=("Register code",), help_text=_("Optional."))
    rate_units = Column("rate_units", widget=DecimalWidget(2, Decimal("0.25"), Decimal("9999")),
                        example=Decimal("2.00"),
                        headers={"uz": "Shtat birliklari soni", "uz_cyrl": "Штат бирликлари сони",
                                 "ru": "Количество штатных единиц", "en": "Rate units"},
                        synonyms=("Shtat birligi", "Штатные единицы", "Staff units"),
                        help_text=_("How many full-time units the staffing table plans; 1 when empty for a new "
                                    "position."))
    salary_grade = Column("salary_grade", widget=IntegerWidget(1, 99), example=12,
                          headers={"uz": "Ish haqi razryadi", "uz_cyrl": "Иш ҳақи разряди", "ru": "Разряд оплаты",
                                   "en": "Salary grade"},
                          help_text=_("Optional."))
    is_active = Column("is_active", widget=BooleanWidget(), example=True,
                       headers={"uz": "Faol", "uz_cyrl": "Фаол", "ru": "Действует", "en": "Active"},
                       synonyms=("Active",), help_text=_("Yes when empty for a new position."))

    class Meta:
        model = StaffPosition
        fields = export_order = ("organization_code", "code", "name_uz", "name_uz_cyrl", "name_ru", "name_en",
                                 "category", "register_position", "rate_units", "salary_grade", "is_active")
        import_id_fields = ("organization_code", "code")

    @staticmethod
    def export_queryset(queryset: QuerySet[StaffPosition]) -> QuerySet[StaffPosition]:
        return queryset.select_related("organization", "category", "register_position").order_by(
            "organization__code", "code")


class EmployeePeerResource(resources.ModelResource):
    """django-import-export with its default settings, matched by PINFL. Used only by
    ``bench/import_employees.py`` as the peer baseline; it is not an import path of the platform."""

    class Meta:
        model = Employee
        import_id_fields = ["pinfl"]
        fields = ("pinfl", "last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl",
                  "middle_name_cyrl", "birth_date", "sex", "citizenship", "passport", "phone", "email", "address",
                  "civil_service_start")


RESOURCES: dict[str, type[SpreadsheetResource]] = {
    "employees": EmployeeResource,
    "organizations": OrganizationResource,
    "staff_positions": StaffPositionResource,
}
