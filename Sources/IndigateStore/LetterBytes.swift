/// A letter's bytes, made now or on another thread while the transaction goes on.
package enum LetterBytes: Sendable {
    /// Composed already.
    case ready([UInt8])
    /// Rendered and composed by `make` on the store's composing thread; the transaction waits
    /// for it just before it commits (see ``ComposingLetters``), and stores its subject in the
    /// letter's row with its bytes.
    case later(@Sendable () throws -> ComposedLetter)
}

/// A letter made on the composing thread: its subject (which the letter's row holds) and its
/// bytes.
package struct ComposedLetter: Sendable {
    package var subject: String
    package var bytes: [UInt8]

    package init(subject: String, bytes: [UInt8]) {
        self.subject = subject
        self.bytes = bytes
    }
}
