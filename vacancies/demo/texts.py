"""Realistic texts of demo vacancies (Uzbek Latin and Russian, English for the English portal)."""

from __future__ import annotations

# specialty -> (duties uz, duties ru, duties en)
DUTIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "Huquqshunoslik": (
        ("normativ-huquqiy hujjatlar loyihalarini huquqiy ekspertizadan oʻtkazish",
         "sudlarda va boshqa organlarda tashkilot manfaatlarini himoya qilish",
         "shartnomalar va buyruqlar loyihalarini tayyorlash"),
        ("правовая экспертиза проектов нормативно-правовых актов",
         "представление интересов организации в судах и других органах",
         "подготовка проектов договоров и приказов"),
        ("legal review of draft regulations", "representing the body in courts and other authorities",
         "drafting contracts and orders"),
    ),
    "Iqtisodiyot": (
        ("hududiy iqtisodiy koʻrsatkichlarni tahlil qilish va prognozlash",
         "investitsiya dasturlari ijrosini monitoring qilish", "tahliliy maʼlumotnomalar tayyorlash"),
        ("анализ и прогнозирование региональных экономических показателей",
         "мониторинг исполнения инвестиционных программ", "подготовка аналитических справок"),
        ("analysing and forecasting regional economic indicators", "monitoring investment programmes",
         "preparing analytical briefs"),
    ),
    "Moliya va moliyaviy texnologiyalar": (
        ("davlat budjeti mablagʻlarining maqsadli sarflanishini nazorat qilish",
         "budjet tashkilotlarining xarajatlar smetalarini koʻrib chiqish", "moliyaviy hisobotlarni tahlil qilish"),
        ("контроль целевого использования средств государственного бюджета",
         "рассмотрение смет расходов бюджетных организаций", "анализ финансовой отчётности"),
        ("controlling the targeted use of state budget funds", "reviewing budget organisations' estimates",
         "analysing financial statements"),
    ),
    "Soliqlar va soliqqa tortish": (
        ("soliq toʻlovchilar hisobini yuritish va kameral nazorat", "soliq tushumlarini tahlil qilish",
         "tadbirkorlarga soliq qonunchiligi boʻyicha tushuntirish berish"),
        ("ведение учёта налогоплательщиков и камеральный контроль", "анализ налоговых поступлений",
         "разъяснение налогового законодательства предпринимателям"),
        ("keeping the taxpayer register and desk audits", "analysing tax revenue",
         "explaining tax law to entrepreneurs"),
    ),
    "Axborot tizimlari va texnologiyalari": (
        ("idoraviy axborot tizimlarini joriy etish va qoʻllab-quvvatlash", "axborot xavfsizligini taʼminlash",
         "elektron davlat xizmatlarini rivojlantirish"),
        ("внедрение и сопровождение ведомственных информационных систем",
         "обеспечение информационной безопасности", "развитие электронных государственных услуг"),
        ("deploying and supporting departmental information systems", "information security",
         "developing e-government services"),
    ),
    "Davlat boshqaruvi": (
        ("boʻlinma faoliyatini rejalashtirish va muvofiqlashtirish", "Prezident farmonlari ijrosini nazorat qilish",
         "xodimlar ishini tashkil etish va baholash"),
        ("планирование и координация деятельности подразделения", "контроль исполнения указов Президента",
         "организация и оценка работы сотрудников"),
        ("planning and coordinating the unit's work", "monitoring the execution of presidential decrees",
         "organising and evaluating staff"),
    ),
    "Buxgalteriya hisobi va audit": (
        ("buxgalteriya hisobini xalqaro standartlar asosida yuritish", "ichki audit oʻtkazish",
         "moliyaviy hisobotlarni tuzish"),
        ("ведение бухгалтерского учёта по международным стандартам", "проведение внутреннего аудита",
         "составление финансовой отчётности"),
        ("bookkeeping under international standards", "internal audit", "preparing financial statements"),
    ),
    "Agronomiya": (
        ("qishloq xoʻjaligi ekinlarini joylashtirishni rejalashtirish", "fermer xoʻjaliklariga agrotexnik maslahat",
         "suv resurslaridan oqilona foydalanishni nazorat qilish"),
        ("планирование размещения сельскохозяйственных культур", "агротехнические консультации фермерам",
         "контроль рационального использования водных ресурсов"),
        ("planning crop placement", "agronomic advice to farmers", "monitoring efficient water use"),
    ),
}


def description(specialty: str, *, organization_uz: str, organization_ru: str, organization_en: str,
                management: bool) -> tuple[str, str, str]:
    """HTML descriptions (uz, ru, en) of a vacancy: duties, what is offered."""
    uz, ru, en = DUTIES.get(specialty, DUTIES["Davlat boshqaruvi"])
    lead_uz = ("Boʻlinma faoliyatiga rahbarlik qiluvchi tajribali mutaxassis izlanmoqda."
               if management else "Jamoamizga malakali mutaxassis izlanmoqda.")
    lead_ru = ("Ищем опытного руководителя подразделения." if management else "В команду требуется квалифицированный "
               "специалист.")
    lead_en = "We are looking for an experienced head of unit." if management else "We are looking for a qualified specialist."

    def html(lead: str, where: str, duties_title: str, duties: tuple[str, ...], offer_title: str,
             offers: tuple[str, ...]) -> str:
        items = "".join(f"<li>{d}</li>" for d in duties)
        offer = "".join(f"<li>{o}</li>" for o in offers)
        return f"<p>{where}. {lead}</p><h3>{duties_title}</h3><ul>{items}</ul><h3>{offer_title}</h3><ul>{offer}</ul>"

    return (
        html(lead_uz, organization_uz, "Asosiy vazifalar", uz, "Biz taklif qilamiz",
             ("davlat fuqarolik xizmatida barqaror ish", "malaka oshirish va rotatsiya imkoniyati",
              "qonunchilikda belgilangan ijtimoiy kafolatlar")),
        html(lead_ru, organization_ru, "Основные обязанности", ru, "Мы предлагаем",
             ("стабильную работу на государственной гражданской службе", "повышение квалификации и ротацию",
              "социальные гарантии, установленные законодательством")),
        html(lead_en, organization_en, "Main duties", en, "We offer",
             ("a stable career in the state civil service", "training and rotation",
              "the social guarantees set by law")),
    )
