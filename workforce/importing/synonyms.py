"""The words HR offices put in their header rows, per kind of import and column.

Each column already knows its header in uz (Latin and Cyrillic), ru and en (``workforce.resources``);
these are the other wordings found in real workbooks: the offices' own lists, 1C and "Kadrlar"
exports, forms of the ministries. They are compared with :func:`workforce.importing.headers.header_key`
(case, script, apostrophes, ё/е, punctuation and spaces do not matter, and a note in brackets such as
"(dd.mm.yyyy)" is dropped), so "Дата приёма на работу" also covers "ДАТА ПРИЕМА НА РАБОТУ" and
"Data priyoma na rabotu". Uzbek Cyrillic and Russian spellings that fold to the same Latin letters
are written once.

A word may belong to one column of a kind only; ``header_index`` refuses a clash.
"""

from __future__ import annotations

EMPLOYEES: dict[str, tuple[str, ...]] = {
    "pinfl": (
        "ЖШШИР", "ЖШ ШИР", "ЖШШИР рақами", "JShShIR raqami", "ПИНФЛ сотрудника", "ИНН физического лица (ПИНФЛ)",
        "Жисмоний шахснинг шахсий идентификация рақами", "Shaxsiy identifikatsiya raqami",
        "Персональный идентификационный номер физического лица", "Идентификационный номер",
        "Персональный номер", "Personal identification number", "PINFL number",
    ),
    "last_name": (
        "Фамилияси", "Фамилия (латиница)", "Фамилия (лотин)", "Familiya (lotin)", "Familiyasi (lotin)",
        "Surname", "Family name", "Last name (Latin)",
    ),
    "first_name": (
        "Исми", "Имя (латиница)", "Исм (лотин)", "Ism (lotin)", "Given name", "First name (Latin)",
    ),
    "middle_name": (
        "Шарифи", "Otasining ismi (lotin)", "Отчество (латиница)", "Middle name", "Father's name",
    ),
    "last_name_cyrl": ("Фамилияси (кирилл)", "Familiyasi (kirill)", "Фамилия на кириллице"),
    "first_name_cyrl": ("Исми (кирилл)", "Ismi (kirill)", "Имя на кириллице"),
    "middle_name_cyrl": ("Шарифи (кирилл)", "Отчество на кириллице"),
    "birth_date": (
        "Д.р.", "Д/р", "Дата рожд.", "Дата рождения сотрудника", "Число, месяц, год рождения",
        "Tugʻilgan sanasi", "Tugʻilgan kuni", "Tugʻilgan kun, oy, yil", "Туғилган санаси", "Туғилган куни",
        "Birth date", "Birthdate", "DOB",
    ),
    "sex": ("Jins", "Jinsi (E/A)", "Пол (М/Ж)", "Gender"),
    "citizenship": ("Fuqarolik", "Гражданство сотрудника", "Citizenship"),
    "passport": (
        "Серия и номер паспорта", "Паспорт серия и номер", "Паспорт серия, номер", "Серия, номер паспорта",
        "Паспорт (серия, номер)", "Паспортные данные", "Паспорт №", "Номер паспорта", "ID-карта",
        "Pasport seriyasi va raqami", "Pasport seriya va raqami", "Pasport maʼlumotlari", "Паспорт серияси ва рақами",
        "Паспорт маълумотлари", "ID karta", "Passport number", "Passport No",
    ),
    "phone": (
        "Тел.", "Телефон номер", "Номер телефона", "Моб. телефон", "Мобильный телефон", "Контактный телефон",
        "Telefon raqami", "Mobil telefon", "Телефон рақами", "Phone number", "Mobile", "Mobile phone",
    ),
    "email": ("Email", "E-pochta", "Эл. почта", "Электронный адрес", "Почта", "Elektron manzil"),
    "address": (
        "Адрес проживания", "Домашний адрес", "Место жительства", "Адрес регистрации", "Yashash manzili",
        "Doimiy yashash manzili", "Яшаш манзили", "Home address",
    ),
    "education_level": (
        "Маълумоти", "Маълумот", "Maʼlumot", "Maʼlumot darajasi", "Уровень образования", "Образование (уровень)",
        "Education",
    ),
    "education_institution": (
        "Учебное заведение", "Наименование учебного заведения", "Окончил", "Что окончил",
        "Какое учебное заведение окончил",
        "ВУЗ", "Oʻquv yurti", "Bitirgan oliygoh", "Bitirgan oʻquv yurti", "Tamomlagan oʻquv yurti",
        "Qaysi oʻquv yurtini tamomlagan", "Тамомлаган ўқув юрти", "Institution", "University",
    ),
    "education_specialty": (
        "Специальность по диплому", "Mutaxassislik", "Mutaxassisligi (diplom boʻyicha)", "Speciality", "Major",
    ),
    "education_year": (
        "Год окончания учебного заведения", "Год окончания вуза", "Bitirgan yili", "Тамомлаган йили",
        "Year of graduation",
    ),
    "languages": (
        "Знание языков", "Владение языками", "Какими языками владеет", "Иностранные языки", "Biladigan tillari",
        "Qaysi tillarni biladi", "Chet tillari", "Қайси тилларни билади", "Foreign languages",
    ),
    "qualification_rank": (
        "Квалификационный разряд", "Классный чин (разряд)", "Malaka toifasi", "Малака тоифаси", "Rank", "Daraja",
        "Даражаси", "Malaka darajasi (unvon)",
    ),
    "civil_service_start": (
        "Стаж государственной службы с", "Стаж госслужбы с", "Начало госслужбы",
        "Дата поступления на государственную службу",
        "Davlat xizmatiga kirgan sanasi", "Davlat xizmatida", "Civil service start",
    ),
    "organization_code": ("Код подразделения", "Organization code", "Organisation ID"),
    "organization_name": (
        "Организация", "Наименование организации", "Место работы", "Tashkilot", "Ish joyi", "Иш жойи",
        "Organization",
    ),
    "staff_position_code": (
        "Шифр должности", "Код штатной единицы", "Shtat birligi kodi", "Штат бирлиги коди", "Staff position code",
    ),
    "staff_position_name": (
        "Lavozimi", "Лавозими", "Занимаемая должность", "Наименование должности", "Egallab turgan lavozimi",
        "Эгаллаб турган лавозими", "Job title",
    ),
    "assignment_start": (
        "Дата назначения на должность", "Дата приёма", "Дата приёма на работу", "Дата поступления на работу",
        "Принят", "Принят на работу", "Принята", "Дата приёма на должность", "Ишга қабул қилинган сана",
        "Ishga qabul qilingan sanasi", "Ishga kirgan sana", "Ишга кирган санаси", "Tayinlangan sana",
        "Lavozimga tayinlangan sanasi", "Hired on", "Hire date", "Appointed on", "Start date",
    ),
    "rate": ("Доля ставки", "Размер ставки", "Stavka miqdori", "Shtat birligi ulushi", "FTE"),
    "contract_type": ("Тип контракта", "Вид договора", "Вид трудового договора", "Mehnat shartnomasi turi", "Contract"),
    "contract_end": (
        "Срок договора до", "Договор до", "Контракт до", "Дата окончания контракта", "Shartnoma tugash muddati",
        "Shartnoma amal qilish muddati", "Contract end", "Contract until",
    ),
    "status": ("Состояние", "Holat", "Ҳолат"),
}

