import Foundation
import IndigateCore
import IndigateMIME
import IndigatePDF

/// GMime in a separate worker process (`indigate parse-worker`), kept alive across messages
/// and replaced when it dies or overruns its time. The worker has an address-space limit; a
/// message that crashes or hangs GMime costs that one message a retry, never the daemon.
/// A worker is retired after `messagesPerWorker` messages (as Postfix's `max_use` does), so a
/// leak in a library cannot grow it without bound (GMime 3.2 leaks on some malformed address
/// headers; the guard refuses those we know). One message is parsed at a time (a lock
/// serialises callers).
package final class IsolatedParser: MessageParsing, @unchecked Sendable {
    let executable: String
    let memoryMegabytes: Int
    let timeout: TimeInterval
    let limits: MIMELimits
    let messagesPerWorker: Int
    private let lock = NSLock()
    private var worker: (process: Process, input: Int32, output: Int32)?
    private var parsedByWorker = 0

    /// - Parameters:
    ///   - executable: the `indigate` binary that has the `parse-worker` command.
    ///   - messagesPerWorker: how many messages one worker process parses before it is replaced.
    package init(
        executable: String, memoryMegabytes: Int, timeout: TimeInterval, limits: MIMELimits,
        messagesPerWorker: Int = 1_000
    ) {
        self.executable = executable
        self.memoryMegabytes = memoryMegabytes
        self.timeout = timeout
        self.limits = limits
        self.messagesPerWorker = max(1, messagesPerWorker)
        // A write to a worker that just died must be an error, not a signal that kills us.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit {
        if let worker { stop(worker) }
    }

    package var isIsolated: Bool { true }

    /// The worker process's id (nil before the first message), for tests.
    var workerID: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return worker?.process.processIdentifier
    }

    package func parse(_ raw: consuming [UInt8]) -> ParseOutcome {
        lock.lock()
        defer { lock.unlock() }
        let current: (process: Process, input: Int32, output: Int32)
        do {
            current = try running()
        } catch {
            return .parserFailed("cannot start the parse worker: \(error)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        let sent =
            WorkerFrame.write(current.input, [WorkerFrame.parse] + WorkerFrame.header(length: raw.count), deadline: deadline)
            && WorkerFrame.write(current.input, raw, deadline: deadline)
        // The worker has the bytes: they go before its answer, as large, comes back.
        _ = consume raw
        guard sent,
            let header = WorkerFrame.read(current.output, count: 8, deadline: deadline),
            // An answer is the message's parts, never much more than the message.
            WorkerFrame.length(header) <= 2 * limits.messageBytes + (1 << 20),
            let answer = WorkerAnswer.read(from: current.output, length: WorkerFrame.length(header), deadline: deadline)
        else {
            let reason = Date() >= deadline ? "timed out after \(Int(timeout)) s" : "the worker died"
            stop(current)
            worker = nil
            return .parserFailed(reason)
        }
        guard case .some(let outcome) = answer else {
            stop(current)
            worker = nil
            return .parserFailed("unreadable answer from the worker")
        }
        parsedByWorker += 1
        if parsedByWorker >= messagesPerWorker {
            // The successor starts now, while the caller goes on with this answer, and the
            // retired worker (idle, waiting for a frame) is killed and reaped off this thread:
            // waiting here for it to exit, then for the next one to start, held this lane up
            // 10-110 ms at each retirement.
            retire(current)
            worker = nil
            _ = try? running()
        }
        return outcome
    }

    /// A PDF's first page drawn by the worker (`FirstPagePreview`); nil when it could not be
    /// drawn, or the worker died or overran its time on it (it is then replaced).
    package func firstPage(_ pdf: [UInt8]) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        guard let current = try? running() else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        guard
            WorkerFrame.write(current.input, [WorkerFrame.firstPage] + WorkerFrame.header(length: pdf.count), deadline: deadline),
            WorkerFrame.write(current.input, pdf, deadline: deadline),
            let header = WorkerFrame.read(current.output, count: 8, deadline: deadline),
            WorkerFrame.length(header) <= FirstPagePreview.maxPNGBytes,
            let png = WorkerFrame.read(current.output, count: WorkerFrame.length(header), deadline: deadline)
        else {
            stop(current)
            worker = nil
            return nil
        }
        return png.isEmpty ? nil : png
    }

    /// Starts the worker if there is none, unless a caller holds the lock (it then has one).
    package func warmUp() {
        guard lock.try() else { return }
        defer { lock.unlock() }
        _ = try? running()
    }

    /// The worker, started when there is none (the lock is held).
    private func running() throws -> (process: Process, input: Int32, output: Int32) {
        if let worker { return worker }
        let started = try start()
        worker = started
        parsedByWorker = 0
        return started
    }

    private func start() throws -> (process: Process, input: Int32, output: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "parse-worker", "--memory-mb", String(memoryMegabytes), "--message-bytes", String(limits.messageBytes),
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        return (process, input.fileHandleForWriting.fileDescriptor, output.fileHandleForReading.fileDescriptor)
    }

    private func stop(_ worker: (process: Process, input: Int32, output: Int32)) {
        Self.stop(worker.process)
    }

    /// Kills the worker if it still runs and waits until it is reaped.
    private static func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Stops a worker that has done its share on another thread.
    private func retire(_ worker: (process: Process, input: Int32, output: Int32)) {
        let retired = Retired(process: worker.process)
        DispatchQueue.global(qos: .utility).async { Self.stop(retired.process) }
    }

    /// A retired worker's process, handed to the thread that reaps it (and touched by no other).
    private struct Retired: @unchecked Sendable {
        let process: Process
    }
}

