import Foundation
import Testing

/// Every teaching demo of demos/ (issue 7) runs for real and must exit 0: a
/// demo exits non-zero as soon as one thing it claims is not true. Each one
/// builds its busybox root on the spot and cleans up after itself.
@Suite(.serialized) struct DemoTests {
    /// The demo scripts: demos/NN-name.
    static let demos: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Package.root + "/demos")) ?? []
        return names.filter { $0.range(of: #"^[0-9][0-9]-"#, options: .regularExpression) != nil }.sorted()
    }()

    @Test func thereIsADemoForEveryExample() {
        #expect(Self.demos.count >= 1, "no demos/NN-* scripts found")
    }

    @Test(.enabled(if: isRoot, "the demos run as root"), arguments: demos)
    func demoRunsAndPasses(_ name: String) throws {
        let result = try run([Package.root + "/demos/" + name],
                             environment: environment(["XNS_BIN": Package.binaries, "XNS_TRACE": nil]))
        #expect(result.status == 0, "\(name): \(result)")
        #expect(!result.stdout.contains("FAIL:"), "\(name): \(result)")
    }

    @Test(.enabled(if: isRoot, "the demos run as root"), arguments: demos)
    func demoTracesEveryLink(_ name: String) throws {
        // The Debian tree of demo 6 is built once, by the untraced run.
        let result = try run([Package.root + "/demos/" + name, "--trace"],
                             environment: environment(["XNS_BIN": Package.binaries, "XNS_DEMO_DEBOOTSTRAP": "0"]))
        #expect(result.status == 0, "\(name) --trace: \(result)")
        #expect(result.stderr.contains("execve("), "\(name) --trace shows no system call: \(result)")
    }
}
