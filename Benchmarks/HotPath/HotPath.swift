import Benchmark
import Foundation
import IndigateApp

/// The hot path's regression guard (ordo-one/benchmark; its MallocInterposer trait counts
/// allocations): a typical reply parsed and interpreted, and its receipt rendered and composed.
/// `make bench` runs them in release (`swift package benchmark`) and writes the figures into
/// BENCHMARKS.md; `make test` runs each once (`INDIGATE_BENCH_ONCE=1`) so they cannot rot.
let benchmarks: @Sendable () -> Void = {
    let once = ProcessInfo.processInfo.environment["INDIGATE_BENCH_ONCE"] != nil
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        warmupIterations: once ? 0 : 10,
        maxDuration: once ? .milliseconds(1) : .seconds(3),
        maxIterations: once ? 1 : 2_000)
    // The shipped configuration, from the source tree.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    let hotPath: HotPath
    do {
        hotPath = try HotPath(configPath: root + "/config/indigate.yaml")
    } catch {
        fatalError("cannot set up the hot path: \(error)")
    }

    Benchmark("reply: parse and interpret") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try hotPath.parseAndInterpret())
        }
    }

    Benchmark("receipt: render and compose") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try hotPath.composeReceipt())
        }
    }
}