/// The worker's side: read a frame, parse, answer, until the input ends.
package enum ParseWorker {
    /// Caps the process's address space so runaway allocations fail here, not in the daemon.
    package static func limitMemory(megabytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(megabytes) << 20, rlim_max: rlim_t(megabytes) << 20)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }

    package static func serve(input: Int32, output: Int32, limits: MIMELimits) {
        let parser = MessageParser(limits: limits)
        let faults = ProcessInfo.processInfo.environment["INDIGATE_PARSE_WORKER_FAULTS"] == "1"
        while let request = WorkerFrame.read(input, count: 9, deadline: nil) {
            guard let raw = WorkerFrame.read(input, count: WorkerFrame.length(Array(request[1...])), deadline: nil) else {
                return
            }
            if faults { injectFault(raw) }
            if request[0] == WorkerFrame.firstPage {
                let png = FirstPagePreview.png(raw) ?? []
                guard WorkerFrame.write(output, WorkerFrame.header(length: png.count), deadline: nil),
                    WorkerFrame.write(output, png, deadline: nil)
                else { return }
                continue
            }
            let parts: [[UInt8]]
            do {
                parts = try WorkerAnswer.parts(DocumentInspection.inspect(try parser.parse(raw)))
            } catch let error as MIMEError {
                parts = WorkerAnswer.parts(error)
            } catch {
                parts = WorkerAnswer.parts(MIMEError.notAMessage)
            }
            let length = parts.map(\.count).reduce(0, +)
            guard WorkerFrame.write(output, WorkerFrame.header(length: length), deadline: nil),
                parts.allSatisfy({ WorkerFrame.write(output, $0, deadline: nil) })
            else { return }
        }
    }
}

extension ParseWorker {
    /// Fault injection for tests (only with INDIGATE_PARSE_WORKER_FAULTS=1 in the worker's
    /// environment): a message with the header `X-Indigate-Test-Fault: crash` aborts the
    /// worker, `…: hang` makes it sleep, as a GMime crash or endless loop would.
    static func injectFault(_ raw: [UInt8]) {
        let head = String(decoding: raw.prefix(4096), as: UTF8.self)
        if head.contains("X-Indigate-Test-Fault: crash") { abort() }
        if head.contains("X-Indigate-Test-Fault: hang") { sleep(3600) }
    }
}
