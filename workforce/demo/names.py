"""Uzbek names for demo and benchmark data: first names, surnames (-ov/-ova, -yev/-yeva),
patronymics, Uzbek Cyrillic spellings and the Russian spellings real records carry.

Uzbek Latin is written with the official apostrophe letters (oʻ gʻ with U+02BB, ʼ with U+02BC).
"""

from __future__ import annotations

import random
from functools import lru_cache

# One rule book for Uzbek Latin -> Cyrillic: the tool that also generates the uz_Cyrl catalogs.
from core.translit import to_cyrillic

MALE_FIRST_NAMES = ["Abdulla", "Abror", "Akbar", "Akmal", "Alisher", "Anvar", "Asror", "Aziz", "Bahodir", "Baxtiyor", "Bekzod", "Bobur", "Botir", "Davron", "Dilmurod", "Dilshod", "Doniyor", "Elbek", "Eldor", "Erkin", "Farhod", "Farrux", "Fazliddin", "Gʻayrat", "Gʻolib", "Hamid", "Hamza", "Hasan", "Hayot", "Husan", "Ibrohim", "Ikrom", "Ilhom", "Islom", "Ismoil", "Jahongir", "Jalol", "Jamshid", "Jasur", "Javlon", "Kamol", "Kamoliddin", "Karim", "Komil", "Laziz", "Lochin", "Mahmud", "Mansur", "Mirjalol", "Mirzo", "Muhammad", "Murod", "Nodir", "Nozim", "Nurbek", "Nuriddin", "Odil", "Otabek", "Oybek", "Oʻtkir", "Poʻlat", "Qahramon", "Qodir", "Rahim", "Rasul", "Ravshan", "Rustam", "Salim", "Sanjar", "Sardor", "Shavkat", "Sherzod", "Shohruh", "Shuhrat", "Sobir", "Temur", "Tohir", "Toʻlqin", "Ulugʻbek", "Umid", "Usmon", "Valijon", "Vohid", "Xurshid", "Yorqin", "Yusuf", "Zafar", "Zarif", "Zohid", "Zokir", "Ahmad", "Abdurahmon", "Jasurbek", "Sanjarbek", "Azamat", "Bunyod", "Diyor", "Eldorbek", "Gʻiyos", "Humoyun", "Iskandar", "Jonibek", "Mirshod"]

FEMALE_FIRST_NAMES = ["Aziza", "Bahora", "Barno", "Charos", "Dildora", "Dilfuza", "Dilnoza", "Diyora", "Durdona", "Farida", "Feruza", "Gavhar", "Gulchehra", "Gulnora", "Gulshan", "Gʻuncha", "Hadicha", "Hilola", "Hulkar", "Iroda", "Kamola", "Komila", "Laylo", "Lola", "Maftuna", "Madina", "Malika", "Manzura", "Mashhura", "Mavluda", "Mohira", "Munisa", "Muqaddas", "Nafisa", "Nargiza", "Nasiba", "Nigora", "Nilufar", "Nodira", "Noila", "Odina", "Oygul", "Oysha", "Ozoda", "Parvina", "Rano", "Rayhona", "Robiya", "Sabina", "Saida", "Sanobar", "Sarvinoz", "Sevara", "Shahnoza", "Shaxlo", "Shohista", "Shoira", "Surayyo", "Tursunoy", "Umida", "Vazira", "Xosiyat", "Xurshida", "Yulduz", "Zamira", "Zebo", "Zilola", "Zuhra", "Zulfiya", "Oʻgʻiloy", "Mohinur", "Gulruh", "Nozima", "Ruxsora", "Sitora", "Farangiz", "Dilorom", "Yorqinoy", "Mahliyo", "Sayyora"]

