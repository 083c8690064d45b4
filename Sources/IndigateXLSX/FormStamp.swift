/// What a filled form says about itself in one place: the token, INN and round stored there.
package struct FormStamp: Sendable, Equatable {
    package enum Place: Sendable, Equatable {
        /// The cells that the defined names `indigate_token`, `indigate_inn`, `indigate_round` point to.
        case namedCells
        /// The custom document properties of the same names.
        case customProperties
        /// The cells where ``FormWriter`` puts them, read only when the defined names are gone.
        case layoutCells
    }

    package var place: Place
    package var token: String?
    package var inn: String?
    package var round: String?

    package init(place: Place, token: String? = nil, inn: String? = nil, round: String? = nil) {
        self.place = place
        self.token = token
        self.inn = inn
        self.round = round
    }

    var isEmpty: Bool { token == nil && inn == nil && round == nil }
}
