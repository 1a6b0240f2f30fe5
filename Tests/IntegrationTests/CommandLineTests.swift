import Foundation
import Testing

/// The command-line contract of CONVENTIONS.md, as xchroot keeps it.
@Suite struct CommandLineTests {
    @Test func unknownOptionIsOneLineWithAHintAnd125() throws {
        let result = try run([Package.xchroot, "--bogus", "/", "/bin/true"])
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xchroot: unknown option '--bogus'", "hint: see 'xchroot --help'"])
        #expect(result.stdout == "")
    }

    @Test func missingNewRootIs125() throws {
        let result = try run([Package.xchroot])
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xchroot: missing expected argument '<NEWROOT>'", "hint: see 'xchroot --help'"])
    }

    @Test func missingOptionValueIs125() throws {
        let result = try run([Package.xchroot, "--userspec"])
        #expect(result.status == 125)
        #expect(result.stderrLines.count == 2, "\(result)")
        #expect(result.stderrLines.first?.hasPrefix("xchroot: missing value for '--userspec") == true, "\(result)")
    }

    @Test func optionsStopAtNewRoot() throws {
        // Everything after NEWROOT is COMMAND, options of COMMAND included.
        let result = try run([Package.xchroot, "/", "/bin/echo", "--help", "--trace"])
        #expect(result.status == 0)
        #expect(result.stdout == "--help --trace\n")
        #expect(result.stderr == "")
    }

    @Test func doubleDashEndsOptions() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("-odd"), withIntermediateDirectories: false)
        let result = try run([Package.xchroot, "--", "-odd", "/x"], directory: dir.path)
        #expect(result.status == 127, "\(result)")
        #expect(result.stderrLines.first == "xchroot: cannot run '/x' in '-odd': No such file or directory")
    }

    @Test func helpAndVersionExitZeroOnStdout() throws {
        let help = try run([Package.xchroot, "--pivot-root", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: xchroot [OPTION...] NEWROOT [COMMAND [ARG...]]"))
        #expect(help.stderr == "")
        let version = try run([Package.xchroot, "--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
    }

    @Test func completionScriptsAreGenerated() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try run([Package.xchroot, "--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("pivot-root"), "\(shell)")
        }
    }

    @Test func conflictingOptionsAre125() throws {
        for (arguments, message) in [
            (["--force", "/"], "xchroot: --force goes with --pivot-root or --switch-root"),
            (["--skip-chdir", "--pivot-root", "/"], "xchroot: --skip-chdir goes with plain chroot only"),
        ] {
            let result = try run([Package.xchroot] + arguments + ["/bin/true"])
            #expect(result.status == 125)
            #expect(result.stderrLines == [message])
        }
    }

    @Test func traceShowsEverySystemCall() throws {
        let root = try BusyboxRoot()
        for (arguments, env) in [([Package.xchroot, "--trace"], [String: String?]()),
                                 ([Package.xchroot], ["XNS_TRACE": "1"])] {
            let result = try run(arguments + [root.path, "/bin/true"], environment: environment(env))
            #expect(result.status == 0)
            let calls = result.stderrLines.map { $0.replacingOccurrences(of: #"^xchroot\[\d+\]: "#, with: "", options: .regularExpression) }
            #expect(calls.contains("chdir(\"\(root.path)\") = 0"), "\(result)")
            #expect(calls.contains("chroot(\".\") = 0"))
            #expect(calls.contains("chdir(\"/\") = 0"))
            #expect(calls.last == "execve(\"/bin/true\", [\"/bin/true\"])")
        }
    }

    /// Every line of a trace is one line, whatever a path on the command
    /// line holds (a newline in a plan line once split it: found by
    /// `make stress`).
    @Test func aTraceLineIsOneLineWhateverAPathHolds() throws {
        let result = try run([Package.xmountapi, "--dry-run", "--root=/", "--inaccessible", "/a\nb\rc", "--", "/bin/true"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderrLines.allSatisfy { $0.hasPrefix("xmountapi[") }, "\(result)")
        #expect(result.stderr.contains("hide /a\\nb\\rc under"), "\(result)")
    }

    @Test func dryRunChangesNothingAndRunsNothing() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, "--dry-run", "--userspec=alice", root.path, "/bin/sh", "-c", "touch /ran"])
        #expect(result.status == 0, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/ran"))
        #expect(result.stderr.contains(": chroot(\".\") (dry run: not made)"))
        #expect(result.stderr.contains(": setuid(1000) (dry run: not made)"))
        #expect(result.stderr.contains(": execvp(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"touch /ran\"]) (dry run: not run)"))
    }

    @Test func dryRunGoesOnThroughTheNextXTool() throws {
        let root = try BusyboxRoot()
        let env = environment(["PATH": Package.binaries + ":/usr/bin:/bin"])
        let result = try run([Package.xchroot, "--dry-run", "/", "xchroot", root.path, "/bin/true"], environment: env)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("chdir(\"\(root.path)\") (dry run: not made)"), "\(result)")
        #expect(result.stderr.contains("execvp(\"/bin/true\", [\"/bin/true\"]) (dry run: not run)"))
    }
}
