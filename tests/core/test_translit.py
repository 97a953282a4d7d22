"""Uzbek Latin -> Cyrillic (core.translit): a table of real words and sentences, spelt as the
Uzbek Cyrillic orthography has them, including the cases the rules have to be careful with."""

import pytest

from core.translit import EXCEPTIONS_FILE, exceptions, parse_exceptions, to_cyrillic

WORDS = [
    # one letter for one letter; the apostrophe letters with every apostrophe real data uses
    ("Oʻzbekiston", "Ўзбекистон"),
    ("Gʻalaba", "Ғалаба"),
    ("oʻqituvchi", "ўқитувчи"),
    ("togʻ", "тоғ"),
    ("Farg'ona", "Фарғона"),
    ("O‘zbekiston", "Ўзбекистон"),
    ("G’ulomov", "Ғуломов"),
    ("o`qish", "ўқиш"),
    ("OʻZBEKISTON", "ЎЗБЕКИСТОН"),
    # sh, ch, ng, h/x, q
    ("shahar", "шаҳар"),
    ("SHAHAR", "ШАҲАР"),
    ("Shahrisabz", "Шаҳрисабз"),
    ("Chilonzor", "Чилонзор"),
    ("choy", "чой"),
    ("tong", "тонг"),
    ("dengiz", "денгиз"),
    ("Qoraqalpogʻiston Respublikasi", "Қорақалпоғистон Республикаси"),
    ("Xorazm viloyati", "Хоразм вилояти"),
    ("Toshkent shahri", "Тошкент шаҳри"),
    ("Jizzax", "Жиззах"),
    ("Navoiy", "Навоий"),
    ("milliy", "миллий"),
    # yo, yu, ya, ye: at the start, after a vowel, after a consonant; yoʻ is й + ў
    ("yoz", "ёз"),
    ("yulduz", "юлдуз"),
    ("yangi", "янги"),
    ("Yer", "Ер"),
    ("yetakchi", "етакчи"),
    ("ayol", "аёл"),
    ("viloyat", "вилоят"),
    ("Qashqadaryo", "Қашқадарё"),
    ("dunyo", "дунё"),
    ("tayyor", "тайёр"),
    ("Surayyo", "Сурайё"),
    ("Abdullayev", "Абдуллаев"),
    ("Aliyev", "Алиев"),
    ("qilayotgan", "қилаётган"),
    ("iyun", "июн"),
    ("yoʻl", "йўл"),
    ("Yoʻldoshev", "Йўлдошев"),
    ("yoʻq", "йўқ"),
    # e: э at the start of a word and after a vowel, е elsewhere
    ("eng", "энг"),
    ("Ergashev", "Эргашев"),
    ("elektron", "электрон"),
    ("aeroport", "аэропорт"),
    ("poema", "поэма"),
    ("telefon", "телефон"),
    ("kelishuv", "келишув"),
    # tutuq belgisi -> ъ; the apostrophe that only separates s and h is dropped
    ("taʼlim", "таълим"),
    ("maʼlumot", "маълумот"),
    ("eʼlon", "эълон"),
    ("sanʼat", "санъат"),
    ("Ma'naviyat", "Маънавият"),
    ("mas'ul", "масъул"),
    ("manʼ etilgan", "манъ этилган"),
    ("Isʼhoq", "Исҳоқ"),
    # ts: t + s in Uzbek words, ц in Russian loanwords
    ("ketsa", "кетса"),
    ("aytsin", "айтсин"),
    ("qaytsangiz", "қайтсангиз"),
    ("litsey", "лицей"),
    ("dotsent", "доцент"),
    ("tsex", "цех"),
    ("tsentr", "центр"),
    ("Federatsiya", "Федерация"),
    ("attestatsiya", "аттестация"),
    ("kvalifikatsiyasi", "квалификацияси"),
    ("koeffitsiyent", "коэффициент"),
    ("abzats", "абзац"),
    # the reviewed exceptions (loanwords), with suffixes and in capitals
    ("aksiya", "акция"),
    ("aksiyalar", "акциялар"),
    ("AKSIYA", "АКЦИЯ"),
    ("funksiyasi", "функцияси"),
    ("sentabr", "сентябр"),
    ("Oktabrda", "Октябрда"),
    ("kompyuter", "компьютер"),
    ("obyektlar", "объектлар"),
    ("sertifikat", "сертификат"),
    ("kompetensiyalar", "компетенциялар"),
    ("rayon", "район"),
    ("moʻjiza", "мўъжиза"),
    ("direktor", "директор"),
    ("respublika", "республика"),
    ("fuqarolik", "фуқаролик"),
    ("sex", "цех"),
    ("sexlari", "цехлари"),
    # words that look like loanwords but keep с
    ("pensiya", "пенсия"),
    ("komissiya", "комиссия"),
    ("vakansiya", "вакансия"),
    # people's names
    ("Gʻulomov Sardor Anvar oʻgʻli", "Ғуломов Сардор Анвар ўғли"),
    ("Mirzaahmedov", "Мирзааҳмедов"),
    ("Oʻgʻiloy", "Ўғилой"),
    ("Humoyun", "Ҳумоюн"),
    ("Shavkat Eshmatov", "Шавкат Эшматов"),
    ("Xudoyberdiyev", "Худойбердиев"),
    # abbreviations: Uzbek and Russian ones are transliterated, international ones kept
    ("JShShIR", "ЖШШИР"),
    ("JSHSHIR", "ЖШШИР"),
    ("BHM", "БҲМ"),
    ("F.I.Sh.", "Ф.И.Ш."),
    ("SOATO", "СОАТО"),
    ("PINFL", "PINFL"),
    ("PDF", "PDF"),
    ("HR", "HR"),
    ("API", "API"),
    ("E-IMZO", "E-IMZO"),
    ("Windows-1251", "Windows-1251"),
    # already Cyrillic: unchanged
    ("Тошкент", "Тошкент"),
]

