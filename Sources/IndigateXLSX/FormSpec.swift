/// Everything one organisation's request form shows. The caller supplies every text (the module
/// has no wording of its own); ``FormWriter`` lays it out.
package struct FormSpec: Sendable, Equatable {
    /// The worksheet's name (at most 31 characters, none of `[]:*?/\`).
    package var sheetName: String
    /// The heading in the first row.
    package var title: String
    /// The organisation the form is made for.
    package var inn: String
    package var organisationName: String
    /// The round, `YYYY-MM`, written as text so no spreadsheet turns it into a date.
    package var round: String
    /// The deadline as it should read (the caller formats it).
    package var deadline: String
    /// What ties the file to the organisation even when it comes back from another mailbox: ASCII,
    /// about 40 characters, opaque here. See ``FormLayout`` for where it is stored.
    package var token: String
    /// How to fill the form in: one paragraph under the stamp, above the table.
    package var instructions: String
    /// Labels, headings, hints and validation messages.
    package var wording: FormWording
    /// One row each, in this order.
    package var indicators: [FormIndicator]

    package init(
        sheetName: String, title: String, inn: String, organisationName: String, round: String, deadline: String,
        token: String, instructions: String, wording: FormWording, indicators: [FormIndicator]
    ) {
        self.sheetName = sheetName
        self.title = title
        self.inn = inn
        self.organisationName = organisationName
        self.round = round
        self.deadline = deadline
        self.token = token
        self.instructions = instructions
        self.wording = wording
        self.indicators = indicators
    }
}
