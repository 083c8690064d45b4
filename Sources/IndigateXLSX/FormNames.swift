/// The defined names of ``FormLayout`` as a filled workbook has them: one sheet they point to, and
/// the cells or ranges there. Workbook-wide names win over sheet-local ones of the same name; names
/// that point elsewhere than the codes' sheet (or the token's, if the codes have none) are left out.
struct FormNames {
    private(set) var sheet: String?
    private(set) var token: CellReference?
    private(set) var inn: CellReference?
    private(set) var round: CellReference?
    private(set) var codes: CellRange?
    private(set) var values: CellRange?
    private(set) var wholes: CellRange?

    init(_ workbook: XLSXWorkbook) {
        var targets: [String: (sheet: String, range: CellRange)] = [:]
        let ours: Set = [
            FormLayout.tokenName, FormLayout.innName, FormLayout.roundName, FormLayout.codesName, FormLayout.valuesName,
            FormLayout.wholesName,
        ]
        for name in workbook.definedNames.sorted(by: { ($0.localSheet == nil ? 0 : 1) < ($1.localSheet == nil ? 0 : 1) })
        where ours.contains(name.name) && targets[name.name] == nil {
            if let target = name.target { targets[name.name] = target }
        }
        let sheet = targets[FormLayout.codesName]?.sheet ?? targets[FormLayout.tokenName]?.sheet
        self.sheet = sheet
        func on(_ name: String) -> CellRange? {
            guard let target = targets[name], target.sheet == sheet else { return nil }
            return target.range
        }
        token = on(FormLayout.tokenName)?.first
        inn = on(FormLayout.innName)?.first
        round = on(FormLayout.roundName)?.first
        codes = on(FormLayout.codesName)
        values = on(FormLayout.valuesName)
        wholes = on(FormLayout.wholesName)
    }
}
