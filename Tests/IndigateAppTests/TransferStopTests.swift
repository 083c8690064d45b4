import Foundation
import IndigateTransport
import Testing

/// A daemon's stop cuts its own transfers at once, and nobody else's: the CI run that failed
/// because one test's shutdown had aborted every later transfer in the process.
@Suite struct TransferStopTests {
    static func letter() -> OutboundMessage {
        OutboundMessage(
            id: 1, envelopeFrom: "a@indigate.test", recipient: "b@indigate.test", raw: Array("Subject: x\r\n\r\nx\r\n".utf8))
    }

    static func transport(port: UInt16, timeout: Int, stop: TransferStop) -> SMTPTransport {
        SMTPTransport(
            settings: SMTPTransport.Settings(
                url: "smtp://127.0.0.1:\(port)", startTLS: "off", helo: "indigate.test", timeoutSeconds: timeout, stop: stop))
    }

    @Test func aRaisedStopCutsItsTransfersAndNoOneElses() throws {
        let silent = DaemonProcessTests.SilentServer()
        silent.start()
        let stop = TransferStop()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { stop.raise() }
        let started = Date()
        let cut = Self.transport(port: silent.port, timeout: 60, stop: stop).send([Self.letter()])
        #expect(Date().timeIntervalSince(started) < 5)
        guard case .deferred(let problem) = cut.first else {
            Issue.record("\(cut)")
            return
        }
        #expect(problem.text.contains("aborted"), "\(problem.text)")

        // Another transport in the same process, with a stop of its own, is not cut: it waits
        // for the server until its own timeout.
        let other = Self.transport(port: silent.port, timeout: 2, stop: TransferStop()).send([Self.letter()])
        guard case .deferred(let timedOut) = other.first else {
            Issue.record("\(other)")
            return
        }
        #expect(!timedOut.text.contains("aborted"), "\(timedOut.text)")
        #expect(
            timedOut.text.lowercased().contains("timeout") || timedOut.text.lowercased().contains("timed out"), "\(timedOut.text)"
        )
    }
}
