/// The one-word requests a reply may make on a line of its own, in each spelling accepted:
/// one list for every flow that reads them.
enum RequestWord {
    /// «КАТАЛОГ»: every group and indicator of the catalogue.
    static let catalogue: Set<String> = ["каталог", "catalogue", "catalog"]
    /// «СТАТУС»: a school's standing in the round.
    static let status: Set<String> = ["статус", "status"]
}
