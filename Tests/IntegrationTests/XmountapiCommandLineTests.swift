import Foundation
import Testing

/// The command-line contract of CONVENTIONS.md, as xmountapi keeps it.
@Suite struct XmountapiCommandLineTests {
    @Test func withoutCommandItExitsZeroAfterMounting() throws {
        let root = try BusyboxRoot()
        let result = try run(inPrivateMountNamespace(["sh", "-c", "\(Package.xmountapi) --root \(root.path) --tmp && grep -c ' \(root.path)/tmp ' /proc/self/mountinfo"]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "1\n")
        #expect(result.stderr == "")
    }

    @Test func commandStatusAndOptionsPassThrough() throws {
        let root = try BusyboxRoot()
        let result = try run(inPrivateMountNamespace([Package.xmountapi, "--root", root.path, "--tmp", "sh", "-c", "exit 7", "--help"]))
        #expect(result.status == 7, "\(result)")
        let missing = try run(inPrivateMountNamespace([Package.xmountapi, "--root", root.path, "--", "/nonexistent-xns"]))
        #expect(missing.status == 127)
        #expect(missing.stderrLines.first == "xmountapi: cannot run '/nonexistent-xns': No such file or directory")
    }

    @Test func unknownOptionIsOneLineWithAHint() throws {
        // ToolMain's wording for an option the passthrough capture took (xchroot,
        // whose NEWROOT comes first, gets the parser's "unknown option").
        let result = try run([Package.xmountapi, "--tmp", "--bogus"])
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xmountapi: unknown option '--bogus'", "hint: see 'xmountapi --help'"])
    }

    @Test func refusedInTheHostsInitialMountNamespace() throws {
        // The root does not exist: were the check ever wrong, the run would
        // stop there with nothing mounted on the machine running the tests.
        let result = try run([Package.xmountapi, "--api", "--root", "/nonexistent"])
        #expect(result.status == 125, "\(result)")
        #expect(result.stderrLines.first == "xmountapi: refusing to mount in the host's initial mount namespace", "\(result)")
        // In a new mount namespace the same command gets past the check.
        let inside = try run(inPrivateMountNamespace([Package.xmountapi, "--api", "--root", "/nonexistent"]))
        #expect(inside.status == 125, "\(inside)")
        #expect(inside.stderrLines.first?.contains("refusing") == false, "\(inside)")
    }

    @Test func aDryRunInTheHostsNamespaceNotesTheRefusalAndGoesOn() throws {
        // A dry-run chain made no namespace before this link: explain anyway.
        let result = try run([Package.xmountapi, "--dry-run", "--tmp", "--root", "/nonexistent"])
        #expect(result.stderr.contains("a real run here would stop: refusing to mount in the host's initial mount namespace"), "\(result)")
    }

    @Test func dryRunPrintsThePlanAndMountsNothing() throws {
        let root = try BusyboxRoot()
        let env = environment(["PATH": Package.binaries + ":/usr/bin:/bin"])
        let result = try run(inPrivateMountNamespace(["sh", "-c", "\"$@\"; grep -c '\(root.path)' /proc/self/mountinfo", "sh",
                                                      Package.xmountapi, "--dry-run", "--api", "--tmpfs=/srv:size=1m", "--ro-bind=/usr:/usr",
                                                      "--root", root.path, "--", "xchroot", root.path, "/bin/true"]), environment: env)
        #expect(result.stdout == "0\n", "nothing mounted\n\(result)")
        let lines = result.stderrLines.map { $0.replacingOccurrences(of: #"^xmountapi\[\d+\]: "#, with: "", options: .regularExpression) }
        #expect(lines.contains("plan 1: --api: mount proc on /proc (nosuid,nodev,noexec)"), "\(result)")
        #expect(lines.contains("plan 2: --api: make /proc/sys read-only, hide /proc/kcore, /proc/kallsyms, /proc/keys, /proc/sysrq-trigger, /proc/timer_list"))
        #expect(lines.contains("plan 11: --tmpfs: mount tmpfs on /srv (nosuid,nodev,mode=0755,size=1m)"), "\(result)")
        #expect(lines.contains("plan 12: --ro-bind: bind /usr on /usr recursively (ro,nosuid,nodev)"))
        #expect(lines.contains("mkdirat(3, \"srv\", 0755) (dry run: not made)"), "\(result)")
        #expect(lines.contains { $0.hasPrefix("fsopen(\"proc\", FSOPEN_CLOEXEC) (dry run: not made)") })
        #expect(result.stderr.contains("(dry run: the next x-tool explains its own step)"))
        #expect(result.stderr.contains("xchroot["), "the chain goes on through xchroot\n\(result)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/srv"))
    }

    @Test func helpVersionAndCompletions() throws {
        let help = try run([Package.xmountapi, "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: xmountapi [OPTION...] [--] [COMMAND [ARG...]]"))
        let version = try run([Package.xmountapi, "--version"])
        #expect(version.stdout == "0.1.0\n")
        for shell in ["bash", "zsh", "fish"] {
            let result = try run([Package.xmountapi, "--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("ro-bind"), "\(shell)")
        }
    }
}
