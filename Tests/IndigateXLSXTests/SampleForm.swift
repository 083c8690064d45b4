@testable import IndigateXLSX

/// The form the fixtures are made from: a school of region 77 in round 2026-11, six indicators of
/// the three kinds. The Russian wording here is test data; the application's comes from its
/// templates.
enum SampleForm {
    static let token = "ig1.7701234567.2026-11.Q2hlY2tUb2tlbjQy.k9"
    static let inn = "7701234567"
    static let round = "2026-11"

    static let wording = FormWording(
        organisationLabel: "Организация:", innLabel: "ИНН:", roundLabel: "Период:", deadlineLabel: "Срок:",
        tokenLabel: "Код формы (не изменяйте):",
        codeHeading: "Код", questionHeading: "Показатель", hintHeading: "Что вписать", valueHeading: "Ответ (или часть)",
        wholeHeading: "Целое (для долей)",
        numberHint: "Целое число, 0 или больше", yesNoHint: "Выберите «Да» или «Нет»",
        percentageHint: "Два целых числа: часть в столбце D, целое в столбце E", yes: "Да", no: "Нет",
        numberMessages: ValidationMessages(
            inputTitle: "Целое число", inputMessage: "Впишите целое число, 0 или больше.",
            errorTitle: "Нужно целое число", errorMessage: "Здесь нужно целое число, 0 или больше, без букв и пробелов."),
        yesNoMessages: ValidationMessages(
            inputTitle: "Да или нет", inputMessage: "Выберите «Да» или «Нет» из списка.",
            errorTitle: "Нужно «Да» или «Нет»", errorMessage: "Выберите «Да» или «Нет» из списка."),
        partMessages: ValidationMessages(
            inputTitle: "Часть", inputMessage: "",
            errorTitle: "Часть больше целого?", errorMessage: "Часть — целое число, 0 или больше, и не больше целого."),
        wholeMessages: ValidationMessages(
            inputTitle: "Целое", inputMessage: "",
            errorTitle: "Целое меньше части?", errorMessage: "Целое — целое число, 0 или больше, и не меньше части."))

    static let indicators = [
        FormIndicator(code: "1.1", question: "Численность обучающихся на 1-е число месяца", answer: .number),
        FormIndicator(code: "1.2", question: "Число педагогических работников", answer: .number),
        FormIndicator(code: "1.3", question: "Работает ли в школе служба медиации?", answer: .yesNo),
        FormIndicator(
            code: "2.1", question: "Доля обучающихся, охваченных горячим питанием",
            answer: .percentage(
                partLabel: "Часть: обучающиеся, получающие горячее питание",
                wholeLabel: "Целое: все обучающиеся 1–4 классов")),
        FormIndicator(code: "2.2", question: "Число случаев травматизма за месяц", answer: .number),
        FormIndicator(code: "3.1", question: "Есть ли действующая лицензия на дополнительное образование?", answer: .yesNo),
    ]

    static let spec = FormSpec(
        sheetName: "Форма", title: "Ежемесячный мониторинг показателей образования — ноябрь 2026",
        inn: inn, organisationName: "МБОУ «Средняя общеобразовательная школа № 1» городского округа Примерный",
        round: round, deadline: "10.12.2026", token: token,
        instructions: "Заполните жёлтые ячейки. Числа — без пробелов и букв. Для долей впишите часть и целое, "
            + "процент посчитаем сами. Не меняйте код формы и не удаляйте строки. Сохраните файл и приложите его к ответу.",
        wording: wording, indicators: indicators)

    /// The same form made for another school: its token and INN differ.
    static var otherOrganisation: FormSpec {
        var spec = spec
        spec.inn = "7709876543"
        spec.organisationName = "ГБОУ «Школа № 2»"
        spec.token = "ig1.7709876543.2026-11.T3RoZXJTY2hvb2w.x2"
        return spec
    }

    /// The form of the round before: its round and token differ.
    static var previousRound: FormSpec {
        var spec = spec
        spec.round = "2026-10"
        spec.deadline = "10.11.2026"
        spec.title = "Ежемесячный мониторинг показателей образования — октябрь 2026"
        spec.token = "ig1.7701234567.2026-10.UHJldmlvdXNSb3VuZA.p7"
        return spec
    }
}
