import Foundation
import IndigateCore
import Testing

@Suite struct RegionalCalendarTests {
    let calendar = RegionalCalendar(timeZone: TimeZone(secondsFromGMT: 5 * 3600)!)

    func utc(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test func printsDateAndTimeInTheRegion() throws {
        #expect(calendar.dateTime(try utc("2020-08-07T08:10:03Z")) == "07.08.2020 - 13:10:03")
    }

    @Test func printsTheRegionsDateAfterUTCMidnight() throws {
        let evening = try utc("2020-09-24T20:30:00Z")
        #expect(calendar.date(evening) == "25.09.2020")
        #expect(calendar.isoDay(evening) == "2020-09-25")
    }

    @Test func startsTheDayAtTheRegionsMidnight() throws {
        #expect(calendar.startOfDay("2020-09-25") == (try utc("2020-09-24T19:00:00Z")))
    }

    @Test(arguments: ["", "2020-09", "25.09.2020", "2020-09-25-01", "год-09-25"])
    func refusesAMalformedDay(day: String) {
        #expect(calendar.startOfDay(day) == nil)
    }

    /// Calendar.date(from:) is lenient: «2020-02-30» becomes 1 March instead of nil.
    @Test(arguments: ["2020-02-30", "2020-13-01", "2020-09-00"])
    func refusesADayThatDoesNotExist(day: String) {
        let start = calendar.startOfDay(day)
        #expect(start == nil, "got \(String(describing: start))")
    }

    @Test func readsBackTheDayItPrints() throws {
        let day = calendar.isoDay(try utc("2020-12-31T22:00:00Z"))
        #expect(day == "2021-01-01")
        #expect(calendar.startOfDay(day) == (try utc("2020-12-31T19:00:00Z")))
    }

    @Test func namesTheMonth() {
        #expect(calendar.monthTitle("2020-09") == "сентябрь 2020")
        #expect(calendar.monthTitle("2021-01") == "январь 2021")
        #expect(calendar.monthTitle("2021-12") == "декабрь 2021")
    }

    @Test func leavesAMalformedMonthAsItIs() {
        #expect(calendar.monthTitle("2020-13") == "2020-13")
        #expect(calendar.monthTitle("сентябрь") == "сентябрь")
    }
}
