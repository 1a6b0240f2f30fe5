import Foundation
import Testing

/// xunshare's command line: optional values, bad input (one line, 125,
/// nothing left behind), help, tracing and dry runs.
@Suite struct XunshareCommandLineTests {
    @Test(arguments: [
        (["--bogus"], "xunshare: unknown option '--bogus'"),
        (["--kill-child", "true"], "xunshare: --kill-child goes with --fork"),
        (["--kill-child=TERM", "true"], "xunshare: --kill-child goes with --fork"),
        (["--fork", "--kill-child=NOPE", "true"], "xunshare: unknown signal 'NOPE' in --kill-child"),
        (["--pid=/tmp", "true"], "xunshare: --pid=FILE needs --fork"),
        (["--time=/tmp", "true"], "xunshare: --time=FILE needs --fork"),
        (["--init", "--fork", "true"], "xunshare: --init goes with --pid --fork"),
        (["--monotonic=5", "true"], "xunshare: --monotonic and --boottime go with --time"),
        (["--hostname=x", "true"], "xunshare: --hostname and --domainname go with --uts"),
        (["--uts", "--hostname=\(String(repeating: "x", count: 65))", "true"], "xunshare: --hostname is longer than 64 bytes: '\(String(repeating: "x", count: 65))'"),
        (["--setgroups=deny", "true"], "xunshare: --setgroups goes with --user"),
        (["--keep-caps", "true"], "xunshare: --keep-caps goes with --user"),
        (["-r", "-c", "true"], "xunshare: --map-root-user and --map-current-user exclude each other"),
        (["-r", "--map-group=5", "true"], "xunshare: --map-root-user and --map-group exclude each other"),
        (["--map-users=1:2", "true"], "xunshare: invalid --map-users range '1:2'"),
        (["--map-groups=0:100:0", "true"], "xunshare: invalid --map-groups range '0:100:0'"),
        (["--map-users=0:100000:10", "--map-users=5:200000:10", "true"], "xunshare: --map-users ranges overlap: 0-9 to 100000-100009 and 5-14 to 200000-200009"),
        (["--map-users=0:100000:10", "--map-users=100:100005:1", "true"], "xunshare: --map-users ranges overlap: 0-9 to 100000-100009 and 100 to 100005"),
        (["--map-user=no-such-user", "true"], "xunshare: invalid --map-user 'no-such-user': not a number and no such name in /etc/passwd"),
        (["--propagation=bogus", "-m", "true"], nil),
        (["--setgroups=maybe", "-U", "true"], nil),
        (["--mount-proc=", "true"], "xunshare: --mount-proc= needs a DIR"),
        (["-m=x", "true"], nil),
    ] as [([String], String?)])
    func badInputIsOneLineAnd125(arguments: [String], message: String?) throws {
        let result = try run([Package.xunshare] + arguments)
        #expect(result.status == 125, "\(result)")
        #expect(result.stdout == "")
        #expect((1...2).contains(result.stderrLines.count), "\(result)")
        if let message { #expect(result.stderrLines.first == message, "\(result)") }
        #expect(result.stderrLines.count == 1 || result.stderrLines[1].hasPrefix("hint: "), "\(result)")
    }

    @Test func optionalValuesAreOnlyAttachedAndCommandIsUntouched() throws {
        // `--mount FILE` is --mount and then COMMAND, as with getopt.
        let plain = try run([Package.xunshare, "--mount", "echo", "--mount=x", "--uts=y", "-m"])
        #expect(plain.stdout == "--mount=x --uts=y -m\n", "\(plain)")
        let afterDash = try run([Package.xunshare, "-mu", "--", "echo", "--kill-child=TERM"])
        #expect(afterDash.stdout == "--kill-child=TERM\n", "\(afterDash)")
        // A required value may begin with '-', as with getopt_long: it is
        // the value, not the next option.
        let valueWord = try run([Package.xunshare, "--uts", "--hostname", "--mount=x", "hostname"])
        #expect(valueWord.status == 0, "\(valueWord)")
        #expect(valueWord.stdout == "--mount=x\n", "\(valueWord)")
    }

    @Test func helpShowsOptionalValues() throws {
        let help = try run([Package.xunshare, "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: xunshare [OPTION...] [--] [COMMAND [ARG...]]"))
        for label in ["-m, --mount[=FILE]", "-p, --pid[=FILE]", "-T, --time[=FILE]", "--kill-child[=SIG]", "--mount-proc[=DIR]"] {
            #expect(help.stdout.contains("  " + label + " "), "\(label)")
        }
        #expect(!help.stdout.contains("mount-file"))
        let man = try String(contentsOfFile: Package.root + "/man/xunshare.1", encoding: .utf8)
        #expect(man.contains(".It Fl m , Fl \\-mount Ns Oo = Ns Ar FILE Oc"))
    }

    @Test func noCommandRunsTheShell() throws {
        let result = try run([Package.xunshare, "--uts"], environment: environment(["SHELL": "/bin/echo"]))
        #expect(result.status == 0)
        #expect(result.stdout == "\n")
    }

    @Test func commandNotFoundAndNotExecutable() throws {
        let missing = try run([Package.xunshare, "--fork", "/no/such/command"])
        #expect(missing.status == 127)
        #expect(missing.stderrLines == ["xunshare: cannot run '/no/such/command': No such file or directory"])
        let notExecutable = try run([Package.xunshare, "-u", "/etc/passwd"])
        #expect(notExecutable.status == 126)
    }

    @Test func traceShowsTheCalls() throws {
        let result = try run([Package.xunshare, "--trace", "-m", "-u", "-p", "-f", "--hostname=t", "true"])
        #expect(result.status == 0, "\(result)")
        let calls = result.stderrLines.map { $0.replacingOccurrences(of: #"^xunshare\[\d+\]: "#, with: "", options: .regularExpression) }
        #expect(calls.contains("unshare(CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWPID) = 0"), "\(result)")
        #expect(calls.contains("mount(\"none\", \"/\", NULL, MS_REC|MS_PRIVATE, NULL) = 0"))
        #expect(calls.contains("sethostname(\"t\", 1) = 0"))
        #expect(result.stderr.contains("xunshare[1]: execve(\"/usr/bin/true\", [\"true\"])") || result.stderr.contains("xunshare[1]: execve(\"/bin/true\""), "\(result)")
    }

    @Test func dryRunCreatesNothingAndRunsNothing() throws {
        let dir = try TemporaryDirectory()
        try "".write(toFile: dir.file("net"), atomically: true, encoding: .utf8)
        let result = try run([Package.xunshare, "--dry-run", "-U", "-r", "-m", "-p", "-f", "--init", "--kill-child",
                              "--net=\(dir.file("net"))", "--mount-proc", "sh", "-c", "touch \(dir.file("ran"))"])
        #expect(result.status == 0, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("ran")))
        for call in ["unshare(CLONE_NEWNS|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET) (dry run: not made)",
                     "write(\"0 0 1\\n\") (dry run: not made)",
                     "mount(\"/proc/", "\"\(dir.file("net"))\", NULL, MS_BIND, NULL) (dry run: not made)",
                     "prctl(PR_SET_PDEATHSIG, SIGKILL) (dry run: not made)",
                     "execvp(\"sh\", [\"sh\", \"-c\", \"touch \(dir.file("ran"))\"]) (dry run: not run)"] {
            #expect(result.stderr.contains(call), "\(call)\n\(result)")
        }
        let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        #expect(!mounts.contains(dir.file("net")))
    }

    @Test func chainsIntoXchroot() throws {
        let root = try BusyboxRoot()
        let result = try run([Package.xunshare, "-m", "-p", "-f", "--", Package.xchroot, "--pivot-root", root.path,
                              "/bin/sh", "-c", "mount -t proc proc /proc && echo $$ && cat /etc/marker"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "1\ninside the busybox root\n")
    }
}
