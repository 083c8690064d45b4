import Foundation
import IndigateCore
import Testing

/// The systemd units in deploy/ pass `systemd-analyze verify` (with the built binary where the
/// units expect /opt/indigate/bin/indigate), and name the sandbox the deployment guide promises.
@Suite(SystemTests.needs("systemd-analyze")) struct DeploymentTests {
    @Test func theUnitsPassSystemdAnalyzeVerify() throws {
        let directory = ScratchFolders.path("indigate-units")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for unit in ["indigate.service", "indigate-backup.service", "indigate-backup.timer"] {
            let text = try String(contentsOfFile: TestInstallation.repository + "/deploy/" + unit, encoding: .utf8)
            if unit == "indigate.service" {
                for line in [
                    "User=indigate", "Restart=on-failure", "ProtectSystem=strict", "ReadWritePaths=/var/lib/indigate",
                    "NoNewPrivileges=yes", "PrivateTmp=yes", "RestartPreventExitStatus=78", "ExecReload=/bin/kill -HUP $MAINPID",
                ] {
                    #expect(text.contains(line + "\n"), "\(line)")
                }
            }
            try text.replacingOccurrences(of: "/opt/indigate/bin/indigate", with: ProcessRunner.binary)
                .write(toFile: directory + "/" + unit, atomically: true, encoding: .utf8)
            paths.append(directory + "/" + unit)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = ["verify"] + paths
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(said)")
        #expect(!said.contains(directory), "no warning about the units: \(said)")
    }
}
