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
        // The Debian tree of demo 6 downloads from the package mirror: only
        // when asked (XNS_DEMO_DEBOOTSTRAP=1), so the suite never depends on it.
        let debootstrap = ProcessInfo.processInfo.environment["XNS_DEMO_DEBOOTSTRAP"] ?? "0"
        let result = try run([Package.root + "/demos/" + name],
                             environment: environment(["XNS_BIN": Package.binaries, "XNS_TRACE": nil,
                                                       "XNS_DEMO_DEBOOTSTRAP": debootstrap]))
        #expect(result.status == 0, "\(name): \(result)")
        #expect(!result.stdout.contains("FAIL:"), "\(name): \(result)")
    }

    @Test(.enabled(if: isRoot, "the demos run as root"), arguments: demos)
    func demoTracesEveryLink(_ name: String) throws {
        // The Debian tree of demo 6 is built at most once, by the untraced run.
        let result = try run([Package.root + "/demos/" + name, "--trace"],
                             environment: environment(["XNS_BIN": Package.binaries, "XNS_DEMO_DEBOOTSTRAP": "0"]))
        #expect(result.status == 0, "\(name) --trace: \(result)")
        #expect(result.stderr.contains("execve("), "\(name) --trace shows no system call: \(result)")
    }

    /// The README walkthrough "From chroot to a container in five links" is
    /// the output of a real run of demos/walkthrough; only numbers (pids,
    /// counts) may differ from one run to the next.
    @Test(.enabled(if: isRoot, "the walkthrough runs as root"))
    func readmeWalkthroughMatchesARealRun() throws {
        let result = try run([Package.root + "/demos/walkthrough"],
                             environment: environment(["XNS_BIN": Package.binaries, "XNS_TRACE": nil]))
        #expect(result.status == 0, "\(result)")
        let readme = try String(contentsOfFile: Package.root + "/README.md", encoding: .utf8)
        guard let begin = readme.range(of: "<!-- walkthrough:begin -->\n"),
              let end = readme.range(of: "<!-- walkthrough:end -->", range: begin.upperBound..<readme.endIndex) else {
            Issue.record("README.md has no <!-- walkthrough:begin/end --> markers")
            return
        }
        let section = String(readme[begin.upperBound..<end.lowerBound])
        #expect(Self.normalized(section) == Self.normalized(result.stdout),
                "README.md is out of date: run demos/walkthrough --update README.md")
    }

    /// Text with every capability mask (16 hex digits: which capabilities a
    /// root has differs between machines) as "MASK", every other run of
    /// digits as "N", and no trailing blanks.
    static func normalized(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                String(line).replacingOccurrences(of: "\\b[0-9a-f]{16}\\b", with: "MASK", options: .regularExpression)
                    .replacingOccurrences(of: "[0-9]+", with: "N", options: .regularExpression)
                    .replacingOccurrences(of: "[ \t]+$", with: "", options: .regularExpression)
            }
            .joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
