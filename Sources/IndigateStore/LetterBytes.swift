/// A letter's bytes, made now or on another thread while the transaction goes on.
package enum LetterBytes: Sendable {
    /// Composed already.
    case ready([UInt8])
    /// Composed by `make` on the store's composing thread; the transaction waits for it just
    /// before it commits (see ``ComposingLetters``).
    case later(@Sendable () throws -> [UInt8])
}
