// command-grammar: an operator's reply to a review letter (ПРИНЯТЬ / ОТКЛОНИТЬ / ОСВОБОДИТЬ /
// ОТБРОСИТЬ / СТАТУС / ОТЧЁТ / ПРОДЛИТЬ …). Besides crashes it checks the grammar's documented bounds: no line
// names more than `CommandGrammar.maximumNumbers` numbers, СТАТУС takes only a 10- or 12-digit INN,
// ОТЧЁТ keeps at most `CommandGrammar.maximumReportWords` words, none of them blank, and ПРОДЛИТЬ
// carries a real day (YYYY-MM-DD) and at most `maximumNumbers` targets.
@testable import IndigateCore

@_cdecl("LLVMFuzzerTestOneInput")
public func commandGrammarFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = data.map { String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self) } ?? ""
    var sink = 0
    for line in CommandGrammar.read(text) {
        sink &+= line.text.utf8.count
        guard case .success(let command) = line.command else { continue }
        let numbers: Int
        switch command {
        case .accept(.ids(let ids)), .reject(.ids(let ids), _): numbers = ids.count
        case .release(let ids), .drop(let ids): numbers = ids.count
        case .accept(.all), .reject(.all, _): numbers = 0
        case .status(let inn):
            precondition([10, 12].contains(inn.count) && inn.allSatisfy(\.isNumber), "СТАТУС took «\(inn)» for an INN")
            numbers = 0
        case .report(let words):
            precondition(words.count <= CommandGrammar.maximumReportWords, "ОТЧЁТ kept \(words.count) words")
            precondition(!words.contains { $0.isEmpty || $0.contains(" ") }, "ОТЧЁТ kept a blank word: \(words)")
            numbers = 0
        case .extend(let deadline, let targets):
            precondition(RoundDates.isValid(deadline), "ПРОДЛИТЬ took «\(deadline)» for a day")
            numbers = targets.count
        }
        precondition(numbers <= CommandGrammar.maximumNumbers, "a command names \(numbers) numbers")
        sink &+= numbers
    }
    keep(sink)
    return 0
}

@inline(never) private func keep(_ value: Int) { if value == -1 { print(value) } }
