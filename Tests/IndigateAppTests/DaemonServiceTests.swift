import Foundation
import IndigateApp
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

/// `serve`: the daemon's three services handle mail as it arrives and stop promptly on
/// graceful shutdown.
@Suite struct DaemonServiceTests {
    @Test func handlesArrivingMailAndStopsOnGracefulShutdown() async throws {
        let installation = try TestInstallation()
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.setup.run(now: now)
        let services = try Daemon(load: { gateway }, clock: { now }).services()
        #expect(services.count == 3, "intake, outbox, scheduler")

        try await testGracefulShutdown { trigger in
            let running = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for service in services { group.addTask { try await service.run() } }
                    try await group.waitForAll()
                }
            }
            // The scheduler opens September's round (open day 10) and the outbox flushes its letters.
            let deadline = Date().addingTimeInterval(180)
            while try gateway.admin.status().outbox["sent"] ?? 0 < 48, Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try gateway.admin.status().rounds == ["2020-09"])
            #expect(try gateway.admin.status().outbox["sent"] == 48)
            let stopAsked = Date()
            trigger.triggerGracefulShutdown()
            try await running.value
            #expect(Date().timeIntervalSince(stopAsked) < 5)
        }
    }
}
