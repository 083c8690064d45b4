import Foundation
import Testing

@testable import IndigateApp

/// `indigate serve` as a process, as systemd runs it: SIGHUP reloads, SIGTERM stops promptly
/// even while a server holds a connection open without answering.
@Suite struct DaemonProcessTests {
    /// A daemon started in the background, its stderr kept.
    final class Serving {
        let process = Process()
        let errors = Pipe()
        var log = ""

        init(config: String, directory: String, now: String) throws {
            process.executableURL = URL(fileURLWithPath: ProcessRunner.binary)
            process.arguments = ["serve", "--config", config, "--now", now]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("INDIGATE_") }
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for the process to end, at most `seconds`; returns how long it took.
        func stop(within seconds: Double) -> Double? {
            let started = Date()
            while process.isRunning, Date().timeIntervalSince(started) < seconds { Thread.sleep(forTimeInterval: 0.05) }
            guard !process.isRunning else {
                process.terminate()
                return nil
            }
            log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return Date().timeIntervalSince(started)
        }
    }

    /// A TCP server that accepts connections and never says a word.
    final class SilentServer: @unchecked Sendable {
        let socket: Int32
        let port: UInt16
        var held: [Int32] = []

        init() {
            let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            listen(fd, 16)
            var bound = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            socket = fd
            port = UInt16(bigEndian: bound.sin_port)
        }

        /// Accepts and holds connections, never writing a byte.
        func start() {
            Thread.detachNewThread { [self] in
                while true {
                    let client = accept(socket, nil, nil)
                    guard client >= 0 else { return }
                    held.append(client)
                }
            }
        }

        deinit {
            for fd in held { close(fd) }
            close(socket)
        }
    }

    @Test func sigtermStopsWithinSecondsWhileAServerNeverAnswers() throws {
        let silent = SilentServer()
        silent.start()
        let installation = try TestInstallation(
            outbound: "{ kind: smtp, url: \"smtp://127.0.0.1:\(silent.port)\", starttls: off, helo: indigate.test, timeout_seconds: 60 }")
        _ = try installation.gateway.setup.run(now: TestInstallation.date("2020-09-10T05:00:00Z"))
        let serving = try Serving(config: installation.directory + "/indigate.yaml", directory: installation.directory, now: "2020-09-10T10:00:00+05:00")
        // The scheduler opens September and the outbox connects to the silent server.
        Thread.sleep(forTimeInterval: 3)
        serving.signal(SIGTERM)
        let took = try #require(serving.stop(within: 20), "serve did not stop")
        #expect(took < 5, "stopped in \(took) s")
        #expect(serving.log.contains("service stopped"))
        #expect(try installation.gateway.admin.status().outbox["sent"] == nil, "nothing claimed sent")
    }

    @Test func sighupReloadsTheTemplatesAndABrokenConfigurationIsKeptOut() throws {
        let installation = try TestInstallation()
        let templates = installation.directory + "/templates"
        try FileManager.default.copyItem(atPath: TestInstallation.repository + "/mailtemplates", toPath: templates)
        let yaml = try String(contentsOfFile: installation.directory + "/indigate.yaml", encoding: .utf8)
            .replacingOccurrences(of: "templates: \(TestInstallation.repository)/mailtemplates", with: "templates: \(templates)")
        try yaml.write(toFile: installation.directory + "/indigate.yaml", atomically: true, encoding: .utf8)
        _ = try installation.gateway.setup.run(now: TestInstallation.date("2020-09-10T05:00:00Z"))
        let serving = try Serving(config: installation.directory + "/indigate.yaml", directory: installation.directory, now: "2020-09-10T10:00:00+05:00")
        Thread.sleep(forTimeInterval: 3)

        try "{{% CONTENT_TYPE: TEXT}}\nКвитанция (новый шаблон): {{organization}}\n".write(
            toFile: templates + "/receipt.subject.mustache", atomically: true, encoding: .utf8)
        serving.signal(SIGHUP)
        Thread.sleep(forTimeInterval: 1)
        // A reply after the reload: its receipt is rendered from the new template.
        let request = try #require(try installation.sentLetters().first { $0.parsed.recipients == ["etkul-sosh@etkul.edu.test"] })
        try installation.deliver(
            "From: etkul-sosh@etkul.edu.test\r\nTo: \(request.parsed.replyTo[0])\r\nSubject: Re\r\nMessage-ID: <hup@x.test>\r\n\r\n1.5: 7\r\n",
            name: "1.reply")
        #expect(try MailStack.wait(seconds: 15) { try installation.sentLetters().contains { $0.parsed.subject.hasPrefix("Квитанция (новый шаблон)") } })
        // A configuration that does not load is kept out; the daemon goes on as it was.
        try FileManager.default.moveItem(atPath: installation.directory + "/indigate.yaml", toPath: installation.directory + "/good.yaml")
        try "region: [unclosed".write(toFile: installation.directory + "/indigate.yaml", atomically: true, encoding: .utf8)
        serving.signal(SIGHUP)
        Thread.sleep(forTimeInterval: 1)
        serving.signal(SIGTERM)
        _ = try #require(serving.stop(within: 10))
        #expect(serving.log.contains("reloaded the configuration and templates"))
        #expect(serving.log.contains("reload failed: still running with the previous configuration"))
    }
}