SENTENCES = [
    ("Xush kelibsiz!", "Хуш келибсиз!"),
    ("Shaxsga doir maʼlumotlar Oʻzbekiston Respublikasida saqlanadi va qayta ishlanadi.",
     "Шахсга доир маълумотлар Ўзбекистон Республикасида сақланади ва қайта ишланади."),
    ("Davlat fuqarolik xizmati toʻgʻrisida", "Давлат фуқаролик хизмати тўғрисида"),
    ("Yangi parol oʻrnatish havolasi yuborildi.", "Янги парол ўрнатиш ҳаволаси юборилди."),
    ("Pensiya yoshiga shuncha yil qolganda rotatsiya qilinmaydi",
     "Пенсия ёшига шунча йил қолганда ротация қилинмайди"),
    ("Uch yoshga toʻlmagan farzand", "Уч ёшга тўлмаган фарзанд"),
    ("Agar xodim ketsa, lavozim boʻshaydi.", "Агар ходим кетса, лавозим бўшайди."),
    ("‘Saqlash’ tugmasini bosing", "‘Сақлаш’ тугмасини босинг"),  # quotation marks stay quotes
    ("2026-yildan boshlab 1-sentabrdan", "2026-йилдан бошлаб 1-сентябрдан"),
]

UNTOUCHED = [
    # placeholders and markup
    ("%(name)s xodimi", "%(name)s ходими"),
    ("%s ta yozuv, %d ta xato", "%s та ёзув, %d та хато"),
    ("%(total)s ta qatordan %(processed)s tasi (%(percent)s%%)", "%(total)s та қатордан %(processed)s таси (%(percent)s%%)"),
    ("{count} ta yozuv; {name!r}", "{count} та ёзув; {name!r}"),
    ("Salom, {{ user.first_name }}! {% url 'home' %} sahifasi",
     "Салом, {{ user.first_name }}! {% url 'home' %} саҳифаси"),
    ('<a href="/workforce/employees/" class="btn">Xodimlar</a>&nbsp;roʻyxati',
     '<a href="/workforce/employees/" class="btn">Ходимлар</a>&nbsp;рўйхати'),
    # addresses, files, codes and masks people type as they are
    ("Hujjatni https://hr.gov.uz/verify/AB12/ sahifasida tekshiring", "Ҳужжатни https://hr.gov.uz/verify/AB12/ саҳифасида текширинг"),
    ("Savollar: hr@minfin.uz", "Саволлар: hr@minfin.uz"),
    ("/verify/<code>/ manzili", "/verify/<code>/ манзили"),
    ("Excel (.xlsx) yoki employees.csv fayli", "Excel (.xlsx) ёки employees.csv файли"),
    ("last_name ustuni", "last_name устуни"),
    ("--dry-run bilan ishga tushiring", "--dry-run билан ишга туширинг"),
    ("masalan, AA1234567", "масалан, AA1234567"),
    ("Kod (masalan, R-03)", "Код (масалан, R-03)"),
    ("DD.MM.YYYY yoki YYYY-MM-DD koʻrinishida", "DD.MM.YYYY ёки YYYY-MM-DD кўринишида"),
    ("Til kodlari: uz, ru, en", "Тил кодлари: uz, ru, en"),
    ("Sana d.m.Y, vaqt H:i formatida; y.i. qisqartmasi", "Сана d.m.Y, вақт H:i форматида; й.и. қисқартмаси"),
]


@pytest.mark.parametrize(("latin", "cyrillic"), WORDS + SENTENCES + UNTOUCHED)
def test_uzbek_latin_is_written_in_cyrillic(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_the_table_is_large_enough_to_mean_something():
    assert len(WORDS + SENTENCES + UNTOUCHED) >= 60


def test_empty_text_stays_empty():
    assert to_cyrillic("") == ""


def test_the_reviewed_exceptions_are_well_formed():
    table = exceptions()
    entries = {**table.words, **dict(table.stems)}
    assert len(entries) >= 40
    for latin, cyrillic in entries.items():
        assert set(latin) <= set("abcdefghijklmnopqrstuvwxyzʻʼ"), latin
        assert all("а" <= c <= "я" or c in "ёўқғҳъь" for c in cyrillic), (latin, cyrillic)


def test_an_exception_file_with_a_mistake_is_refused():
    with pytest.raises(ValueError, match="expected 'latin = кирилл'"):
        parse_exceptions("aksiya* акция\n")
    with pytest.raises(ValueError, match="listed twice"):
        parse_exceptions("aksiya* = акция\nAksiya* = акция\n")


def test_stems_match_longest_first_and_words_match_whole():
    table = parse_exceptions("sentr* = центр\nsentral* = централ\nsex = цех\n# comment\n")
    assert [stem for stem, _ in table.stems] == ["sentral", "sentr"]
    assert table.words == {"sex": "цех"}
    assert EXCEPTIONS_FILE.name == "translit_exceptions.txt"
