/// The installation's indicator groups, in the order letters print them.
package struct Catalogue: Sendable, Equatable {
    package var groups: [IndicatorGroup]

    package init(groups: [IndicatorGroup]) {
        self.groups = groups
    }

    /// Every indicator, in catalogue order.
    package var indicators: [Indicator] { groups.flatMap(\.indicators) }

    /// The indicator with `code`, if any.
    package func indicator(code: String) -> Indicator? {
        // Group by group: no copy of the whole list for one look-up (it is on every line read).
        for group in groups {
            if let indicator = group.indicators.first(where: { $0.code == code }) { return indicator }
        }
        return nil
    }

    /// The indicators `organization` answers in `round`, in catalogue order: those the round
    /// asks for that name the organisation among their participants. The one rule of
    /// assignment: letters, replies, reminders and commands all ask it here.
    package func indicators(for organization: Organization, in round: Round) -> [Indicator] {
        indicators(for: organization, codes: Set(round.indicatorCodes))
    }

    /// The indicators of `codes` that `organization` answers, in catalogue order.
    package func indicators(for organization: Organization, codes: Set<String>) -> [Indicator] {
        // Group by group, as `indicator(code:)`: asked twice for every reply, and the whole
        // list would be copied only to be filtered.
        var assigned: [Indicator] = []
        for group in groups {
            for indicator in group.indicators
            where codes.contains(indicator.code) && indicator.participants.includes(organization) {
                assigned.append(indicator)
            }
        }
        return assigned
    }

    /// The indicators of the groups `groupCodes` (every group when empty), in catalogue order.
    package func indicators(ofGroups groupCodes: [String]) -> [Indicator] {
        groups.filter { groupCodes.isEmpty || groupCodes.contains($0.code) }.flatMap(\.indicators)
    }

    /// Problems that make the catalogue unusable: duplicate codes, a code outside its group,
    /// a percentage without exactly two parts. Empty when the catalogue is sound.
    package func problems() -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for group in groups {
            if !seen.insert("group:" + group.code).inserted {
                problems.append("group \(group.code) appears twice")
            }
            for indicator in group.indicators {
                if !seen.insert(indicator.code).inserted {
                    problems.append("indicator \(indicator.code) appears twice")
                }
                if !indicator.code.hasPrefix(group.code + ".") {
                    problems.append("indicator \(indicator.code) does not start with its group's code \(group.code).")
                }
                if indicator.type == .percentage && indicator.parts.count != 2 {
                    problems.append("percentage indicator \(indicator.code) needs exactly two parts")
                }
                if indicator.type != .percentage && !indicator.parts.isEmpty {
                    problems.append("indicator \(indicator.code) has parts but is not a percentage")
                }
            }
        }
        return problems
    }
}
