import Foundation
import Testing

/// xveth keeps the command-line contract of CONVENTIONS.md, and its one
/// rootless mode, --loopback-only.
@Suite struct XvethCommandLineTests {
    var xveth: String { Package.tool("xveth") }

    @Test func helpVersionAndCompletions() throws {
        let help = try run([xveth, "--netns=/x", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: xveth [OPTION...] [--] [COMMAND [ARG...]]"))
        #expect(help.stdout.contains("--host-netns-fd <N>"))
        #expect(help.stderr == "")
        let version = try run([xveth, "--version"])
        #expect(version.stdout == "0.1.0\n")
        for shell in ["bash", "zsh", "fish"] {
            let result = try run([xveth, "--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("peer-gateway"), "\(shell)")
        }
    }

    @Test func optionsStopAtTheFirstNonOption() throws {
        // --loopback-only alone needs privilege; --dry-run shows it and runs nothing,
        // and everything after COMMAND belongs to COMMAND.
        let result = try run([xveth, "--dry-run", "--loopback-only", "echo", "--host=x", "--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("RTM_NEWLINK lo up (dry run: not made)"), "\(result)")
        #expect(result.stderr.contains("execvp(\"echo\", [\"echo\", \"--host=x\", \"--help\"]) (dry run: not run)"), "\(result)")
    }

    @Test func loopbackOnlyWorksRootlessInAUserNamespace() throws {
        try #require(isRoot, "switching to nobody needs root")
        let result = try run(asNobody(["unshare", "--user", "--map-root-user", "--net", "--",
                                       xveth, "--loopback-only", "--", "ip", "-j", "addr", "show", "dev", "lo"]))
        #expect(result.status == 0, "\(result)")
        let lo = try IPInterface.parse(result.stdout)
        #expect(lo.first?.isUp == true, "\(result)")
        #expect(lo.first?.addresses == ["127.0.0.1/8", "::1/128"], "\(result)")
    }

    @Test func loopbackOnlyWithoutPrivilegeSaysWhy() throws {
        try #require(isRoot, "switching to nobody needs root")
        let result = try run(asNobody([xveth, "--loopback-only"]))
        #expect(result.status == 125)
        #expect(result.stderrLines == [
            "xveth: cannot bring up interface 'lo' in this network namespace: Operation not permitted",
            "hint: rootless networking needs root for the host end; inside a user namespace only --loopback-only works",
        ])
    }
}
