/// The indicator codes of each round one transaction has read, in the catalogue's order. Every
/// reply asks for a round twice (the round its token names, the newest round), and each read
/// joined two tables and sorted: 0.14 s of the handling thread's 3 s in a poll of the bench
/// corpus. A round's codes are written once, when it opens, and their order changes only when
/// a catalogue is saved: both forget what is kept here, and so does a savepoint undone, whose
/// round may be gone. A transaction's own, so another connection's commit is never missed.
final class RoundCodes {
    private var byRound: [Int64: [String]] = [:]

    /// The codes of round `id`, read with `read` the first time.
    func codes(of id: Int64, _ read: () throws -> [String]) rethrows -> [String] {
        if let codes = byRound[id] { return codes }
        let codes = try read()
        byRound[id] = codes
        return codes
    }

    func forget() {
        byRound = [:]
    }
}
