"""The demo question bank: real questions in Uzbek (Latin) and Russian across the nine diagnostic
domains. Hand-written where knowledge is the point (law, history, leadership); generated from tables
where a pattern makes many meaningful variants (spelling, terms, shortcuts, number series, dates).

Every item is ``(section, kind, difficulty, texts, options, tags)`` with options as
``({"uz": ..., "ru": ...}, fraction)``; true/false items carry ``truth`` instead of options."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

S, M, TF = "single", "multiple", "true_false"
EASY, MEDIUM, HARD = 1, 2, 3


@dataclass
class Item:
    section: str
    kind: str
    difficulty: int
    uz: str
    ru: str
    options: list[tuple[dict[str, str], Decimal]] = field(default_factory=list)
    truth: bool | None = None
    tags: str = ""


def both(text: str) -> dict[str, str]:
    return {"uz": text, "ru": text}


def single(section, difficulty, uz, ru, right, wrong, tags=""):
    """``right`` and each of ``wrong`` are (uz, ru) pairs or one text for both languages."""
    def texts(value):
        return both(value) if isinstance(value, str) else {"uz": value[0], "ru": value[1]}
    options = [(texts(right), Decimal(1))] + [(texts(w), Decimal(0)) for w in wrong]
    return Item(section, S, difficulty, uz, ru, options, tags=tags)


def multiple(section, difficulty, uz, ru, right, wrong, tags="", penalty="0"):
    def texts(value):
        return both(value) if isinstance(value, str) else {"uz": value[0], "ru": value[1]}
    share = (Decimal(1) / len(right)).quantize(Decimal("0.00001"))
    options = [(texts(r), share) for r in right] + [(texts(w), Decimal(penalty)) for w in wrong]
    return Item(section, M, difficulty, uz, ru, options, tags=tags)


def true_false(section, difficulty, uz, ru, truth, tags=""):
    return Item(section, TF, difficulty, uz, ru, truth=truth, tags=tags)


# --- Recent legislation (ZRU-788 and the rules around it) -----------------------------------------
def legislation() -> list[Item]:
    L = "legislation"
    return [
        single(L, EASY, "«Davlat fuqarolik xizmati toʻgʻrisida»gi Oʻzbekiston Respublikasi Qonunining raqami qaysi?",
               "Каков номер Закона Республики Узбекистан «О государственной гражданской службе»?",
               ("OʻRQ-788", "ЗРУ-788"), [("OʻRQ-547", "ЗРУ-547"), ("OʻRQ-419", "ЗРУ-419"), ("OʻRQ-599", "ЗРУ-599")],
               "ZRU-788"),
        single(L, MEDIUM, "«Davlat fuqarolik xizmati toʻgʻrisida»gi Qonun qachon kuchga kirgan?",
               "Когда вступил в силу Закон «О государственной гражданской службе»?",
               ("2022-yil 8-noyabr", "8 ноября 2022 года"),
               [("2021-yil 1-yanvar", "1 января 2021 года"), ("2023-yil 30-aprel", "30 апреля 2023 года"),
                ("2019-yil 3-oktabr", "3 октября 2019 года")], "ZRU-788"),
        single(L, MEDIUM, "Davlat fuqarolik xizmatining rahbar lavozimlari qanday toʻldiriladi?",
               "Как замещаются руководящие должности государственной гражданской службы?",
               ("Ichki tanlov asosida", "По результатам внутреннего конкурса"),
               [("Tashqi tanlov asosida", "По результатам внешнего конкурса"),
                ("Faqat tayinlash yoʻli bilan", "Только путём назначения"),
                ("Saylov yoʻli bilan", "Путём выборов")], "ZRU-788, tanlov"),
        single(L, MEDIUM, "Mutaxassis lavozimlari qanday tanlov orqali toʻldiriladi?",
               "Через какой конкурс замещаются должности специалистов?",
               ("Tashqi tanlov", "Внешний конкурс"),
               [("Ichki tanlov", "Внутренний конкурс"), ("Tanlovsiz, rotatsiya tartibida", "Без конкурса, в порядке ротации"),
                ("Faqat kadrlar zaxirasidan", "Только из кадрового резерва")], "ZRU-788, tanlov"),
        true_false(L, EASY, "Rotatsiya tartibida tayinlash uchun tanlov oʻtkazish talab etilmaydi.",
                   "Для назначения в порядке ротации проведение конкурса не требуется.", True, "ZRU-788, rotatsiya"),
        single(L, MEDIUM, "2026-yil 1-yanvardan davlat fuqarolik xizmatiga birinchi marta kirayotgan shaxs bilan qanday "
               "shartnoma tuziladi?",
               "Какой договор с 1 января 2026 года заключается с лицом, впервые поступающим на государственную "
               "гражданскую службу?",
               ("Bir yil muddatli mehnat shartnomasi", "Срочный трудовой договор на один год"),
               [("Nomuayyan muddatga shartnoma", "Договор на неопределённый срок"),
                ("Uch yil muddatli shartnoma", "Срочный договор на три года"),
                ("Fuqarolik-huquqiy shartnoma", "Гражданско-правовой договор")], "ZRU-788, shartnoma"),
        single(L, MEDIUM, "Bir yillik shartnoma qachon nomuayyan muddatli shartnomaga aylantiriladi?",
               "Когда годичный договор переоформляется в договор на неопределённый срок?",
               ("Faoliyat samaradorligi ijobiy baholangandan keyin", "После положительной оценки эффективности деятельности"),
               [("Avtomatik ravishda olti oydan soʻng", "Автоматически через шесть месяцев"),
                ("Xodimning arizasi boʻyicha, baholashsiz", "По заявлению работника, без оценки"),
                ("Faqat malaka darajasi berilganda", "Только при присвоении классного чина")], "ZRU-788, shartnoma"),
        multiple(L, MEDIUM, "Davlat fuqarolik xizmatchisiga qoʻllaniladigan intizomiy jazo choralarini belgilang.",
                 "Отметьте меры дисциплинарного взыскания, применяемые к государственному гражданскому служащему.",
                 [("Hayfsan", "Выговор"), ("Jarima", "Штраф"), ("Malaka darajasini pasaytirish", "Понижение классного чина"),
                  ("Lavozimni pasaytirish", "Понижение в должности"), ("Ishdan boʻshatish", "Увольнение")],
                 [("Ish haqini bir yilga toʻxtatish", "Приостановление заработной платы на год"),
                  ("Maʼmuriy qamoq", "Административный арест")], "ZRU-788, intizom", penalty="-0.5"),
        single(L, EASY, "Davlat fuqarolik xizmatchisining ish vaqti haftasiga necha soatdan oshmasligi kerak?",
               "Какова максимальная продолжительность рабочего времени гражданского служащего в неделю?",
               ("40 soat", "40 часов"), [("36 soat", "36 часов"), ("42 soat", "42 часа"), ("48 soat", "48 часов")],
               "ZRU-788, ish vaqti"),
        single(L, MEDIUM, "Davlat fuqarolik xizmatchisining yillik taʼtili kamida necha kun?",
               "Какова минимальная продолжительность ежегодного отпуска гражданского служащего?",
               ("27 kun", "27 дней"), [("15 kun", "15 дней"), ("21 kun", "21 день"), ("30 kun", "30 дней")],
               "ZRU-788, taʼtil"),
        multiple(L, HARD, "Qaysi holatlarda xizmatchi rotatsiyadan ozod qilinadi?",
                 "В каких случаях служащий освобождается от ротации?",
                 [("Oʻqishda boʻlganida", "Во время обучения"), ("Homiladorlik davrida", "В период беременности"),
                  ("Uch yoshga toʻlmagan farzandi boʻlsa", "При наличии ребёнка в возрасте до трёх лет"),
                  ("Pensiya yoshiga uch yil qolganida", "Если до пенсионного возраста осталось три года")],
                 [("Lavozimda bir yildan kam ishlaganida", "Если проработал в должности менее года"),
                  ("Oilasi boshqa shaharda yashasa", "Если семья проживает в другом городе")],
                 "ZRU-788, rotatsiya", penalty="-0.5"),
        single(L, MEDIUM, "Tanlovda 56 va undan yuqori test balli necha oy davomida hisobga olinadi?",
               "В течение скольких месяцев учитывается результат теста 56 баллов и выше?",
               ("3 oy", "3 месяца"), [("1 oy", "1 месяц"), ("6 oy", "6 месяцев"), ("12 oy", "12 месяцев")],
               "tanlov, test"),
        single(L, EASY, "Nomzod bir vaqtning oʻzida nechta faol arizaga ega boʻlishi mumkin?",
               "Сколько активных заявок одновременно может иметь кандидат?",
               ("5 ta", "5"), [("3 ta", "3"), ("10 ta", "10"), ("Cheklanmagan", "Без ограничений")], "tanlov"),
        true_false(L, MEDIUM, "Tanlov gʻolibi oʻrniga kadrlar zaxirasidagi navbatdagi nomzod faqat gʻolib tayinlanishdan voz "
                   "kechgan taqdirda tayinlanishi mumkin.",
                   "Следующий кандидат из резерва может быть назначен вместо победителя конкурса только при отказе "
                   "победителя от назначения.", True, "tanlov, zaxira"),
        single(L, MEDIUM, "Yangi tahrirdagi Oʻzbekiston Respublikasi Konstitutsiyasi qaysi usulda qabul qilingan?",
               "Каким способом принята Конституция Республики Узбекистан в новой редакции?",
               ("Umumxalq referendumida (2023-yil 30-aprel)", "На всенародном референдуме (30 апреля 2023 года)"),
               [("Oliy Majlis qarori bilan", "Постановлением Олий Мажлиса"),
                ("Prezident farmoni bilan", "Указом Президента"),
                ("Vazirlar Mahkamasi qarori bilan", "Постановлением Кабинета Министров")], "Konstitutsiya"),
        single(L, MEDIUM, "«Shaxsga doir maʼlumotlar toʻgʻrisida»gi Qonunga koʻra, Oʻzbekiston fuqarolarining shaxsiy "
               "maʼlumotlari qayerda saqlanishi shart?",
               "Где, согласно Закону «О персональных данных», должны храниться персональные данные граждан "
               "Узбекистана?",
               ("Oʻzbekiston hududidagi serverlarda", "На серверах, расположенных на территории Узбекистана"),
               [("Istalgan bulutli xizmatda", "В любом облачном сервисе"),
                ("Faqat qogʻozda", "Только на бумажных носителях"),
                ("Xodimning shaxsiy kompyuterida", "На личном компьютере сотрудника")], "shaxsiy maʼlumotlar"),
        single(L, HARD, "«Jismoniy va yuridik shaxslarning murojaatlari toʻgʻrisida»gi Qonunga koʻra, qoʻshimcha "
               "oʻrganishni talab qilmaydigan murojaat qancha muddatda koʻrib chiqiladi?",
               "В какой срок по Закону «Об обращениях физических и юридических лиц» рассматривается обращение, не "
               "требующее дополнительного изучения?",
               ("15 kun ichida", "В течение 15 дней"),
               [("3 kun ichida", "В течение 3 дней"), ("30 kun ichida", "В течение 30 дней"),
                ("2 oy ichida", "В течение 2 месяцев")], "murojaatlar"),
        single(L, MEDIUM, "«Korrupsiyaga qarshi kurashish toʻgʻrisida»gi Qonun qaysi yili qabul qilingan?",
               "В каком году принят Закон «О противодействии коррупции»?",
               ("2017", "2017"), ["2012", "2020", "2022"], "korrupsiya"),
        true_false(L, EASY, "Davlat xizmatchisi oʻz vakolatlari doirasida manfaatlar toʻqnashuvi yuzaga kelganini "
                   "rahbariyatga xabar qilishi shart.",
                   "Государственный служащий обязан сообщать руководству о возникновении конфликта интересов при "
                   "исполнении своих полномочий.", True, "korrupsiya, odob"),
        single(L, MEDIUM, "Ichki xizmat safari (qatnov vaqtisiz) koʻpi bilan necha kalendar kun davom etishi mumkin?",
               "Какова максимальная продолжительность служебной командировки внутри страны (без учёта времени в "
               "пути)?",
               ("30 kun", "30 дней"), [("10 kun", "10 дней"), ("45 kun", "45 дней"), ("60 kun", "60 дней")],
               "xizmat safari"),
        single(L, HARD, "Xizmat safarida davlat organi rahbari uchun mehmonxona xarajatining bir kechalik chegarasi "
               "BHMning necha baravari?",
               "Каков предел расходов на гостиницу за одну ночь для руководителя государственного органа в "
               "командировке (в БРВ)?",
               ("3 baravari", "3-кратный размер"),
               [("1,5 baravari", "1,5-кратный размер"), ("2 baravari", "2-кратный размер"),
                ("5 baravari", "5-кратный размер")], "xizmat safari, BHM"),
        single(L, MEDIUM, "JShShIR (PINFL) necha raqamdan iborat?",
               "Из скольких цифр состоит ПИНФЛ?",
               ("14", "14"), ["9", "12", "16"], "JShShIR"),
        single(L, MEDIUM, "«Oʻzbekiston — 2030» strategiyasi qaysi hujjat bilan tasdiqlangan?",
               "Каким документом утверждена стратегия «Узбекистан — 2030»?",
               ("Prezident farmoni bilan (2023-yil sentabr)", "Указом Президента (сентябрь 2023 года)"),
               [("Oliy Majlis qonuni bilan", "Законом Олий Мажлиса"),
                ("Vazirlar Mahkamasi qarori bilan", "Постановлением Кабинета Министров"),
                ("Referendum natijasida", "По итогам референдума")], "strategiya"),
    ]


# --- State language: spelling, official terms, document genres --------------------------------------
SPELLING = [  # correct, wrong forms
    ("maʼlumotnoma", ["malumotnoma", "maʼlumodnoma", "maʼlumatnoma"]),
    ("taʼlim", ["talim", "taʼlm", "taalim"]),
    ("mutaxassis", ["mutaxasis", "mutahassis", "mutaxassiz"]),
    ("hujjat", ["xujjat", "hujat", "hujjad"]),
    ("xodim", ["hodim", "xodm", "xodiym"]),
    ("hokimlik", ["xokimlik", "hokimlig", "hokumlik"]),
    ("bayonnoma", ["bayonoma", "bayonnomma", "boyonnoma"]),
    ("murojaat", ["murojat", "murajaat", "murojaad"]),
    ("tashabbus", ["tashabus", "tashshabbus", "tashabbuz"]),
    ("muassasa", ["muasasa", "muassassa", "moassasa"]),
    ("jamoatchilik", ["jamoatchiliq", "jamoachilik", "jamiatchilik"]),
    ("sanʼat", ["sanat", "sanʼad", "sannat"]),
    ("istiqbol", ["istiqbool", "istiqpol", "istikbol"]),
    ("mamlakat", ["mamlakad", "mamalakat", "mamlaqat"]),
]
TERMS = [  # Russian term, Uzbek equivalent
    ("приказ", "buyruq"), ("постановление", "qaror"), ("указ", "farmon"), ("распоряжение", "farmoyish"),
    ("протокол", "bayonnoma"), ("доверенность", "ishonchnoma"), ("справка", "maʼlumotnoma"), ("заявление", "ariza"),
    ("объяснительная записка", "tushuntirish xati"), ("докладная записка", "bildirishnoma"),
    ("характеристика", "tavsifnoma"), ("акт", "dalolatnoma"),
]


def state_language(rng: random.Random) -> list[Item]:
    L = "state_language"
    items = [
        single(L, EASY, "Oʻzbekiston Respublikasining davlat tili qaysi?",
               "Какой язык является государственным языком Республики Узбекистан?",
               ("Oʻzbek tili", "Узбекский язык"),
               [("Rus tili", "Русский язык"), ("Qoraqalpoq tili", "Каракалпакский язык"),
                ("Oʻzbek va rus tillari", "Узбекский и русский языки")], "Konstitutsiya, davlat tili"),
        single(L, EASY, "Oʻzbek tili bayrami (davlat tiliga maqom berilgan kun) qachon nishonlanadi?",
               "Когда отмечается День узбекского языка (день придания ему статуса государственного)?",
               ("21-oktabr", "21 октября"), [("1-sentabr", "1 сентября"), ("8-dekabr", "8 декабря"),
                                             ("9-may", "9 мая")], "davlat tili"),
        single(L, MEDIUM, "Davlat tilida ish yuritishda «oʻ» va «gʻ» harflaridagi belgi qanday yoziladi?",
               "Как пишется знак в буквах «oʻ» и «gʻ» в делопроизводстве на государственном языке?",
               ("Teskari vergul (ʻ) bilan", "Перевёрнутой запятой (ʻ)"),
               [("Oddiy apostrof (') bilan", "Обычным апострофом (')"), ("Belgisiz: «o», «g»", "Без знака: «o», «g»"),
                ("Qoʻshtirnoq (\") bilan", "Кавычками (\")")], "imlo"),
        true_false(L, MEDIUM, "Tutuq belgisi (ʼ) «oʻ» va «gʻ» harflaridagi belgi bilan bir xil yoziladi.",
                   "Знак «тутук белгиси» (ʼ) пишется так же, как знак в буквах «oʻ» и «gʻ».", False, "imlo"),
        single(L, MEDIUM, "Rasmiy hujjatda sana qaysi shaklda toʻgʻri yozilgan?",
               "Какая форма записи даты верна для официального документа на узбекском языке?",
               "2026-yil 15-mart", ["15-mart 2026-yil", "2026 yil, mart 15", "mart 15-si 2026-yilda"], "ish yuritish"),
        single(L, MEDIUM, "Yuqori turuvchi rahbarga xizmat yuzasidan biror masala boʻyicha yoziladigan hujjat qanday "
               "ataladi?",
               "Как называется документ, адресуемый вышестоящему руководителю по служебному вопросу?",
               ("Bildirishnoma", "Докладная записка (bildirishnoma)"),
               [("Tavsifnoma", "Характеристика (tavsifnoma)"), ("Ishonchnoma", "Доверенность (ishonchnoma)"),
                ("Dalolatnoma", "Акт (dalolatnoma)")], "ish yuritish"),
        single(L, HARD, "Qaysi gapda tinish belgisi toʻgʻri qoʻyilgan?",
               "В каком предложении знаки препинания расставлены правильно?",
               "Yigʻilishda vazir, uning oʻrinbosarlari va boʻlim boshliqlari qatnashdi.",
               ["Yigʻilishda vazir uning, oʻrinbosarlari va boʻlim boshliqlari qatnashdi.",
                "Yigʻilishda, vazir uning oʻrinbosarlari, va boʻlim boshliqlari qatnashdi.",
                "Yigʻilishda vazir, uning oʻrinbosarlari, va, boʻlim boshliqlari qatnashdi."], "tinish belgilari"),
        single(L, MEDIUM, "«Muhtaram» soʻzining maʼnodoshi qaysi?",
               "Какое слово является синонимом слова «muhtaram» (уважаемый)?",
               "hurmatli", ["mashhur", "masʼul", "muhim"], "leksika"),
        single(L, MEDIUM, "Qaysi soʻz «nazorat» soʻzining maʼnodoshi?",
               "Какое слово близко по значению к слову «nazorat» (контроль)?",
               "tekshiruv", ["tashabbus", "takomil", "taqdimot"], "leksika"),
    ]
    for number, (correct, wrong) in enumerate(SPELLING):
        items.append(single(L, EASY if number % 3 else MEDIUM, "Qaysi soʻz imlo qoidalariga muvofiq yozilgan?",
                            "Какое слово написано в соответствии с правилами узбекской орфографии?",
                            correct, wrong, "imlo"))
    for number, (russian, uzbek) in enumerate(TERMS):
        others = [u for _r, u in TERMS if u != uzbek]
        wrong = rng.sample(others, 3)
        items.append(single(L, MEDIUM if number % 2 else EASY,
                            f"«{russian}» atamasining davlat tilidagi rasmiy muqobili qaysi?",
                            f"Какой официальный эквивалент термина «{russian}» на государственном языке?",
                            uzbek, wrong, "atamalar"))
    return items


# --- Analytical and logical reasoning ---------------------------------------------------------------
def logic(rng: random.Random) -> list[Item]:
    L = "logic"
    items = [
        single(L, EASY, "Barcha inspektorlar davlat xizmatchisi. Karimov — inspektor. Qaysi xulosa toʻgʻri?",
               "Все инспекторы — государственные служащие. Каримов — инспектор. Какой вывод верен?",
               ("Karimov — davlat xizmatchisi", "Каримов — государственный служащий"),
               [("Barcha davlat xizmatchilari inspektor", "Все государственные служащие — инспекторы"),
                ("Karimov inspektor emas", "Каримов не инспектор"),
                ("Xulosa chiqarib boʻlmaydi", "Вывод сделать нельзя")], "sillogizm"),
        single(L, MEDIUM, "Ayrim mutaxassislar ingliz tilini biladi. Barcha mutaxassislar oliy maʼlumotli. Qaysi xulosa "
               "albatta toʻgʻri?",
               "Некоторые специалисты знают английский. Все специалисты имеют высшее образование. Какой вывод "
               "обязательно верен?",
               ("Oliy maʼlumotli ayrim kishilar ingliz tilini biladi", "Некоторые люди с высшим образованием знают английский"),
               [("Ingliz tilini biladiganlarning barchasi mutaxassis", "Все, кто знает английский, — специалисты"),
                ("Barcha oliy maʼlumotlilar ingliz tilini biladi", "Все люди с высшим образованием знают английский"),
                ("Hech bir mutaxassis ingliz tilini bilmaydi", "Ни один специалист не знает английского")], "sillogizm"),
        single(L, MEDIUM, "Agar hisobot juma kuni topshirilmasa, boʻlim mukofotdan mahrum boʻladi. Boʻlim mukofot oldi. "
               "Nima aniq?",
               "Если отчёт не сдан в пятницу, отдел лишается премии. Отдел получил премию. Что точно известно?",
               ("Hisobot juma kuni topshirilgan", "Отчёт сдан в пятницу"),
               [("Hisobot kechiktirilgan", "Отчёт задержан"), ("Hisobot umuman topshirilmagan", "Отчёт не сдан вовсе"),
                ("Hech narsa aniq emas", "Ничего точно не известно")], "implikatsiya"),
        single(L, HARD, "Uch xodim — Aziz, Bobur va Dilnoza — har biri bitta boʻlimda ishlaydi: moliya, huquq, kadrlar. "
               "Aziz huquqda emas, Bobur moliyada emas va kadrlarda emas. Dilnoza qayerda ishlaydi?",
               "Трое сотрудников — Азиз, Бобур и Дильноза — работают каждый в одном отделе: финансы, право, кадры. "
               "Азиз не в праве, Бобур не в финансах и не в кадрах. Где работает Дильноза?",
               ("Kadrlar boʻlimida", "В отделе кадров"),
               [("Moliya boʻlimida", "В финансовом отделе"), ("Huquq boʻlimida", "В юридическом отделе"),
                ("Aniqlab boʻlmaydi", "Определить нельзя")], "mantiqiy masala"),
        true_false(L, MEDIUM, "«Hamma qarorlar muhokama qilindi» degan gapning inkori: «Hech bir qaror muhokama qilinmadi».",
                   "Отрицание высказывания «Все решения обсуждены» — «Ни одно решение не обсуждено».", False, "inkor"),
        single(L, MEDIUM, "Xizmat avtomobili 3 soatda 195 km yoʻl bosdi. Shu tezlikda 5 soatda qancha yoʻl bosadi?",
               "Служебный автомобиль проехал 195 км за 3 часа. Сколько он проедет за 5 часов с той же скоростью?",
               "325 km", ["300 km", "350 km", "390 km"], "arifmetika"),
        single(L, HARD, "Ikki xodim hisobotni birgalikda 6 soatda tayyorlaydi. Birinchisi yolgʻiz 10 soatda tayyorlaydi. "
               "Ikkinchisi yolgʻiz necha soatda tayyorlaydi?",
               "Двое сотрудников вместе готовят отчёт за 6 часов. Первый один готовит его за 10 часов. За сколько "
               "часов его подготовит второй?",
               "15", ["12", "16", "4"], "arifmetika"),
    ]
    # Percentages of a budget line.
    for base, pct in ((1200, 15), (850, 20), (2400, 12.5), (640, 35), (1500, 8)):
        answer = base * pct / 100
        wrong = sorted({round(answer * f, 1) for f in (0.8, 1.25, 1.5)} - {answer})[:3]
        fmt = lambda v: (f"{v:g}".replace(".", ",")) + " mln soʻm"  # noqa: E731
        fmt_ru = lambda v: (f"{v:g}".replace(".", ",")) + " млн сумов"  # noqa: E731
        items.append(single(
            L, MEDIUM, f"Tadbir uchun {base} mln soʻm ajratildi. Uning {f'{pct:g}'.replace('.', ',')} % i transportga "
            "sarflandi. Transportga qancha sarflangan?",
            f"На мероприятие выделено {base} млн сумов. {f'{pct:g}'.replace('.', ',')} % из них потрачено на "
            "транспорт. Сколько потрачено на транспорт?",
            (fmt(answer), fmt_ru(answer)), [(fmt(w), fmt_ru(w)) for w in wrong], "foiz"))
    # Growth over two years.
    for start, growth in ((100, 10), (200, 5), (400, 20)):
        result = start * (1 + growth / 100) ** 2
        items.append(single(
            L, HARD, f"Murojaatlar soni har yili {growth} % ga oshmoqda. Hozir {start} ta boʻlsa, ikki yildan keyin "
            "nechta boʻladi?",
            f"Число обращений ежегодно растёт на {growth} %. Сейчас их {start}. Сколько их будет через два года?",
            f"{result:g}", [f"{start + 2 * start * growth / 100:g}", f"{start * (1 + growth / 100):g}",
                            f"{result * 1.1:.0f}"], "foiz"))
    # Reading a small table.
    items += [
        single(L, MEDIUM, "Jadval: I chorak — 120 ta, II — 150 ta, III — 90 ta, IV — 160 ta murojaat. Oʻrtacha "
               "choraklik son nechta?",
               "Таблица: I квартал — 120, II — 150, III — 90, IV — 160 обращений. Каково среднее число за квартал?",
               "130", ["120", "125", "140"], "jadval"),
        single(L, MEDIUM, "Shu jadvalda qaysi chorakda oʻsish eng katta boʻlgan (oldingi chorakka nisbatan)?",
               "В той же таблице (120, 150, 90, 160) в каком квартале рост к предыдущему наибольший?",
               ("IV chorakda", "В IV квартале"), [("II chorakda", "Во II квартале"), ("III chorakda", "В III квартале"),
                                                  ("Oʻsish boʻlmagan", "Роста не было")], "jadval"),
        single(L, MEDIUM, "5 kishilik komissiyadan 2 kishilik ishchi guruh necha usulda tuzilishi mumkin?",
               "Сколькими способами из комиссии в 5 человек можно составить рабочую группу из 2 человек?",
               "10", ["5", "20", "25"], "kombinatorika"),
        true_false(L, MEDIUM, "Agar «Hisobot tayyor boʻlsa, yigʻilish oʻtkaziladi» rost boʻlsa, «Yigʻilish oʻtkazilmadi, "
                   "demak hisobot tayyor emas» xulosasi ham rost.",
                   "Если верно «Если отчёт готов, совещание проводится», то вывод «Совещание не проведено, значит отчёт "
                   "не готов» тоже верен.", True, "implikatsiya"),
        single(L, HARD, "Boʻlimda 12 xodim bor: 7 tasi rus tilini, 5 tasi ingliz tilini, 3 tasi ikkalasini biladi. Nechta "
               "xodim hech qaysisini bilmaydi?",
               "В отделе 12 сотрудников: 7 знают русский, 5 — английский, 3 — оба языка. Сколько не знают ни одного?",
               "3", ["0", "2", "4"], "toʻplamlar"),
        single(L, MEDIUM, "Murojaatlarning 40 % i onlayn, qolganining yarmi pochta orqali keldi. Pochta orqali kelganlar "
               "ulushi qancha?",
               "40 % обращений поступило онлайн, половина остальных — по почте. Какова доля поступивших по почте?",
               "30 %", ["20 %", "50 %", "60 %"], "foiz"),
        single(L, EASY, "Qaysi son qolganlaridan farq qiladi: 14, 21, 35, 43, 56?",
               "Какое число отличается от остальных: 14, 21, 35, 43, 56?", "43", ["21", "35", "56"], "toq"),
    ]
    return items


# --- IQ: series, analogies, odd one out -------------------------------------------------------------
def iq(rng: random.Random) -> list[Item]:
    L = "iq"
    items: list[Item] = []
    series = [
        ([3, 7, 11, 15], 19, EASY), ([2, 6, 18, 54], 162, MEDIUM), ([1, 4, 9, 16, 25], 36, EASY),
        ([1, 1, 2, 3, 5, 8], 13, MEDIUM), ([100, 91, 82, 73], 64, EASY), ([2, 3, 5, 7, 11], 13, MEDIUM),
        ([1, 2, 6, 24], 120, HARD), ([5, 10, 20, 40], 80, EASY), ([1, 3, 7, 15, 31], 63, HARD),
        ([4, 9, 19, 39], 79, HARD), ([81, 27, 9, 3], 1, MEDIUM), ([2, 5, 10, 17, 26], 37, HARD),
    ]
    for terms, answer, level in series:
        sequence = ", ".join(str(t) for t in terms)
        wrong = sorted({answer + d for d in (-2, 1, 3, answer // 2 or 4)} - {answer})[:3]
        items.append(single(L, level, f"Qatorni davom ettiring: {sequence}, …",
                            f"Продолжите ряд: {sequence}, …", str(answer), [str(w) for w in wrong], "sonlar qatori"))
    odd = [
        (("olma", "яблоко"), [("nok", "груша"), ("oʻrik", "абрикос"), ("shaftoli", "персик")], ("sabzi", "морковь")),
        (("kvadrat", "квадрат"), [("uchburchak", "треугольник"), ("romb", "ромб"), ("trapetsiya", "трапеция")],
         ("aylana", "окружность")),
        (("Toshkent", "Ташкент"), [("Samarqand", "Самарканд"), ("Buxoro", "Бухара"), ("Xiva", "Хива")],
         ("Olmaota", "Алматы")),
        (("soat", "час"), [("daqiqa", "минута"), ("soniya", "секунда"), ("sutka", "сутки")], ("kilogramm", "килограмм")),
        (("qalam", "карандаш"), [("ruchka", "ручка"), ("marker", "маркер"), ("boʻr", "мел")], ("oʻchirgʻich", "ластик")),
    ]
    for first, rest, odd_one in odd:
        words_uz = ", ".join([first[0], *(w[0] for w in rest), odd_one[0]])
        words_ru = ", ".join([first[1], *(w[1] for w in rest), odd_one[1]])
        items.append(single(L, EASY, f"Ortiqcha soʻzni toping: {words_uz}.", f"Найдите лишнее слово: {words_ru}.",
                            odd_one, [first, *rest[:2]], "ortiqcha"))
    analogies = [
        (("kitob : kutubxona = rasm : ?", "книга : библиотека = картина : ?"), ("muzey", "музей"),
         [("rassom", "художник"), ("ramka", "рама"), ("boʻyoq", "краска")]),
        (("shifokor : kasalxona = oʻqituvchi : ?", "врач : больница = учитель : ?"), ("maktab", "школа"),
         [("dars", "урок"), ("oʻquvchi", "ученик"), ("kitob", "книга")]),
        (("qonun : parlament = farmon : ?", "закон : парламент = указ : ?"), ("Prezident", "Президент"),
         [("sud", "суд"), ("vazirlik", "министерство"), ("fuqaro", "гражданин")]),
        (("issiq : sovuq = baland : ?", "горячий : холодный = высокий : ?"), ("past", "низкий"),
         [("katta", "большой"), ("uzun", "длинный"), ("tor", "узкий")]),
    ]
    for (uz, ru), right, wrong in analogies:
        items.append(single(L, MEDIUM, f"Oʻxshashlikni davom ettiring: {uz}", f"Продолжите аналогию: {ru}", right, wrong,
                            "oʻxshashlik"))
    items += [
        single(L, HARD, "Soat 3:15 ni koʻrsatmoqda. Soat va daqiqa millari orasidagi burchak necha gradus?",
               "Часы показывают 3:15. Каков угол между часовой и минутной стрелками?", "7,5°", ["0°", "15°", "90°"],
               "fazoviy"),
        single(L, MEDIUM, "Agar ertaga chorshanba boʻlsa, kecha qaysi kun edi?",
               "Если завтра среда, какой день был вчера?", ("Dushanba", "Понедельник"),
               [("Seshanba", "Вторник"), ("Yakshanba", "Воскресенье"), ("Payshanba", "Четверг")], "mantiq"),
        single(L, MEDIUM, "Harflar qatorini davom ettiring: A, C, F, J, …", "Продолжите ряд букв: A, C, F, J, …",
               "O", ["M", "N", "P"], "harflar qatori"),
    ]
    return items


# --- Computer literacy -------------------------------------------------------------------------------
SHORTCUTS = [
    ("Ctrl + C", ("Belgilangan qismni nusxalash", "Копировать выделенное")),
    ("Ctrl + V", ("Nusxalanganni qoʻyish", "Вставить скопированное")),
    ("Ctrl + X", ("Belgilangan qismni kesib olish", "Вырезать выделенное")),
    ("Ctrl + Z", ("Oxirgi amalni bekor qilish", "Отменить последнее действие")),
    ("Ctrl + S", ("Hujjatni saqlash", "Сохранить документ")),
    ("Ctrl + P", ("Chop etish", "Печать")),
    ("Ctrl + F", ("Matndan qidirish", "Поиск по тексту")),
    ("Ctrl + A", ("Hammasini belgilash", "Выделить всё")),
    ("Alt + Tab", ("Ochiq oynalar orasida oʻtish", "Переключение между открытыми окнами")),
    ("Win + L", ("Kompyuterni qulflash", "Заблокировать компьютер")),
]
EXTENSIONS = [
    (".xlsx", ("Elektron jadval (Excel)", "Электронная таблица (Excel)")),
    (".docx", ("Matnli hujjat (Word)", "Текстовый документ (Word)")),
    (".pptx", ("Taqdimot (PowerPoint)", "Презентация (PowerPoint)")),
    (".pdf", ("Oʻzgarmas koʻrinishdagi hujjat (PDF)", "Документ с неизменяемой вёрсткой (PDF)")),
    (".zip", ("Siqilgan arxiv", "Сжатый архив")),
]


def computer(rng: random.Random) -> list[Item]:
    L = "computer"
    items: list[Item] = []
    for number, (keys, meaning) in enumerate(SHORTCUTS):
        wrong = rng.sample([m for _k, m in SHORTCUTS if m != meaning], 3)
        items.append(single(L, EASY if number < 6 else MEDIUM, f"«{keys}» tugmalar birikmasi nimani bajaradi?",
                            f"Что делает сочетание клавиш «{keys}»?", meaning, wrong, "klaviatura"))
    for extension, meaning in EXTENSIONS:
        wrong = [m for _e, m in EXTENSIONS if m != meaning][:3]
        items.append(single(L, EASY, f"«{extension}» kengaytmali fayl bu …", f"Файл с расширением «{extension}» — это …",
                            meaning, wrong, "fayllar"))
    items += [
        single(L, MEDIUM, "Excelda A1:A10 kataklardagi sonlarning oʻrtacha qiymati qaysi formula bilan hisoblanadi?",
               "Какой формулой в Excel вычисляется среднее значение ячеек A1:A10?",
               "=AVERAGE(A1:A10)", ["=SUM(A1:A10)", "=COUNT(A1:A10)", "=MEAN(A1:A10)"], "Excel"),
        single(L, MEDIUM, "Excelda boʻsh boʻlmagan kataklar sonini qaysi funksiya sanaydi?",
               "Какая функция Excel считает количество непустых ячеек?", "COUNTA", ["COUNT", "SUM", "LEN"], "Excel"),
        single(L, HARD, "Excelda =IF(B2>=56;\"oʻtdi\";\"oʻtmadi\") formulasi B2=56 boʻlsa nimani qaytaradi?",
               "Что вернёт формула Excel =IF(B2>=56;\"oʻtdi\";\"oʻtmadi\") при B2=56?",
               "oʻtdi", ["oʻtmadi", "#VALUE!", "56"], "Excel"),
        single(L, MEDIUM, "Qaysi parol eng ishonchli?", "Какой пароль наиболее надёжный?",
               "Qm7!vR2#pL9x", ["12345678", "parol2026", "Toshkent"], "xavfsizlik"),
        multiple(L, MEDIUM, "Fishing (phishing) xatining belgilarini belgilang.",
                 "Отметьте признаки фишингового письма.",
                 [("Parol yoki karta maʼlumotlarini shoshilinch soʻrash", "Срочная просьба сообщить пароль или данные карты"),
                  ("Joʻnatuvchi manzili rasmiy domenga oʻxshash, lekin farq qiladi",
                   "Адрес отправителя похож на официальный домен, но отличается"),
                  ("Notanish havolani bosishga undash", "Призыв перейти по незнакомой ссылке")],
                 [("Xat tashkilotning rasmiy domenidan kelgan va hech narsa soʻralmagan",
                   "Письмо пришло с официального домена организации и ничего не просит"),
                  ("Xatda majlis kun tartibi ilova qilingan", "К письму приложена повестка совещания")],
                 "xavfsizlik", penalty="-0.5"),
        true_false(L, EASY, "Ikki bosqichli autentifikatsiya parol oʻgʻirlangan taqdirda ham hisobni himoya qilishga yordam beradi.",
                   "Двухфакторная аутентификация помогает защитить учётную запись даже при краже пароля.", True,
                   "xavfsizlik"),
        true_false(L, MEDIUM, "Xizmat hujjatlarini shaxsiy bulutli xizmatga yuklash shaxsiy maʼlumotlar toʻgʻrisidagi qonun "
                   "talablariga mos keladi.",
                   "Загрузка служебных документов в личное облачное хранилище соответствует требованиям закона о "
                   "персональных данных.", False, "xavfsizlik"),
        single(L, MEDIUM, "Elektron raqamli imzo (E-IMZO) nimani tasdiqlaydi?",
               "Что подтверждает электронная цифровая подпись (E-IMZO)?",
               ("Hujjatni kim imzolagani va imzodan keyin oʻzgarmaganini", "Кто подписал документ и что он не изменён после подписания"),
               [("Hujjat virussiz ekanini", "Что документ не содержит вирусов"),
                ("Hujjat tez yetkazilganini", "Что документ доставлен быстро"),
                ("Hujjat maxfiy ekanini", "Что документ секретный")], "E-IMZO"),
    ]
    return items


# --- History of Uzbekistan ---------------------------------------------------------------------------
DATES = [  # question uz, question ru, answer, distractors, difficulty
    ("Oʻzbekiston davlat mustaqilligi qaysi sanada eʼlon qilingan?",
     "Когда была провозглашена государственная независимость Узбекистана?",
     ("1991-yil 31-avgust", "31 августа 1991 года"),
     [("1991-yil 1-sentabr", "1 сентября 1991 года"), ("1992-yil 8-dekabr", "8 декабря 1992 года"),
      ("1990-yil 20-iyun", "20 июня 1990 года")], EASY),
    ("Oʻzbekiston Respublikasi Konstitutsiyasi birinchi marta qachon qabul qilingan?",
     "Когда впервые была принята Конституция Республики Узбекистан?",
     ("1992-yil 8-dekabr", "8 декабря 1992 года"),
     [("1991-yil 31-avgust", "31 августа 1991 года"), ("1993-yil 2-sentabr", "2 сентября 1993 года"),
      ("1995-yil 21-dekabr", "21 декабря 1995 года")], EASY),
    ("Oʻzbekiston BMTga qachon aʼzo boʻlgan?", "Когда Узбекистан стал членом ООН?",
     ("1992-yil 2-mart", "2 марта 1992 года"),
     [("1991-yil 31-avgust", "31 августа 1991 года"), ("1993-yil 1-yanvar", "1 января 1993 года"),
      ("1994-yil 1-iyul", "1 июля 1994 года")], MEDIUM),
    ("Milliy valyuta — soʻm qachon muomalaga kiritilgan?", "Когда введена в обращение национальная валюта — сум?",
     ("1994-yil 1-iyul", "1 июля 1994 года"),
     [("1991-yil 1-sentabr", "1 сентября 1991 года"), ("1992-yil 8-dekabr", "8 декабря 1992 года"),
      ("1996-yil 1-yanvar", "1 января 1996 года")], MEDIUM),
    ("Oʻzbekiston Davlat bayrogʻi qachon qabul qilingan?", "Когда был принят Государственный флаг Узбекистана?",
     ("1991-yil 18-noyabr", "18 ноября 1991 года"),
     [("1992-yil 2-iyul", "2 июля 1992 года"), ("1992-yil 10-dekabr", "10 декабря 1992 года"),
      ("1991-yil 31-avgust", "31 августа 1991 года")], HARD),
    ("Toshkentdagi kuchli zilzila qachon sodir boʻlgan?", "Когда произошло сильное Ташкентское землетрясение?",
     ("1966-yil 26-aprel", "26 апреля 1966 года"),
     [("1956-yil 12-may", "12 мая 1956 года"), ("1976-yil 17-may", "17 мая 1976 года"),
      ("1946-yil 2-noyabr", "2 ноября 1946 года")], MEDIUM),
]
PEOPLE = [  # who (uz, ru), work/fact (uz, ru), difficulty
    (("Abu Ali ibn Sino", "Абу Али ибн Сина"), ("«Tib qonunlari» asarining muallifi", "автор «Канона врачебной науки»"), EASY),
    (("Muhammad al-Xorazmiy", "Мухаммад аль-Хорезми"), ("algebra fanining asoschisi", "основоположник алгебры"), EASY),
    (("Imom al-Buxoriy", "Имам аль-Бухари"), ("«Al-Jomeʼ as-sahih» toʻplamining muallifi", "составитель сборника «Аль-Джами ас-Сахих»"), MEDIUM),
    (("Alisher Navoiy", "Алишер Навои"), ("«Xamsa» dostonlar turkumining muallifi", "автор цикла поэм «Хамса»"), EASY),
    (("Zahiriddin Muhammad Bobur", "Захириддин Мухаммад Бабур"), ("«Boburnoma» asarining muallifi", "автор «Бабур-наме»"), EASY),
    (("Mirzo Ulugʻbek", "Мирзо Улугбек"), ("Samarqanddagi rasadxona asoschisi", "основатель обсерватории в Самарканде"), EASY),
    (("Abu Rayhon Beruniy", "Абу Райхан Беруни"), ("«Hindiston» asarining muallifi", "автор труда «Индия»"), MEDIUM),
    (("Abdulla Qodiriy", "Абдулла Кадыри"), ("birinchi oʻzbek romani «Oʻtkan kunlar»ning muallifi",
                                            "автор первого узбекского романа «Минувшие дни»"), MEDIUM),
    (("Mahmudxoʻja Behbudiy", "Махмудходжа Бехбуди"), ("«Padarkush» dramasining muallifi", "автор драмы «Отцеубийца»"), HARD),
    (("Amir Temur", "Амир Темур"), ("Samarqandni poytaxt qilgan davlat asoschisi", "основатель государства со столицей в Самарканде"), EASY),
]
YEARS = [  # uz, ru, year, difficulty
    ("Amir Temur qaysi yili tugʻilgan?", "В каком году родился Амир Темур?", 1336, MEDIUM),
    ("Alisher Navoiy qaysi yili tugʻilgan?", "В каком году родился Алишер Навои?", 1441, MEDIUM),
    ("Zahiriddin Muhammad Bobur qaysi yili tugʻilgan?", "В каком году родился Захириддин Мухаммад Бабур?", 1483, HARD),
    ("Bobur Panipat jangida gʻalaba qozonib, Hindistonda yangi sulolaga asos solgan yil?",
     "В каком году Бабур победил в битве при Панипате и основал новую династию в Индии?", 1526, HARD),
    ("Samarqanddagi Ulugʻbek madrasasi qurilishi qaysi yili yakunlangan?",
     "В каком году завершено строительство медресе Улугбека в Самарканде?", 1420, HARD),
]


def history(rng: random.Random) -> list[Item]:
    L = "history"
    items = [single(L, level, uz, ru, right, wrong, "sanalar") for uz, ru, right, wrong, level in DATES]
    for who, fact, level in PEOPLE:
        others = rng.sample([w for w, _f, _l in PEOPLE if w != who], 3)
        items.append(single(L, level, f"Kim {fact[0]}?", f"Кто {fact[1]}?", who, others, "allomalar"))
    for uz, ru, year, level in YEARS:
        wrong = [year + d for d in rng.sample([-40, -15, -7, 12, 25, 50], 3)]
        items.append(single(L, level, uz, ru, str(year), [str(w) for w in wrong], "yillar"))
    items += [
        single(L, MEDIUM, "Qaysi tarixiy shahar markazi UNESCO Butunjahon merosi roʻyxatiga birinchi boʻlib (1990-yil) "
               "kiritilgan?",
               "Какой исторический центр Узбекистана первым (в 1990 году) включён в список Всемирного наследия ЮНЕСКО?",
               ("Xivadagi Ichan qalʼa", "Ичан-кала в Хиве"),
               [("Buxoroning tarixiy markazi", "Исторический центр Бухары"), ("Shahrisabz", "Шахрисабз"),
                ("Samarqand — madaniyatlar chorrahasi", "Самарканд — перекрёсток культур")], "UNESCO"),
        true_false(L, EASY, "Abu Ali ibn Sino Buxoro yaqinidagi Afshona qishlogʻida tugʻilgan.",
                   "Абу Али ибн Сина родился в селении Афшана близ Бухары.", True, "allomalar"),
        true_false(L, MEDIUM, "Registon maydonidagi Sherdor madrasasi Ulugʻbek madrasasidan oldin qurilgan.",
                   "Медресе Шердор на площади Регистан построено раньше медресе Улугбека.", False, "meʼmorchilik"),
    ]
    return items


# --- Foreign language (English) ----------------------------------------------------------------------
ENGLISH = [  # sentence with ___, right, wrong, difficulty
    ("She ___ to work by bus every day.", "goes", ["go", "going", "gone"], EASY),
    ("The report ___ yesterday.", "was submitted", ["submitted", "is submitting", "has submit"], MEDIUM),
    ("If I ___ more time, I would finish the analysis.", "had", ["have", "will have", "am having"], MEDIUM),
    ("We have worked here ___ 2019.", "since", ["for", "from", "during"], EASY),
    ("The minister is responsible ___ the budget.", "for", ["of", "about", "on"], EASY),
    ("This is the ___ proposal we have received.", "best", ["better", "good", "most good"], EASY),
    ("By the end of the year, the project ___.", "will have been completed", ["will complete", "is completed",
                                                                              "has completed"], HARD),
    ("Could you ___ me the latest figures, please?", "send", ["to send", "sending", "sent"], EASY),
    ("Neither the director nor his deputies ___ present.", "were", ["was", "is", "be"], HARD),
    ("I look forward to ___ from you.", "hearing", ["hear", "heard", "be hearing"], MEDIUM),
    ("There are ___ applications than last year.", "fewer", ["less", "little", "few"], MEDIUM),
    ("The meeting has been put ___ until Monday.", "off", ["on", "up", "in"], MEDIUM),
    ("He asked me where I ___.", "worked", ["work", "do work", "am working"], HARD),
    ("Please find the agenda ___.", "attached", ["attaching", "attach", "attachment"], MEDIUM),
]
WORDS = [  # English word, (uz, ru) meaning
    ("deadline", ("bajarish muddati", "крайний срок")), ("budget", ("byudjet", "бюджет")),
    ("civil servant", ("davlat xizmatchisi", "государственный служащий")), ("regulation", ("nizom, qoida", "положение, регламент")),
    ("appointment", ("tayinlash", "назначение")), ("resignation", ("isteʼfo", "отставка")),
    ("audit", ("taftish, audit", "ревизия, аудит")),
]


def foreign_language(rng: random.Random) -> list[Item]:
    L = "foreign_language"
    items = [single(L, level, f"Gapni toʻgʻri soʻz bilan toʻldiring: «{sentence}»",
                    f"Дополните предложение правильным словом: «{sentence}»", right, wrong, "grammatika")
             for sentence, right, wrong, level in ENGLISH]
    for word, meaning in WORDS:
        wrong = rng.sample([m for _w, m in WORDS if m != meaning], 3)
        items.append(single(L, EASY, f"«{word}» soʻzining tarjimasi qaysi?", f"Как переводится слово «{word}»?", meaning,
                            wrong, "leksika"))
    items.append(true_false(L, MEDIUM, "«Sincerely yours» — rasmiy ish xatini yakunlash uchun mos ibora.",
                            "«Sincerely yours» — уместная формула завершения официального делового письма.", True,
                            "ish yozishmalari"))
    return items


# --- Leadership and communication --------------------------------------------------------------------
def leadership() -> list[Item]:
    L = "leadership"
    return [
        single(L, MEDIUM, "Boʻlimingiz xodimi muddatni ikki marta buzdi. Rahbar sifatida birinchi navbatda nima qilasiz?",
               "Сотрудник вашего отдела дважды сорвал срок. Что вы как руководитель сделаете в первую очередь?",
               ("Sababini aniqlash uchun yakkama-yakka suhbatlashaman", "Проведу беседу один на один, чтобы выяснить причину"),
               [("Butun jamoa oldida tanbeh beraman", "Сделаю замечание при всём коллективе"),
                ("Darhol intizomiy jazo beraman", "Сразу применю дисциплинарное взыскание"),
                ("Vazifani jimgina boshqa xodimga beraman", "Молча передам задачу другому сотруднику")], "jamoa"),
        single(L, MEDIUM, "Fuqaro qabulda baland ovozda norozilik bildirmoqda. Eng toʻgʻri munosabat qaysi?",
               "Гражданин на приёме громко выражает недовольство. Какая реакция наиболее правильна?",
               ("Xotirjam tinglab, muammoni aniqlashtirib, keyingi qadamlarni tushuntiraman",
                "Спокойно выслушаю, уточню проблему и объясню дальнейшие шаги"),
               [("Qabulni toʻxtatib, xonadan chiqishini soʻrayman", "Прекращу приём и попрошу покинуть кабинет"),
                ("Ovozimni baland qilib javob beraman", "Отвечу на повышенных тонах"),
                ("Murojaatni yozma shaklda berishini talab qilib, tinglamayman", "Потребую подать обращение письменно и не стану слушать")],
               "fuqarolar bilan muloqot"),
        multiple(L, MEDIUM, "SMART tamoyiliga koʻra maqsad qanday boʻlishi kerak?",
                 "Какой должна быть цель по принципу SMART?",
                 [("Aniq", "Конкретной"), ("Oʻlchanadigan", "Измеримой"), ("Erishiladigan", "Достижимой"),
                  ("Muddati belgilangan", "Ограниченной по времени")],
                 [("Maxfiy", "Секретной"), ("Keng va umumiy", "Широкой и общей")], "KPI", penalty="-0.5"),
        single(L, EASY, "KPI natijasi 72 % boʻlgan rahbarning reytingi qaysi?",
               "Какой рейтинг у руководителя с выполнением KPI 72 %?",
               ("C — qoniqarli", "C — удовлетворительно"),
               [("D — qoniqarsiz", "D — неудовлетворительно"), ("B — yaxshi", "B — хорошо"), ("A — aʼlo", "A — отлично")], "KPI"),
        single(L, MEDIUM, "KPI natijasi roppa-rosa 85 % boʻlsa, reyting qaysi?",
               "Какой рейтинг при выполнении KPI ровно на 85 %?",
               ("B — yaxshi", "B — хорошо"),
               [("C — qoniqarli", "C — удовлетворительно"), ("A — aʼlo", "A — отлично"),
                ("D — qoniqarsiz", "D — неудовлетворительно")], "KPI"),
        single(L, MEDIUM, "KPI natijasi 100 % va undan yuqori boʻlsa, reyting qaysi?",
               "Какой рейтинг при выполнении KPI на 100 % и более?",
               ("A — aʼlo", "A — отлично"), [("B — yaxshi", "B — хорошо"), ("C — qoniqarli", "C — удовлетворительно"),
                                             ("D — qoniqarsiz", "D — неудовлетворительно")], "KPI"),
        true_false(L, EASY, "KPI natijasi 70 % dan past boʻlgan rahbarning faoliyati qoniqarsiz deb baholanadi.",
                   "Деятельность руководителя с выполнением KPI ниже 70 % оценивается как неудовлетворительная.", True, "KPI"),
        single(L, MEDIUM, "Shoshilinch, lekin muhim boʻlmagan vazifalar bilan nima qilish tavsiya etiladi?",
               "Что рекомендуется делать со срочными, но неважными задачами?",
               ("Boshqa xodimga topshirish (delegatsiya)", "Делегировать другому сотруднику"),
               [("Birinchi navbatda oʻzim bajaraman", "Выполнить самому в первую очередь"),
                ("Butunlay eʼtiborsiz qoldiraman", "Полностью игнорировать"),
                ("Oy oxirigacha kechiktiraman", "Отложить до конца месяца")], "vaqtni boshqarish"),
        single(L, MEDIUM, "Samarali yigʻilish uchun eng muhim tayyorgarlik qaysi?",
               "Какая подготовка важнее всего для эффективного совещания?",
               ("Kun tartibi va kutilgan natijani oldindan yuborish", "Заранее разослать повестку и ожидаемый результат"),
               [("Iloji boricha koʻp odam taklif qilish", "Пригласить как можно больше людей"),
                ("Vaqtni cheklamaslik", "Не ограничивать время"),
                ("Qarorlarni yozib olmaslik", "Не фиксировать решения")], "yigʻilishlar"),
        single(L, HARD, "Ikki xodim oʻrtasida ish taqsimoti boʻyicha nizo bor. Qaysi yondashuv uzoq muddatli natija beradi?",
               "Между двумя сотрудниками конфликт из-за распределения работы. Какой подход даст долгосрочный результат?",
               ("Ikkalasini tinglab, vazifa va masʼuliyatni yozma ravishda aniq belgilash",
                "Выслушать обоих и письменно чётко распределить задачи и ответственность"),
               [("Bir tomonni tanlab, ikkinchisini ogohlantirish", "Встать на одну сторону и предупредить другого"),
                ("Nizoni oʻz-oʻzidan hal boʻlishini kutish", "Ждать, пока конфликт разрешится сам"),
                ("Ikkalasini boshqa boʻlimlarga oʻtkazish", "Перевести обоих в другие отделы")], "nizolar"),
        multiple(L, MEDIUM, "Faol tinglashning belgilarini belgilang.", "Отметьте признаки активного слушания.",
                 [("Aniqlashtiruvchi savollar berish", "Задавать уточняющие вопросы"),
                  ("Suhbatdosh fikrini oʻz soʻzlari bilan qaytarish", "Пересказывать мысль собеседника своими словами"),
                  ("Gapni boʻlmaslik", "Не перебивать")],
                 [("Telefonga qarab turish", "Смотреть в телефон"), ("Darhol eʼtiroz bildirish", "Сразу возражать")],
                 "muloqot", penalty="-0.5"),
        true_false(L, MEDIUM, "Jamoaga vazifa berishda kutilgan natija va muddatni aytish shart emas, xodimlar oʻzlari tushunadi.",
                   "Ставя задачу команде, не обязательно называть ожидаемый результат и срок — сотрудники поймут сами.",
                   False, "vazifa qoʻyish"),
        single(L, EASY, "Rasmiy ish xatida murojaat qaysi shaklda toʻgʻri?",
               "Какое обращение уместно в официальном деловом письме?",
               ("Hurmatli Aziz Karimovich!", "Уважаемый Азиз Каримович!"),
               [("Salom, Aziz!", "Привет, Азиз!"), ("Aziz aka, qalaysiz?", "Азиз-ака, как дела?"),
                ("Hoy, Karimov!", "Эй, Каримов!")], "ish yozishmalari"),
        single(L, MEDIUM, "Yangi xodimni moslashtirishda (adaptatsiya) eng foydali qadam qaysi?",
               "Какой шаг наиболее полезен при адаптации нового сотрудника?",
               ("Unga tajribali murabbiy (ustoz) biriktirish", "Закрепить за ним опытного наставника"),
               [("Birinchi kundan eng murakkab vazifani berish", "С первого дня дать самую сложную задачу"),
                ("Savollarini cheklash", "Ограничить его вопросы"), ("Faqat yozma yoʻriqnomalar berish", "Выдать только письменные инструкции")],
               "jamoa"),
        single(L, HARD, "Jamoada oʻzgarishlarga qarshilik kuchli. Qaysi qadam qarshilikni eng yaxshi kamaytiradi?",
               "В коллективе сильное сопротивление изменениям. Какой шаг лучше всего его снижает?",
               ("Oʻzgarish sabablarini tushuntirib, xodimlarni rejalashtirishga jalb qilish",
                "Объяснить причины изменений и вовлечь сотрудников в планирование"),
               [("Oʻzgarishni buyruq bilan darhol joriy qilish", "Немедленно ввести изменения приказом"),
                ("Qarshilik qilganlarni boshqa boʻlimga oʻtkazish", "Перевести несогласных в другой отдел"),
                ("Oʻzgarishni maxfiy saqlash", "Держать изменения в секрете")], "oʻzgarishlar"),
        true_false(L, EASY, "Fikr-mulohaza (feedback) aniq xatti-harakatga qaratilgan boʻlsa, samaraliroq boʻladi.",
                   "Обратная связь эффективнее, когда она касается конкретного поведения.", True, "muloqot"),
        single(L, MEDIUM, "Rahbarning «eshiklari ochiq» siyosati nimani anglatadi?", "Что означает политика «открытых дверей» руководителя?",
               ("Xodimlar muammo bilan toʻgʻridan-toʻgʻri murojaat qila oladi", "Сотрудники могут напрямую обратиться с проблемой"),
               [("Kabinet eshigi doim ochiq turadi", "Дверь кабинета всегда открыта"),
                ("Yigʻilishlar hammaga ochiq efirda koʻrsatiladi", "Совещания транслируются для всех"),
                ("Ish vaqti cheklanmagan", "Рабочее время не ограничено")], "muloqot"),
        single(L, HARD, "Xodimning yillik samaradorligini baholashda eng ishonchli asos qaysi?",
               "Что является наиболее надёжной основой ежегодной оценки эффективности сотрудника?",
               ("Oldindan kelishilgan, oʻlchanadigan koʻrsatkichlar boʻyicha natijalar",
                "Результаты по заранее согласованным измеримым показателям"),
               [("Rahbarning umumiy taassuroti", "Общее впечатление руководителя"),
                ("Ish joyida oʻtkazgan soatlari", "Количество часов на рабочем месте"),
                ("Hamkasblarining norasmiy fikri", "Неформальное мнение коллег")], "baholash"),
    ]


# --- Sector knowledge: public finance ----------------------------------------------------------------
def sector() -> list[Item]:
    L = "sector"
    return [
        single(L, EASY, "Oʻzbekistonda byudjet yili qaysi davrni qamrab oladi?", "Какой период охватывает бюджетный год в Узбекистане?",
               ("1-yanvardan 31-dekabrgacha", "С 1 января по 31 декабря"),
               [("1-apreldan 31-martgacha", "С 1 апреля по 31 марта"), ("1-iyuldan 30-iyungacha", "С 1 июля по 30 июня"),
                ("1-sentabrdan 31-avgustgacha", "С 1 сентября по 31 августа")], "byudjet"),
        single(L, MEDIUM, "Byudjet defitsiti nima?", "Что такое дефицит бюджета?",
               ("Xarajatlarning daromadlardan oshib ketishi", "Превышение расходов над доходами"),
               [("Daromadlarning xarajatlardan oshib ketishi", "Превышение доходов над расходами"),
                ("Davlat qarzining toʻliq toʻlanishi", "Полное погашение государственного долга"),
                ("Soliq stavkalarining pasayishi", "Снижение налоговых ставок")], "byudjet"),
        single(L, MEDIUM, "2023-yildan boshlab qoʻshilgan qiymat soligʻining asosiy stavkasi qancha?",
               "Какова основная ставка налога на добавленную стоимость с 2023 года?",
               "12 %", ["10 %", "15 %", "20 %"], "soliq"),
        single(L, MEDIUM, "Jismoniy shaxslardan olinadigan daromad soligʻining asosiy stavkasi qancha?",
               "Какова основная ставка налога на доходы физических лиц?", "12 %", ["7,5 %", "15 %", "23 %"], "soliq"),
        single(L, MEDIUM, "Oʻzbekiston Respublikasi Byudjet kodeksi qaysi yili qabul qilingan?",
               "В каком году принят Бюджетный кодекс Республики Узбекистан?", "2013", ["2008", "2017", "2020"], "byudjet"),
        single(L, MEDIUM, "Soliq kodeksining yangi tahriri qachondan kuchga kirgan?",
               "С какого времени действует новая редакция Налогового кодекса?",
               ("2020-yil 1-yanvardan", "С 1 января 2020 года"),
               [("2018-yil 1-yanvardan", "С 1 января 2018 года"), ("2022-yil 1-iyuldan", "С 1 июля 2022 года"),
                ("2024-yil 1-yanvardan", "С 1 января 2024 года")], "soliq"),
        single(L, EASY, "Davlat byudjeti ijrosini gʻazna orqali taʼminlashning asosiy maqsadi nima?",
               "Какова основная цель исполнения государственного бюджета через казначейство?",
               ("Mablagʻlarning maqsadli va shaffof sarflanishini nazorat qilish", "Контроль целевого и прозрачного расходования средств"),
               [("Soliqlarni oshirish", "Повышение налогов"), ("Bank foizlarini belgilash", "Установление банковских процентов"),
                ("Valyuta kursini belgilash", "Установление валютного курса")], "gʻazna"),
        single(L, MEDIUM, "Davlat xaridlarida eng shaffof usul qaysi?", "Какой способ государственных закупок наиболее прозрачен?",
               ("Ochiq elektron tender (auksion)", "Открытый электронный тендер (аукцион)"),
               [("Yagona yetkazib beruvchidan toʻgʻridan-toʻgʻri xarid", "Прямая закупка у единственного поставщика"),
                ("Ogʻzaki kelishuv", "Устная договорённость"), ("Tanish yetkazib beruvchini tanlash", "Выбор знакомого поставщика")],
               "davlat xaridlari"),
        true_false(L, MEDIUM, "Byudjet tashkiloti tasdiqlangan xarajatlar smetasidan tashqari xarajatni oʻz xohishiga koʻra "
                   "amalga oshirishi mumkin.",
                   "Бюджетная организация может по своему усмотрению производить расходы сверх утверждённой сметы.",
                   False, "byudjet"),
        single(L, MEDIUM, "Inflyatsiya nimani anglatadi?", "Что означает инфляция?",
               ("Narxlar umumiy darajasining barqaror oʻsishi", "Устойчивый рост общего уровня цен"),
               [("Ishsizlikning kamayishi", "Снижение безработицы"), ("Eksportning oshishi", "Рост экспорта"),
                ("Milliy valyutaning qadrlanishi", "Укрепление национальной валюты")], "iqtisodiyot"),
        single(L, HARD, "Agar yillik inflyatsiya 10 % va nominal ish haqi 15 % oshgan boʻlsa, real ish haqi taxminan "
               "qanchaga oʻzgargan?",
               "Если годовая инфляция 10 %, а номинальная заработная плата выросла на 15 %, как примерно изменилась "
               "реальная заработная плата?",
               ("Taxminan 4,5 % ga oshgan", "Выросла примерно на 4,5 %"),
               [("25 % ga oshgan", "Выросла на 25 %"), ("5 % ga kamaygan", "Снизилась на 5 %"),
                ("Oʻzgarmagan", "Не изменилась")], "iqtisodiyot"),
        single(L, MEDIUM, "Asosiy vositalarning eskirishini xarajatga oʻtkazish qanday ataladi?",
               "Как называется перенесение износа основных средств на расходы?",
               ("Amortizatsiya", "Амортизация"), [("Indeksatsiya", "Индексация"), ("Subsidiya", "Субсидия"),
                                                  ("Devalvatsiya", "Девальвация")], "buxgalteriya"),
        multiple(L, MEDIUM, "Qaysilar davlat byudjeti daromadlariga kiradi?", "Что относится к доходам государственного бюджета?",
                 [("Soliqlar", "Налоги"), ("Bojxona toʻlovlari", "Таможенные платежи"),
                  ("Davlat mulkidan olinadigan daromadlar", "Доходы от государственного имущества")],
                 [("Davlat xizmatchilarining ish haqi", "Заработная плата государственных служащих"),
                  ("Ijtimoiy nafaqalar", "Социальные пособия")], "byudjet", penalty="-0.5"),
        single(L, EASY, "Bazaviy hisoblash miqdori (BHM) nima uchun qoʻllaniladi?",
               "Для чего применяется базовая расчётная величина (БРВ)?",
               ("Jarimalar, yigʻimlar va toʻlovlarni hisoblash uchun", "Для расчёта штрафов, сборов и платежей"),
               [("Valyuta kursini belgilash uchun", "Для установления валютного курса"),
                ("Faqat pensiyalarni hisoblash uchun", "Только для расчёта пенсий"),
                ("Bank kreditlari foizini belgilash uchun", "Для установления процента по кредитам")], "BHM"),
        single(L, HARD, "2025-yilda BHM 375 000 soʻm boʻlsa, uning 1,5 baravari qancha?",
               "Если в 2025 году БРВ составляет 375 000 сумов, сколько составляет её 1,5-кратный размер?",
               ("562 500 soʻm", "562 500 сумов"),
               [("525 000 soʻm", "525 000 сумов"), ("600 000 soʻm", "600 000 сумов"), ("750 000 soʻm", "750 000 сумов")],
               "BHM"),
        single(L, MEDIUM, "Shtat jadvalidagi 10 birlikdan 8 tasi band boʻlsa, vakansiyalar ulushi qancha?",
               "Если из 10 штатных единиц занято 8, какова доля вакантных?", "20 %", ["8 %", "25 %", "80 %"], "kadrlar"),
        single(L, MEDIUM, "Kadrlar qoʻnimsizligi (aylanmasi) koeffitsiyenti qanday hisoblanadi?",
               "Как рассчитывается коэффициент текучести кадров?",
               ("Davr ichida ishdan ketganlar soni / oʻrtacha xodimlar soni", "Число уволившихся за период / среднесписочная численность"),
               [("Qabul qilinganlar soni / shtat birliklari", "Число принятых / число штатных единиц"),
                ("Vakansiyalar soni / band lavozimlar", "Число вакансий / число занятых должностей"),
                ("Ishdan ketganlar soni / qabul qilinganlar soni", "Число уволившихся / число принятых")], "kadrlar"),
        single(L, EASY, "Davlat organining shtat jadvali nimani belgilaydi?", "Что определяет штатное расписание госоргана?",
               ("Lavozimlar tarkibi va shtat birliklari sonini", "Состав должностей и количество штатных единиц"),
               [("Xodimlarning taʼtil jadvalini", "График отпусков сотрудников"),
                ("Yigʻilishlar kun tartibini", "Повестку совещаний"), ("Xizmat safarlari rejasini", "План командировок")],
               "kadrlar"),
        single(L, MEDIUM, "Kadrlar zaxirasi nima uchun shakllantiriladi?", "Для чего формируется кадровый резерв?",
               ("Rahbar lavozimlariga tayyor nomzodlarni oldindan tanlash uchun",
                "Чтобы заранее подготовить кандидатов на руководящие должности"),
               [("Ish haqi fondini tejash uchun", "Для экономии фонда оплаты труда"),
                ("Xodimlarni jazolash uchun", "Для наказания сотрудников"),
                ("Shtat birliklarini qisqartirish uchun", "Для сокращения штатных единиц")], "zaxira"),
        true_false(L, MEDIUM, "Davlat xizmatchisi har uch yilda kamida bir marta malaka oshirishi kerak.",
                   "Государственный служащий должен повышать квалификацию не реже одного раза в три года.", True,
                   "malaka oshirish"),
        single(L, HARD, "Byudjet 800 mln soʻmdan 920 mln soʻmga oshdi. Oʻsish necha foiz?",
               "Бюджет вырос с 800 до 920 млн сумов. На сколько процентов он вырос?", "15 %", ["12 %", "13 %", "120 %"],
               "byudjet"),
        true_false(L, EASY, "Ichki audit tashkilot rahbariyatiga nazorat tizimining samaradorligi haqida mustaqil xulosa beradi.",
                   "Внутренний аудит даёт руководству организации независимое заключение об эффективности системы контроля.",
                   True, "audit"),
    ]


def all_items(rng: random.Random) -> list[Item]:
    return [*legislation(), *state_language(rng), *logic(rng), *iq(rng), *computer(rng), *history(rng),
            *foreign_language(rng), *leadership(), *sector()]