ORGANIZATIONS: dict[str, tuple[str, ...]] = {
    "code": ("Шифр организации", "Organisation ID"),
    "name_uz": (
        "Наименование", "Наименование организации", "Наименование на узбекском", "Nomi (lotin)", "Tashkilot nomi",
        "Name",
    ),
    "name_uz_cyrl": ("Наименование на узбекском (кириллица)", "Nomi (kirillda)"),
    "name_ru": ("Наименование на русском", "Nomi (rus tilida)"),
    "name_en": ("Наименование на английском", "Nomi (ingliz tilida)"),
    "level": ("Уровень органа", "Tashkilot darajasi"),
    "region": ("Область", "Viloyat", "SOATO", "Регион (СОАТО)", "Hudud (SOATO)"),
    "parent_code": ("Вышестоящая организация (код)", "Yuqori turuvchi tashkilot kodi"),
    "is_active": ("Активна", "Действующая", "Faoliyat yuritadi"),
}

STAFF_POSITIONS: dict[str, tuple[str, ...]] = {
    "organization_code": ("Код подразделения", "Organisation ID"),
    "code": ("Шифр должности", "Код штатной единицы", "Shtat birligi kodi"),
    "name_uz": ("Lavozim nomi", "Lavozim nomi (lotin)", "Наименование должности на узбекском"),
    "name_ru": ("Наименование должности на русском", "Lavozim nomi (rus tilida)"),
    "name_en": ("Наименование должности на английском", "Lavozim nomi (ingliz tilida)"),
    "category": ("Категория должности", "Lavozim toifasi"),
    "register_position": ("Код по реестру", "Reyestr kodi", "Код должности в реестре"),
    "rate_units": (
        "Кол-во штатных единиц", "Штатных единиц", "Количество ставок", "Shtat birliklari", "Rate units",
    ),
    "salary_grade": ("Разряд", "Razryad", "Ish haqi razryadi (daraja)"),
    "is_active": ("Активна", "Faol (ha/yoʻq)"),
}

HEADER_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "employees": EMPLOYEES,
    "organizations": ORGANIZATIONS,
    "staff_positions": STAFF_POSITIONS,
}

# One column that holds the whole name: split into surname, first name and patronymic.
FULL_NAME_HEADERS: tuple[str, ...] = (
    "ФИО", "Ф.И.О.", "ФИО сотрудника", "Фамилия Имя Отчество", "Фамилия, имя, отчество",
    "Фамилия, имя, отчество (полностью)",
    "F.I.Sh.", "FISh", "Ф.И.Ш.", "Ходимнинг Ф.И.Ш.", "Xodimning F.I.Sh.", "Familiyasi, ismi, sharifi",
    "Фамилияси, исми, шарифи", "Familiya, ism, otasining ismi", "Familiyasi, ismi, otasining ismi",
    "Full name", "Name and surname", "Surname, first name, patronymic",
)

# Columns that number the rows ("№", "п/п", "T/r"): ignored without a word.
ROW_NUMBER_HEADERS: tuple[str, ...] = (
    "№", "№ п/п", "п/п", "N п/п", "No", "No.", "Nr", "T/r", "Т/р", "Tartib raqami", "Тартиб рақами",
    "Порядковый номер", "Row", "#",
)
