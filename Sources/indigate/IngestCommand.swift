import ArgumentParser
import Foundation
import IndigateApp
import IndigateStore

/// `ingest`: one message from a file or stdin, as a Postfix pipe(8) transport would hand it.
/// Exit codes follow sysexits(3): 0 once the message is recorded (applied, quarantined or
/// deliberately ignored), 75 (EX_TEMPFAIL) when it could not be recorded now — a full disk, or
/// anything an administrator can fix, a broken configuration included — so the MTA keeps it and
/// retries, 66 (EX_NOINPUT) for a missing file.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Process one RFC 5322 message from FILE or stdin.")

    @OptionGroup var options: CommonOptions
    @Argument(help: "The message file; stdin when omitted.") var file: String?

    func run() throws {
        let gateway: Gateway
        do {
            gateway = try options.openGateway()
        } catch {
            // Everything here is the administrator's to fix — the configuration, permissions,
            // templates, a missing, locked or old database, an unreadable secret — and the
            // message must not bounce meanwhile: 75 (EX_TEMPFAIL) keeps it in the MTA's queue.
            FileHandle.standardError.write(Data("indigate: not recorded, the MTA will retry: \(error)\n".utf8))
            throw ExitCode(75)
        }
        let fd: Int32 = file.map { open($0, O_RDONLY | O_CLOEXEC) } ?? 0
        guard fd >= 0 else {
            FileHandle.standardError.write(Data("indigate: cannot read \(file ?? "stdin")\n".utf8))
            throw ExitCode(66)
        }
        defer { if file != nil { close(fd) } }
        guard let (raw, size) = BoundedInput.read(fd, limit: gateway.config.limits.messageBytes) else {
            FileHandle.standardError.write(Data("indigate: cannot read \(file ?? "stdin")\n".utf8))
            throw ExitCode(file == nil ? 75 : 66)
        }
        do {
            let outcome = try gateway.intake.ingest(raw, size: size, source: file.map { "file:\($0)" } ?? "stdin", now: options.clock())
            Output.line(Self.describe(outcome))
        } catch {
            FileHandle.standardError.write(Data("indigate: not recorded, try again later: \(error)\n".utf8))
            throw ExitCode(75)
        }
    }

    static func describe(_ outcome: MessageOutcome) -> String {
        switch outcome {
        case .applied(let id): "applied \(id)"
        case .quarantined(_, let entry, let reason): "quarantined as entry \(entry): \(reason.rawValue)"
        case .ignored(let id, let reason): "ignored \(id): \(reason.description)"
        case .duplicate(let id): "duplicate of \(id)"
        case .deferred(let id, let reason): "archived \(id), to be parsed again: \(reason)"
        }
    }
}
