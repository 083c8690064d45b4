import Foundation
import IndigateCore
import Testing

@testable import IndigateApp

/// `schedule.groups_by_month`: a month can ask other indicator groups than the rest of the year
/// (the shipped configuration asks groups 4 and 5 in December only), and a key that is no
/// month is refused with its name.
@Suite struct ScheduleGroupsTests {
    @Test func decemberAsksTheGroupsTheScheduleGivesIt() throws {
        let installation = try TestInstallation(groupsByMonth: #"{ december: ["1", "2", "3", "4", "5"], january: ["4"] }"#)
        let gateway = installation.gateway
        _ = try gateway.setup.run(now: TestInstallation.date("2020-11-01T08:00:00+05:00"))
        let november = try #require(
            try gateway.scheduler.tick(now: TestInstallation.date("2020-11-10T10:00:00+05:00")).openedRound)
        #expect(!november.indicators.contains { $0.hasPrefix("4.") || $0.hasPrefix("5.") })
        #expect(november.indicators.contains("1.1") && november.indicators.contains("3.1"))
        let december = try #require(
            try gateway.scheduler.tick(now: TestInstallation.date("2020-12-10T10:00:00+05:00")).openedRound)
        #expect(december.indicators.contains("4.1") && december.indicators.contains("1.1"))
        #expect(december.indicators.contains { $0.hasPrefix("5.") })
        let january = try #require(
            try gateway.scheduler.tick(now: TestInstallation.date("2021-01-10T10:00:00+05:00")).openedRound)
        #expect(january.indicators.allSatisfy { $0.hasPrefix("4.") } && !january.indicators.isEmpty)
        #expect(installation.config.schedule.groups(forMonth: "2021-02") == ["1", "2", "3"])

        // The shipped configuration says the same of December.
        let shipped = try ConfigLoader.load(path: TestInstallation.repository + "/config/indigate.yaml")
        #expect(shipped.schedule.groups(forMonth: "2020-12") == ["1", "2", "3", "4", "5"])
        #expect(shipped.schedule.groups(forMonth: "2020-09") == ["1", "2", "3"])
    }

    @Test func aKeyThatIsNoMonthIsRefused() throws {
        #expect(throws: ConfigError.self) { try TestInstallation(groupsByMonth: #"{ decembre: ["1"], dec: ["2"] }"#) }
        do {
            _ = try TestInstallation(groupsByMonth: #"{ decembre: ["1"], dec: ["2"] }"#)
        } catch let error as ConfigError {
            #expect(error.message.contains("schedule.groups_by_month: 'dec', 'decembre' is not a month (january … december)"))
        }
    }
}
