import Foundation
import Testing

/// Exit status and signals through xnsenter: exec'd COMMAND's own, or with a
/// pid namespace a forked child whose end the parent passes on.
@Suite(.enabled(if: isRoot, "entering a pid namespace of another process needs root"))
struct XnsenterProcessTests {
    /// A pid namespace to enter: the chain's sleep is its PID 1.
    static func pidNamespace() throws -> (Background, pid_t) {
        let chain = try Background([Package.xunshare, "--pid", "--fork", "--kill-child", "--", "sleep", "60"])
        return (chain, try chain.target(running: "sleep", forked: true))
    }

    /// Every status 0…255, one shell loop: through the forked child's
    /// parent, and exec'd (-F).
    @Test func everyExitStatusComesThrough() throws {
        let (chain, target) = try Self.pidNamespace()
        let script = #"for i in $(seq 0 255); do for f in "" -F; do "$N" -t "$T" -p $f -- sh -c "exit $i"; s=$?; [ $s = $i ] || echo "exit $i${f:+ with $f} came back as $s"; done; done; echo done"#
        let result = try run(["sh", "-c", script], environment: environment(["N": Package.xnsenter, "T": String(target)]))
        #expect(result.stdout == "done\n", "\(result)")
        #expect(result.stderr == "", "\(result)")
        _ = chain
    }

    @Test func aChildKilledByASignalKillsTheParentTheSameWay() throws {
        let (chain, target) = try Self.pidNamespace()
        for signal in XunshareProcessTests.deathSignals {
            let result = try run([Package.xnsenter, "-t", String(target), "-p", "--", "sh", "-c", "kill -\(signal) $$"])
            #expect(result.signal == signal, "\(result)")
            #expect(result.stderr == "", "no core dump, no message: \(result)")
        }
        _ = chain
    }

    /// A forwarded signal COMMAND does not catch kills it, and then the
    /// caller the same way.
    @Test func aForwardedSignalKillsTheCallerTheSameWay() throws {
        let (chain, target) = try Self.pidNamespace()
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2] {
            let (died, left) = try signalWhenRunning([Package.xnsenter, "-t", String(target), "-p", "--", "sleep", "30"], command: "sleep", signal)
            #expect(died == signal && !left, "sent \(signal): died of \(died.map(String.init) ?? "nothing"), COMMAND left: \(left)")
        }
        _ = chain
    }

    @Test func commandNotFoundOrNotExecutable() throws {
        let (chain, target) = try Self.pidNamespace()
        let missing = try run([Package.xnsenter, "-t", String(target), "-p", "--", "/nonexistent/command"])
        #expect(missing.status == 127)
        #expect(missing.stderrLines == ["xnsenter: cannot run '/nonexistent/command': No such file or directory"], "\(missing)")
        let notExecutable = try run([Package.xnsenter, "-t", String(target), "-p", "--", "/etc/passwd"])
        #expect(notExecutable.status == 126, "\(notExecutable)")
        _ = chain
    }

    @Test func signalsToTheParentReachTheChild() throws {
        let (chain, target) = try Self.pidNamespace()
        let dir = try TemporaryDirectory()
        let entered = try Background([Package.xnsenter, "-t", String(target), "-p", "--",
                                      "sh", "-c", "trap 'echo got-usr1 > \(dir.file("usr1"))' USR1; echo ready > \(dir.file("ready")); while :; do sleep 0.05; done"])
        try waitFor("the child to be ready") { FileManager.default.fileExists(atPath: dir.file("ready")) ? true : nil }
        kill(entered.pid, SIGUSR1)
        let note = try waitFor("the forwarded SIGUSR1") { try? String(contentsOfFile: dir.file("usr1"), encoding: .utf8) }
        #expect(note == "got-usr1\n")
        kill(entered.pid, SIGTERM)
        entered.process.waitUntilExit()
        #expect(entered.process.terminationReason == .uncaughtSignal)
        #expect(entered.process.terminationStatus == SIGTERM)
        _ = chain
    }

    @Test func aStoppedChildStopsTheParentAndContinuingItContinuesTheChild() throws {
        let (chain, target) = try Self.pidNamespace()
        let dir = try TemporaryDirectory()
        let entered = try Background([Package.xnsenter, "-t", String(target), "-p", "--",
                                      "sh", "-c", "kill -STOP $$; echo resumed > \(dir.file("resumed"))"])
        try waitFor("xnsenter to stop with its child") { processState(entered.pid) == "T" ? true : nil }
        #expect(!FileManager.default.fileExists(atPath: dir.file("resumed")))
        kill(entered.pid, SIGCONT)
        entered.process.waitUntilExit()
        #expect(entered.process.terminationStatus == 0)
        #expect((try? String(contentsOfFile: dir.file("resumed"), encoding: .utf8)) == "resumed\n")
        _ = chain
    }

    @Test func traceShowsTheCallsAndDryRunMakesNone() throws {
        let (chain, target) = try Self.pidNamespace()
        let dir = try TemporaryDirectory()
        let traced = try run([Package.xnsenter, "--trace", "-t", String(target), "-p", "--", "true"])
        #expect(traced.status == 0, "\(traced)")
        let calls = traced.stderrLines.map { $0.replacingOccurrences(of: #"^xnsenter\[\d+\]: "#, with: "", options: .regularExpression) }
        #expect(calls.first == "pidfd_open(\(target), 0) = 3", "\(traced)")
        #expect(calls.contains("setns(3, CLONE_NEWPID) = 0"), "\(traced)")
        #expect(calls.contains { $0.hasPrefix("fork() = ") }, "\(traced)")
        let dry = try run([Package.xnsenter, "--dry-run", "-t", String(target), "-p", "-U", "--", "touch", dir.file("ran")])
        #expect(dry.status == 0, "\(dry)")
        #expect(dry.stderr.contains(": setns(3, CLONE_NEWPID) (dry run: not made)"), "\(dry)")
        #expect(dry.stderr.contains(": fork() (dry run: not made)"), "\(dry)")
        #expect(dry.stderr.contains(": setuid(0) (dry run: not made)"), "\(dry)")
        #expect(dry.stderr.contains(": execvp(\"touch\", [\"touch\", \"\(dir.file("ran"))\"]) (dry run: not run)"), "\(dry)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("ran")))
        _ = chain
    }
}
