import Foundation
import Testing

/// --fork, --init and --kill-child: exit statuses, signal deaths, signal
/// forwarding, PID 1 and zombie reaping, the child's death with its parent.
@Suite struct XunshareProcessTests {
    /// Every status 0…255, one shell loop per mode: through the parent of
    /// --fork, and through the init of --init (which passes COMMAND's status
    /// word out of the pid namespace).
    @Test(arguments: [["--fork"], ["--pid", "--fork", "--init"]])
    func everyExitStatusComesBack(options: [String]) throws {
        let result = try shell(#"for i in $(seq 0 255); do $X \#(options.joined(separator: " ")) sh -c "exit $i"; s=$?; [ $s = $i ] || echo "exit $i came back as $s"; done; echo done"#)
        #expect(result.stdout == "done\n", "\(result)")
        #expect(result.stderr == "", "\(result)")
    }

    /// The signals a process usually dies of, caught or not by the parent:
    /// the parent dies of the same one (no core dump, no message of its own).
    static let deathSignals = [SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGKILL, SIGSEGV, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1, SIGUSR2]

    @Test(arguments: deathSignals)
    func aSignalDeathIsReRaised(signal: Int32) throws {
        let result = try run([Package.xunshare, "--fork", "sh", "-c", "kill -\(signal) $$"])
        #expect(result.signal == signal, "\(result)")
        #expect(result.stderr == "", "\(result)")
        // Through an init too: PID 1 cannot die of it, so it passes the status on.
        let viaInit = try run([Package.xunshare, "--pid", "--fork", "--init", "sh", "-c", "kill -\(signal) $$"])
        #expect(viaInit.signal == signal, "\(viaInit)")
        #expect(viaInit.stderr == "", "\(viaInit)")
    }

    /// Rootless (as nobody, in a user namespace where it is root) through
    /// an init: the same statuses and the same deaths.
    @Test(.enabled(if: isRoot, "runs the chain as nobody"))
    func rootlessStatusesAndDeathsComeBack() throws {
        let chain = [Package.xunshare, "--user", "--map-root-user", "--pid", "--fork", "--init"]
        let loop = #"for i in $(seq 0 255); do "$@" sh -c "exit $i"; s=$?; [ $s = $i ] || echo "exit $i came back as $s"; done; echo done"#
        let statuses = try run(asNobody(["sh", "-c", loop, "sh"] + chain))
        #expect(statuses.stdout == "done\n", "\(statuses)")
        for signal in Self.deathSignals {
            let result = try run(asNobody(chain + ["sh", "-c", "kill -\(signal) $$"]))
            #expect(result.signal == signal, "\(result)")
        }
    }

    static let trapAll = """
        for s in INT TERM HUP QUIT USR1 USR2 WINCH; do trap "echo got $s" $s; done
        echo ready > "$1"; i=0; while [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
        """

    /// The forwarded signals reach COMMAND; it keeps running after each.
    @Test(arguments: [["--fork"], ["--pid", "--fork", "--init"]])
    func signalsAreForwarded(options: [String]) throws {
        let dir = try TemporaryDirectory()
        let ready = dir.file("ready")
        let script = """
            env --default-signal $X \(options.joined(separator: " ")) sh -c '\(Self.trapAll)' sh \(ready) & pid=$!
            while [ ! -e \(ready) ]; do sleep 0.01; done
            for s in INT TERM HUP QUIT USR1 USR2 WINCH; do kill -$s $pid; sleep 0.1; done
            kill -KILL $pid
            """
        let result = try shell(script)
        #expect(result.stdout == ["INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "WINCH"].map { "got \($0)\n" }.joined(), "\(result)")
    }

    /// A forwarded signal COMMAND does not catch kills it, and then the
    /// caller the same way (SIGWINCH aside: by default nobody dies of it).
    @Test(arguments: [["--fork"], ["--pid", "--fork", "--init"]])
    func aForwardedSignalKillsTheCallerTheSameWay(options: [String]) throws {
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2] {
            let (died, left) = try signalWhenRunning([Package.xunshare] + options + ["--", "sleep", "30"], command: "sleep", signal)
            #expect(died == signal && !left, "sent \(signal): died of \(died.map(String.init) ?? "nothing"), COMMAND left: \(left)")
        }
    }

