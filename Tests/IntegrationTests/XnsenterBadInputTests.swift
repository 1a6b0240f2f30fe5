import Foundation
import Testing

/// Bad input: one line naming the namespace and the target (and maybe a
/// hint), status 125, and nothing entered or run.
@Suite struct XnsenterBadInputTests {
    /// A COMMAND that leaves a mark if it runs.
    static func marking(_ dir: TemporaryDirectory) -> [String] {
        ["/bin/sh", "-c", "touch \(dir.file("ran"))"]
    }

    @Test func aNonexistentPID() throws {
        // Beyond the largest pid_max (2^22): no process ever has it.
        let result = try run([Package.xnsenter, "-t", "4194305", "-n", "-m", "true"])
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xnsenter: cannot enter the net, mount namespaces of process 4194305: No such process",
                                       "hint: no process has PID 4194305 in this pid namespace (ps -e lists them)"], "\(result)")
    }

    @Test(.enabled(if: isRoot, "making a zombie of another user needs root")) func aProcessThatHasEnded() throws {
        // A child that has exited but is not reaped: its PID still exists,
        // its namespaces are gone — what a target that exits meanwhile leaves.
        // It ends after its parent has become a sleep, which never reaps it.
        let dir = try TemporaryDirectory()
        let chain = try Background(["sh", "-c", "(sleep 1; exit 0) & echo $! > \(dir.file("pid")); exec sleep 30"])
        let zombie = try waitFor("the zombie") { () -> pid_t? in
            guard let text = try? String(contentsOfFile: dir.file("pid"), encoding: .utf8),
                  let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), processState(pid) == "Z" else { return nil }
            return pid
        }
        _ = chain
        for arguments in [["-n"], ["-a"], ["-U", "-n", "-r"]] {
            let result = try run([Package.xnsenter, "-t", String(zombie)] + arguments + Self.marking(dir))
            #expect(result.status == 125, "\(arguments)")
            #expect(result.stderrLines.count == 2, "\(result)")
            #expect(result.stderrLines.first?.hasPrefix("xnsenter: cannot ") == true, "\(result)")
            #expect(result.stderrLines.first?.hasSuffix(" of process \(zombie): No such process") == true
                    || result.stderrLines.first?.hasSuffix("(/proc/\(zombie)/root): No such file or directory") == true, "\(result)")
            #expect(result.stderrLines.last == "hint: process \(zombie) has ended (a zombie whose parent has not reaped it yet has no namespaces either)", "\(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("ran")))
    }

    @Test func aFileThatIsNotANamespace() throws {
        let dir = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir.file("plain"), contents: nil)
        for path in [dir.file("plain"), dir.path, "/dev/null"] {
            let result = try run([Package.xnsenter, "--net=\(path)"] + Self.marking(dir))
            #expect(result.status == 125)
            #expect(result.stderrLines.count == 2)
            #expect(result.stderrLines.first == "xnsenter: cannot enter the net namespace of '\(path)': not a namespace file", "\(result)")
        }
        let fifo = dir.file("fifo")
        mkfifo(fifo, 0o600)
        let noWait = try run([Package.xnsenter, "--ipc=\(fifo)", "true"])
        #expect(noWait.stderrLines.first == "xnsenter: cannot enter the ipc namespace of '\(fifo)': not a namespace file", "\(noWait)")
        let missing = try run([Package.xnsenter, "--uts=\(dir.file("missing"))", "true"])
        #expect(missing.status == 125)
        #expect(missing.stderrLines.first == "xnsenter: cannot enter the uts namespace of '\(dir.file("missing"))': No such file or directory")
        #expect(!FileManager.default.fileExists(atPath: dir.file("ran")))
    }

    @Test func aNamespaceOfTheWrongKind() throws {
        let dir = try TemporaryDirectory()
        // A namespace of the test process itself, given for another kind.
        let result = try run([Package.xnsenter, "--net=/proc/\(getpid())/ns/net", "--mount=/proc/\(getpid())/ns/uts"] + Self.marking(dir))
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xnsenter: cannot enter the mount namespace of '/proc/\(getpid())/ns/uts': it is a uts namespace",
                                       "hint: enter it with --uts=/proc/\(getpid())/ns/uts"], "\(result)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("ran")))
    }

    @Test func aFailureBeforeEnteringEntersNothing() throws {
        // The good FILE comes first on the command line; the bad one is
        // found before any setns, so none is made.
        let result = try run([Package.xnsenter, "--trace", "--net=/proc/self/ns/net", "--uts=/proc/self/ns/ipc", "true"])
        #expect(result.status == 125)
        #expect(!result.stderr.contains("setns("), "\(result)")
        #expect(result.stderrLines.last == "hint: enter it with --ipc=/proc/self/ns/ipc", "\(result)")
    }

    @Test(.enabled(if: isRoot, "the denied caller is nobody, switched to from root")) func permissionDeniedForAnotherUsersProcess() throws {
        let dir = try TemporaryDirectory()
        chmod(dir.path, 0o777)
        let chain = try Background([Package.xunshare, "--net", "--uts", "--", "sleep", "30"])
        let target = try chain.target(running: "sleep")
        let entering = try run(asNobody([Package.xnsenter, "-t", String(target), "-n", "-u"] + Self.marking(dir)))
        #expect(entering.status == 125)
        #expect(entering.stderrLines == [
            "xnsenter: cannot enter the uts, net namespaces of process \(target): Operation not permitted",
            "hint: entering a namespace needs CAP_SYS_ADMIN in the user namespace that owns it: enter that user namespace too (-U, or --all) if it is yours, or run as root",
        ], "\(entering)")
        let all = try run(asNobody([Package.xnsenter, "-t", String(target), "--all"] + Self.marking(dir)))
        #expect(all.status == 125)
        #expect(all.stderrLines.first == "xnsenter: cannot enter the namespaces of process \(target): Permission denied", "\(all)")
        let root = try run(asNobody([Package.xnsenter, "-t", String(target), "-r"] + Self.marking(dir)))
        #expect(root.status == 125)
        #expect(root.stderrLines.first == "xnsenter: cannot open the root directory of process \(target) (/proc/\(target)/root): Permission denied", "\(root)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("ran")))
    }

    @Test func usageErrors() throws {
        for (arguments, message) in [
            (["-n", "true"], "xnsenter: --net needs --target PID, or a FILE: --net=FILE"),
            (["true"], "xnsenter: no namespace to enter"),
            (["-a", "true"], "xnsenter: --all needs --target PID"),
            (["-t", "0", "-n", "true"], "xnsenter: invalid PID '0' for --target"),
            (["-t", "1", "-N", "3", "-n", "true"], "xnsenter: --net-socket and --net exclude each other"),
            (["-N", "3", "true"], "xnsenter: --net-socket needs --target PID"),
            (["-e", "true"], "xnsenter: --env needs --target PID"),
            (["-r", "true"], "xnsenter: --root needs --target PID"),
            (["--net=", "true"], "xnsenter: --net= needs a FILE"),
            (["--net="], "xnsenter: --net= needs a FILE"),
            (["-t", "1", "--root=", "true"], "xnsenter: --root= needs a DIR"),
            (["--keep-caps", "-t", "1", "-n", "true"], "xnsenter: --keep-caps goes with --user (or --all)"),
            (["-S", "4294967295", "--net=/proc/self/ns/net", "true"], "xnsenter: invalid id 4294967295 for --setuid"),
            (["--bogus"], "xnsenter: unknown option '--bogus'"),
        ] {
            let result = try run([Package.xnsenter] + arguments)
            #expect(result.status == 125, "\(arguments)")
            #expect(result.stderrLines.first == message, "\(result)")
            #expect(result.stderrLines.count <= 2, "\(result)")
            #expect(result.stdout == "")
        }
    }
}
