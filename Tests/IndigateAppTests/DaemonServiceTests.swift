import Foundation
import IndigateApp
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

/// `serve`: the daemon handles mail as it arrives and stops promptly on graceful shutdown.
@Suite struct DaemonServiceTests {
    @Test func handlesArrivingMailAndStopsOnGracefulShutdown() async throws {
        let installation = try TestInstallation()
        let gateway = installation.gateway
        let now = TestInstallation.date("2020-09-10T05:00:00Z")
        _ = try gateway.initialize(now: now)
        let daemon = DaemonService(
            gateway: gateway, inbound: try installation.inbox, outbound: try installation.outbox, clock: { now })

        try await testGracefulShutdown { trigger in
            let running = Task { try await daemon.run() }
            // The first pass's tick opens September's round (open day 10) and flushes its letters.
            let deadline = Date().addingTimeInterval(180)
            while try gateway.status().outbox["sent"] ?? 0 < 48, Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try gateway.status().rounds == ["2020-09"])
            #expect(try gateway.status().outbox["sent"] == 48)
            let stopAsked = Date()
            trigger.triggerGracefulShutdown()
            try await running.value
            #expect(Date().timeIntervalSince(stopAsked) < 5)
        }
    }
}