    @Test func withoutInitCommandIsPID1() throws {
        let result = try shell(#"$X -p -f --mount-proc sh -c 'echo $$; cat /proc/1/comm'"#)
        #expect(result.stdout == "1\nsh\n", "\(result)")
    }

    @Test func initIsPID1AndCommandIsPID2() throws {
        let result = try shell(#"$X -p -f --init --mount-proc sh -c 'echo $$; cat /proc/1/comm; cat /proc/1/status | grep ^PPid'"#)
        #expect(result.stdout == "2\nxunshare\nPPid:\t0\n", "\(result)")
    }

    /// Orphans that end are reaped by the init — 50 of them, ending at about
    /// the same moment (their SIGCHLDs merge into one). Without --init, a
    /// PID 1 that never waits (here sleep) leaves them all zombies. The count
    /// is taken once no orphan runs and it is the expected one, or after 4 s.
    @Test(arguments: [(true, 0), (false, 50)])
    func orphansAreReaped(withInit: Bool, zombies: Int) throws {
        let count = #"""
            i=0; while [ $i -lt 50 ]; do (sleep 0.2 &); i=$((i+1)); done
            t=0; while [ $t -lt 80 ]; do
                live=0 n=0
                for f in /proc/[0-9]*/stat; do read -r p c s rest < $f; [ "$s" = Z ] && n=$((n+1)); [ "$c" = "(sleep)" ] && [ "$s" != Z ] && live=$((live+1)); done
                [ $live = 1 ] && [ $n = \#(zombies) ] && break
                sleep 0.05; t=$((t+1))
            done
            echo $n
            """#
        // The one sleep that stays is COMMAND's own (PID 1 without --init).
        let script = "sh -c '\(count)' & exec sleep 5"
        let result = try run([Package.xunshare, "-p", "-f", "--mount-proc"] + (withInit ? ["--init"] : []) + ["sh", "-c", script])
        #expect(result.stdout == "\(zombies)\n", "\(result)")
    }

    @Test(arguments: [([], "SIGKILL"), (["--kill-child=TERM"], "SIGTERM"), (["--kill-child=SIGUSR1"], "SIGUSR1")])
    func killChildWhenTheParentIsKilled(option: [String], expected: String) throws {
        let dir = try TemporaryDirectory()
        let ready = dir.file("ready")
        let killChild = option.isEmpty ? "--kill-child" : option[0]
        // The child reports the signal it got (SIGKILL cannot be caught: then it just dies).
        let script = """
            env --default-signal $X --fork \(killChild) sh -c 'for s in TERM USR1; do trap "echo SIG$s > \(dir.file("got")); exit 0" $s; done; echo $$ > \(ready); while :; do sleep 0.05; done' & pid=$!
            while [ ! -s \(ready) ]; do sleep 0.01; done
            child=$(cat \(ready)); kill -KILL $pid
            i=0; while kill -0 $child 2>/dev/null && [ "$(cut -d' ' -f3 /proc/$child/stat 2>/dev/null)" != Z ] && [ $i -lt 200 ]; do sleep 0.01; i=$((i+1)); done
            if kill -0 $child 2>/dev/null && [ "$(cut -d' ' -f3 /proc/$child/stat 2>/dev/null)" != Z ]; then echo alive; kill -KILL $child; else echo gone; fi
            cat \(dir.file("got")) 2>/dev/null || echo SIGKILL
            """
        let result = try shell(script)
        #expect(result.stdout == "gone\n\(expected)\n", "\(result)")
    }

    /// SIGKILL of the parent with --kill-child leaves no process of the
    /// chain behind, found by scanning all of /proc for a token in the
    /// environment: the child, and in a pid namespace everything in it (two
    /// background sleeps), with or without an init, whatever --kill-child's
    /// signal reaches the init with.
    @Test(arguments: [(["--fork", "--kill-child"], false), (["--pid", "--fork", "--kill-child"], true),
                      (["--mount", "--pid", "--fork", "--mount-proc", "--kill-child"], true),
                      (["--pid", "--fork", "--init", "--kill-child"], true), (["--pid", "--fork", "--init", "--kill-child=TERM"], true)])
    func killingTheParentLeavesNoOrphan(options: [String], grandchildren: Bool) throws {
        let dir = try TemporaryDirectory()
        let value = UUID().uuidString, token = "XNS_ORPHAN_TOKEN=\(value)"
        let ready = "echo ready > \(dir.file("ready"))"
        let script = grandchildren ? "sleep 30 & sleep 30 & \(ready); wait" : "\(ready); exec sleep 30"
        let chain = try Background([Package.xunshare] + options + ["--", "sh", "-c", script],
                                   environment: environment(["XNS_ORPHAN_TOKEN": value]))
        try waitFor("the chain to be ready\n\(chain.output)") { FileManager.default.fileExists(atPath: dir.file("ready")) ? true : nil }
        let started = processes(carrying: token)
        kill(chain.pid, SIGKILL)
        let left = leftBehind(carrying: token)
        #expect(started.count >= (grandchildren ? 4 : 2), "the scan finds the chain: \(started)")
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// The parent SIGKILLed at any moment of the start, even before the
    /// child could ask for its signal (it checks right after asking): 40
    /// kills per mode, 0 to 10 ms after the start, leave no process behind.
    @Test(arguments: [["--fork", "--kill-child"], ["--pid", "--fork", "--kill-child"],
                      ["--mount", "--pid", "--fork", "--mount-proc", "--init", "--kill-child=TERM"]])
    func killingTheParentAtAnyMomentLeavesNoOrphan(options: [String]) throws {
        let value = UUID().uuidString, token = "XNS_ORPHAN_TOKEN=\(value)"
        let script = #"for i in $(seq 0 39); do "$@" -- sleep 30 & p=$!; d=$((i % 11)); [ $d -gt 0 ] && sleep 0.00$d; kill -KILL $p; wait $p; done; echo done"#
        let result = try run(["sh", "-c", script, "sh", Package.xunshare] + options, environment: environment(["XNS_ORPHAN_TOKEN": value]))
        let left = leftBehind(carrying: token)
        #expect(result.stdout == "done\n", "\(result)")
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// In a new pid namespace without --init, COMMAND is PID 1: it gets a
    /// --kill-child signal other than SIGKILL only if it catches it (see
    /// --help; with --init, killingTheParentLeavesNoOrphan).
    @Test func aPID1CommandGetsTheKillChildSignalItCatches() throws {
        let dir = try TemporaryDirectory()
        let script = """
            $X --pid --fork --kill-child=TERM sh -c 'trap "echo got-TERM > \(dir.file("got")); exit 0" TERM; echo > \(dir.file("ready")); i=0; while [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done' & pid=$!
            i=0; while [ ! -e \(dir.file("ready")) ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i+1)); done
            kill -KILL $pid
            i=0; while [ ! -s \(dir.file("got")) ] && [ $i -lt 200 ]; do sleep 0.01; i=$((i+1)); done
            cat \(dir.file("got"))
            """
        #expect(try shell(script).stdout == "got-TERM\n")
    }

    @Test func withoutKillChildTheChildOutlivesItsParent() throws {
        let dir = try TemporaryDirectory()
        let ready = dir.file("ready")
        let script = """
            $X --fork sh -c 'echo $$ > \(ready); sleep 5' & pid=$!
            while [ ! -s \(ready) ]; do sleep 0.01; done
            child=$(cat \(ready)); kill -KILL $pid; sleep 0.2
            if kill -0 $child 2>/dev/null; then echo alive; kill -KILL $child; else echo gone; fi
            """
        #expect(try shell(script).stdout == "alive\n")
    }

    @Test func killChildReachesTheWholePidNamespace() throws {
        let dir = try TemporaryDirectory()
        let ready = dir.file("ready")
        // A sleep of a duration no other test uses, to find it from outside.
        let script = """
            $X --pid --fork --init --kill-child sh -c 'sleep 31.4159 & echo started > \(ready); wait' & pid=$!
            while [ ! -s \(ready) ]; do sleep 0.01; done
            kill -KILL $pid
            i=0; while pgrep -f '^sleep 31.4159' >/dev/null && [ $i -lt 200 ]; do sleep 0.01; i=$((i+1)); done
            pgrep -f '^sleep 31.4159' >/dev/null && { echo sleep-alive; pkill -KILL -f '^sleep 31.4159'; } || echo sleep-gone
            """
        #expect(try shell(script).stdout == "sleep-gone\n")
    }

    @Test func noFdLeaksIntoCommand() throws {
        let dir = try TemporaryDirectory()
        try "".write(toFile: dir.file("uts"), atomically: true, encoding: .utf8)
        for tool in [[Package.xunshare, "-U", "-r", "-p", "-f", "--init", "--kill-child"],
                     [Package.xunshare, "-U", "--map-users=0:100000:10", "-p", "-f"],
                     [Package.xunshare, "--uts=\(dir.file("uts"))", "-m", "-f"]] {
            let result = try run(inPrivateMountNamespace(fdsBeforeAndAfter(tool)))
            #expect(result.status == 0, "\(result)")
            #expect(result.fdsMatch, "\(tool): \(result)")
        }
    }
}
