import IndigateCore

/// The whole catalogue, as the portal's «Все индикативы»: every group and indicator with how it
/// is answered and the document it needs, whether or not the reader is asked it, and which of
/// them the reader's organisation answers in the current round.
struct CatalogueView: Letter {
    static let template = "catalogue"

    var catalogue: Catalogue
    /// The codes the reader's organisation answers in the current round (none for coordinators
    /// and operators, or when no round is open).
    var asked: Set<String>
    var organization: Organization

    var context: [String: Any] {
        [
            "organization": organization.shortName,
            "count": RussianPlural.context(catalogue.indicators.count),
            "hasAsked": !asked.isEmpty,
            "groups": catalogue.groups.map { group in
                [
                    "code": group.code, "title": group.title,
                    "indicators": group.indicators.map { indicator in
                        var context = RequestView.indicatorContext(indicator)
                        context["asked"] = asked.contains(indicator.code)
                        return context
                    },
                ] as [String: Any]
            },
        ]
    }
}
