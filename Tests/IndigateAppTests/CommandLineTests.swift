import Foundation
import Testing

/// The built `indigate` binary, as a newcomer and an MTA's pipe(8) run it.
@Suite struct CommandLineTests {
    static let binary = TestInstallation.repository + "/.build/debug/indigate"

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], stdin: [UInt8] = [], in directory: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    @Test
    func theMonthCycleFromTheCommandLine() throws {
        // As deployed: GMime runs in the isolated parse worker.
        let installation = try TestInstallation(isolated: true)
        let dir = installation.directory
        let config = ["--config", dir + "/indigate.yaml"]
        let opening = ["--now", "2020-09-10T10:00:00+05:00"]

        var result = try run(["init"] + config, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"organizations\" : 50"))
        result = try run(["init"] + config, in: dir)
        #expect(result.status == 0, "init is idempotent")

        result = try run(["round", "open", "--month", "2020-09", "--deadline", "2020-09-25"] + config + opening, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"requestLetters\" : 48"))
        result = try run(["round", "open", "--month", "2020-09", "--deadline", "2020-09-25"] + config + opening, in: dir)
        #expect(result.status != 0 && result.stderr.contains("already open"))

        result = try run(["flush"] + config + opening, in: dir)
        #expect(result.stdout.contains("\"sent\" : 48"))

        result = try run(["preview", "request", "--org", "7430112855"] + config + opening, in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Reply-To:") && result.stdout.contains("multipart/alternative"))

        let request = try #require(try installation.sentLetters().first { $0.parsed.recipients.contains("etkul-sosh@etkul.edu.test") })
        let reply = try TestInstallation.fixture(
            "thunderbird-top-posted-with-pdf.eml",
            ["REPLY_TO": request.parsed.replyTo[0], "IN_REPLY_TO": request.parsed.messageID ?? ""])
        result = try run(["ingest"] + config + ["--now", "2020-09-10T11:00:00+05:00"], stdin: Array(reply.utf8), in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("applied"))

        result = try run(["values", "--json", "--org", "7430112855", "--round", "2020-09"] + config, in: dir)
        #expect(result.stdout.contains("\"indicator\" : \"1.3\"") && result.stdout.contains("\"percent\" : 15"))
        result = try run(["status", "--json"] + config, in: dir)
        #expect(result.stdout.contains("\"review\" : 3") && result.stdout.contains("\"saved\" : 1"))

        result = try run(["ingest", dir + "/no-such-file"] + config, in: dir)
        #expect(result.status == 66)
        result = try run(["ingest", "--config", dir + "/missing.yaml"], stdin: Array(reply.utf8), in: dir)
        #expect(result.status == 78)
        result = try run(["poll", "--now", "yesterday"] + config, in: dir)
        #expect(result.status != 0 && result.stderr.contains("--now must be an ISO 8601"))
    }
}
