import Foundation
import IndigateCore
import Testing

@testable import IndigateApp

@Suite struct DateTimeTextsTests {
    /// The memo words every instant as the calendar does, the second time too, and never gives
    /// one instant's text for another a second later.
    @Test func wordsEachInstantAsTheCalendarDoes() {
        let calendar = RegionalCalendar(timeZone: TimeZone(secondsFromGMT: 5 * 3600)!)
        let texts = DateTimeTexts(calendar: calendar)
        var generator = SystemRandomNumberGenerator()
        let start = Date(timeIntervalSince1970: 1_600_000_000)
        var instants = (0..<500).map { _ in start.addingTimeInterval(Double(Int.random(in: 0..<90_000_000, using: &generator))) }
        instants += [start, start.addingTimeInterval(1), start.addingTimeInterval(0.5), start.addingTimeInterval(86_400)]
        for instant in instants + instants.shuffled() {
            #expect(texts.text(instant) == calendar.dateTime(instant))
        }
        #expect(texts.text(start) != texts.text(start.addingTimeInterval(1)))
    }
}
