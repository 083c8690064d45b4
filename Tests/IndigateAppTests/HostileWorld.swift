import Foundation
import IndigateCore
import IndigateMIME
import IndigateStore

@testable import IndigateApp

/// September's round open and its letters sent, for hostile messages to arrive in: the
/// school's and an operator's reply addresses to aim them at.
struct HostileWorld {
    static let school = "etkul-sosh@etkul.edu.test"
    static let inn = "7430112855"
    static let operator1 = "operator1@rcokio.test"

    let round: RoundScenario
    var gateway: Gateway { round.gateway }
    var installation: TestInstallation { round.installation }

    init(messageBytes: Int = 52_428_800, isolated: Bool = false) throws {
        round = try RoundScenario(installation: try TestInstallation(isolated: isolated, messageBytes: messageBytes))
        _ = try gateway.setup.run(now: round.at("2020-09-01 08:00"))
        _ = try gateway.scheduler.tick(now: round.at("2020-09-10 10:00"))
        _ = try round.flush(round.at("2020-09-10 10:01"))
        // An operator's review letter to aim commands at.
        _ = try round.reply(from: Self.school, "3.1: 20", at: round.at("2020-09-10 11:00"))
        _ = try gateway.scheduler.tick(now: round.at("2020-09-10 12:00"))
        _ = try round.flush(round.at("2020-09-10 12:01"))
    }

    /// A hostile fixture with the real reply addresses filled in.
    func fixture(_ name: String) throws -> [UInt8] {
        try TestInstallation.fixtureBytes(
            "hostile/" + name,
            ["SCHOOL_REPLY_TO": round.replyTo[Self.school]!, "OPERATOR_REPLY_TO": round.replyTo[Self.operator1]!])
    }

    func ingest(_ name: String, at time: String = "2020-09-11 10:00") throws -> MessageOutcome {
        try gateway.intake.ingest(try fixture(name), source: name, now: round.at(time))
    }

    /// The letters queued since the world was made, flushed and parsed.
    func letters(at time: String = "2020-09-11 23:59") throws -> [(name: String, raw: [UInt8], parsed: ParsedMessage)] {
        try round.flush(round.at(time))
    }
}
