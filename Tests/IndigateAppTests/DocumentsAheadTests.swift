import Foundation
import Synchronization
import Testing

@testable import IndigateApp

/// The thread that stores a parse step's documents ahead: in order, bounded, drained.
@Suite struct DocumentsAheadTests {
    static func items(_ key: String) -> [(key: String, bytes: [UInt8])] { [(key, Array(key.utf8))] }

    @Test func storesInTheOrderGivenAndDrainWaitsForAll() {
        let ahead = DocumentsAhead()
        let stored = Mutex<[String]>([])
        for index in 0..<20 {
            ahead.store(Self.items("d\(index)")) { items in
                usleep(1_000)
                stored.withLock { $0 += items.map(\.key) }
            }
        }
        ahead.drain()
        #expect(stored.withLock { $0 } == (0..<20).map { "d\($0)" })
    }

    /// A parse thread that gives more than `limit` steps' documents waits for the oldest to be
    /// stored, so a slow disk cannot make the bytes waiting here grow without bound.
    @Test func aParseThreadWaitsWhenLimitStepsAreWaiting() {
        let ahead = DocumentsAhead()
        let gate = DispatchSemaphore(value: 0)
        for index in 0..<DocumentsAhead.limit {
            ahead.store(Self.items("d\(index)")) { _ in gate.wait() }
        }
        let returned = Atomic<Bool>(false)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            ahead.store(Self.items("one more")) { _ in }
            returned.store(true, ordering: .sequentiallyConsistent)
            done.signal()
        }
        usleep(200_000)
        let early = returned.load(ordering: .sequentiallyConsistent)
        #expect(!early, "given while \(DocumentsAhead.limit) were waiting")
        for _ in 0..<DocumentsAhead.limit { gate.signal() }
        done.wait()
        ahead.drain()
        let late = returned.load(ordering: .sequentiallyConsistent)
        #expect(late)
    }
}
