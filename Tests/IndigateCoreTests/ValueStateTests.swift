import IndigateCore
import Testing

@Suite struct ValueStateTests {
    static let allowed: Set<[ValueState]> = [[.saved, .review], [.review, .accepted], [.review, .rejected]]

    @Test func allowsOnlyTheForwardSteps() {
        for from in ValueState.allCases {
            for to in ValueState.allCases {
                #expect(from.canMove(to: to) == Self.allowed.contains([from, to]), "\(from) → \(to)")
            }
        }
    }

    @Test func refusesToStayOrGoBack() {
        #expect(!ValueState.review.canMove(to: .saved))
        #expect(!ValueState.accepted.canMove(to: .review))
        #expect(!ValueState.rejected.canMove(to: .review))
        #expect(!ValueState.saved.canMove(to: .saved))
    }

    @Test func refusesToSkipTheReview() {
        #expect(!ValueState.saved.canMove(to: .accepted))
        #expect(!ValueState.saved.canMove(to: .rejected))
    }

    @Test func lockedStatesGoNowhere() {
        for next in ValueState.allCases {
            #expect(!ValueState.accepted.canMove(to: next))
            #expect(!ValueState.rejected.canMove(to: next))
        }
    }

    @Test func namesEveryStateInRussian() {
        let names = ValueState.allCases.map(\.russianName)
        #expect(Set(names).count == ValueState.allCases.count)
        #expect(ValueState.review.russianName == "на проверке")
        #expect(ValueState.accepted.russianName == "принято")
    }
}
