import Dispatch

/// Runs blocking work (SQLite, libcurl, the parse worker's pipes) on a dispatch queue instead
/// of a thread of Swift's cooperative pool, which has as many threads as cores: three services
/// blocking there would starve everything else.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