# Surname stems; the female form adds "a" (Karimov -> Karimova, Ergashev -> Ergasheva).
SURNAMES = ["Abdullayev", "Abdurahmonov", "Ahmedov", "Akbarov", "Aliyev", "Azimov", "Bakirov", "Baxromov", "Berdiyev", "Boboyev", "Choriyev", "Davronov", "Dehqonov", "Doʻstov", "Egamberdiyev", "Ergashev", "Ernazarov", "Eshmatov", "Fayziyev", "Fayzullayev", "Fozilov", "Gʻaniyev", "Gʻofurov", "Gʻulomov", "Hakimov", "Hamidov", "Hasanov", "Haydarov", "Hojiyev", "Husanov", "Ibrohimov", "Ikromov", "Inoyatov", "Islomov", "Ismoilov", "Jabborov", "Jalolov", "Joʻrayev", "Jumayev", "Kamolov", "Karimov", "Komilov", "Latipov", "Luqmonov", "Mahmudov", "Mamatov", "Mirzayev", "Muminov", "Murodov", "Nabiyev", "Nazarov", "Nematov", "Normatov", "Norqulov", "Nurmatov", "Ochilov", "Olimov", "Otajonov", "Oʻrinov", "Pardayev", "Poʻlatov", "Qayumov", "Qodirov", "Qosimov", "Qurbonov", "Rahimov", "Rajabov", "Rasulov", "Roʻziyev", "Rustamov", "Safarov", "Saidov", "Salimov", "Sattorov", "Sharipov", "Shodiyev", "Sobirov", "Sultonov", "Tojiyev", "Toshmatov", "Tursunov", "Turgʻunov", "Ubaydullayev", "Umarov", "Usmonov", "Valiyev", "Vohidov", "Xalilov", "Xayitov", "Xolmatov", "Xoʻjayev", "Xudoyberdiyev", "Yodgorov", "Yoqubov", "Yoʻldoshev", "Yunusov", "Yusupov", "Zaripov", "Zokirov", "Zufarov", "Ziyayev", "Abduvaliyev", "Tillayev", "Hoshimov", "Mirzaahmedov", "Gʻaybullayev"]

# How these surnames are spelt in Russian-language documents (in the male form).
RUSSIAN_SURNAMES = {
    "Gʻulomov": "Гулямов", "Joʻrayev": "Джураев", "Toshmatov": "Ташматов", "Yoʻldoshev": "Юлдашев",
    "Qodirov": "Кадыров", "Sobirov": "Сабиров", "Rahimov": "Рахимов", "Xolmatov": "Холматов",
    "Ergashev": "Эргашев", "Gʻofurov": "Гафуров", "Qosimov": "Касымов", "Usmonov": "Усманов",
    "Sultonov": "Султанов", "Xoʻjayev": "Ходжаев", "Yusupov": "Юсупов", "Qurbonov": "Курбанов",
    "Sattorov": "Саттаров", "Jabborov": "Джабборов", "Roʻziyev": "Рузиев", "Turgʻunov": "Тургунов",
    "Oʻrinov": "Уринов", "Poʻlatov": "Пулатов", "Xudoyberdiyev": "Худайбердиев", "Mirzayev": "Мирзаев",
    "Karimov": "Каримов", "Abdullayev": "Абдуллаев", "Hasanov": "Хасанов", "Husanov": "Хусанов",
}

def female_surname(male: str) -> str:
    return f"{male}a"


@lru_cache(maxsize=512)
def patronymic(father: str, sex: str, *, uzbek_style: bool) -> str:
    """Anvarovich / Anvarovna, or the Uzbek form Anvar oʻgʻli / Anvar qizi."""
    if uzbek_style:
        return f"{father} {'oʻgʻli' if sex == 'M' else 'qizi'}"
    stem = father + ("y" if father[-1] in "aeiouo" else "")
    suffix = "evich" if stem.endswith("y") else "ovich"
    if sex == "F":
        suffix = "evna" if stem.endswith("y") else "ovna"
    return stem + suffix


def random_person_names(rng: random.Random, sex: str, *, cyrillic_share: float = 0.35) -> dict[str, str]:
    """Latin names of one person and, for ``cyrillic_share`` of people, their Cyrillic spelling
    (the Russian spelling of the surname where documents use one)."""
    surname = rng.choice(SURNAMES)
    father = rng.choice(MALE_FIRST_NAMES)
    first = rng.choice(MALE_FIRST_NAMES if sex == "M" else FEMALE_FIRST_NAMES)
    uzbek_style = rng.random() < 0.3
    names = {
        "last_name": surname if sex == "M" else female_surname(surname),
        "first_name": first,
        "middle_name": patronymic(father, sex, uzbek_style=uzbek_style),
        "last_name_cyrl": "", "first_name_cyrl": "", "middle_name_cyrl": "",
    }
    if rng.random() < cyrillic_share:
        russian = RUSSIAN_SURNAMES.get(surname) if rng.random() < 0.6 else None
        last_cyrl = russian or to_cyrillic(surname)
        names["last_name_cyrl"] = last_cyrl if sex == "M" else f"{last_cyrl}а"
        names["first_name_cyrl"] = to_cyrillic(first)
        names["middle_name_cyrl"] = to_cyrillic(names["middle_name"])
    return names
