// reply-grammar: a school's reply body, cut from the quoted letter (ReplyText) and read by the
// reply grammar against a catalogue shaped like config/indicators.yaml (1.1–1.5, 2.1–2.8, 3.1,
// 4.1, 5.1, 5.2; numeric, yesno and percentage), built here rather than loaded from YAML.
@testable import IndigateCore

private let catalogue: Catalogue = {
    let schools: Set<String> = ["7430112855", "7430957210", "7409745887", "7409657768"]
    func numeric(_ code: String, document: String? = nil, _ who: Participants = .schools) -> Indicator {
        Indicator(code: code, groupCode: String(code.prefix(1)), question: "Количество \(code)", type: .numeric,
                  document: document, participants: who)
    }
    func yesno(_ code: String, document: String? = nil) -> Indicator {
        Indicator(code: code, groupCode: String(code.prefix(1)), question: "Да или нет \(code)", type: .yesno,
                  document: document, participants: .schools)
    }
    func percentage(_ code: String, _ who: Participants = .schools) -> Indicator {
        Indicator(code: code, groupCode: String(code.prefix(1)), question: "Доля \(code)", type: .percentage,
                  parts: ["Часть", "Целое"], participants: who)
    }
    let catalogue = Catalogue(groups: [
        IndicatorGroup(code: "1", title: "Кванториум", indicators: [
            numeric("1.1", document: "приказ", .list(schools)), numeric("1.2", document: "соглашение", .list(schools)),
            percentage("1.3", .list(schools)), yesno("1.4", document: "соглашение"), numeric("1.5", document: nil, .list(schools)),
        ]),
        IndicatorGroup(code: "2", title: "ИУП", indicators: [
            numeric("2.1", document: "перечень", .mouo), numeric("2.2", document: "приказ"), numeric("2.3"),
            numeric("2.4"), yesno("2.5", document: "положение"), percentage("2.6"), yesno("2.7", document: "акт"),
            numeric("2.8"),
        ]),
        IndicatorGroup(code: "3", title: "Проектория", indicators: [numeric("3.1")]),
        IndicatorGroup(code: "4", title: "Сириус", indicators: [numeric("4.1")]),
        IndicatorGroup(code: "5", title: "Аттестация", indicators: [numeric("5.1"), yesno("5.2", document: "приказ")]),
    ])
    precondition(catalogue.problems().isEmpty, "the harness's catalogue is unsound: \(catalogue.problems())")
    return catalogue
}()
private let grammar = ReplyGrammar(catalogue: catalogue)

@_cdecl("LLVMFuzzerTestOneInput")
public func replyGrammarFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = data.map { String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self) } ?? ""
    let newText = ReplyText.newText(of: body)
    let lines = grammar.read(newText)
    var sink = newText.utf8.count
    for line in lines { sink &+= String(describing: line).utf8.count }
    keep(sink)
    return 0
}

@inline(never) private func keep(_ value: Int) { if value == -1 { print(value) } }
