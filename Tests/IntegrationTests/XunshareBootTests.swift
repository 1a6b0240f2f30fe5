import Foundation
import Testing

/// What an OS's init needs from the parent of xunshare --fork, piece by piece
/// and without a Debian tree (SystemdBootTests boots one): the stop signal,
/// --boot's statuses for poweroff and reboot, the delegated cgroup, the
/// console pseudo-terminal, and xmountapi's --console and --container.
@Suite struct XunshareBootTests {
    /// SIGTERM and SIGINT to xunshare reach the child as --stop-signal's
    /// signal (systemd halts on SIGRTMIN+3 and would re-execute on SIGTERM).
    @Test(arguments: [("TERM", ["--stop-signal=USR1"], "USR1"), ("INT", ["--stop-signal=USR1"], "USR1"),
                      ("TERM", ["--pid", "--boot"], "37"), ("HUP", ["--stop-signal=USR1"], "HUP")])
    func theStopSignalReplacesTermAndInt(sent: String, options: [String], expected: String) throws {
        let dir = try TemporaryDirectory()
        let ready = dir.file("ready")
        // 37 is SIGRTMIN+3 with glibc (SIGRTMIN is 34).
        let script = """
            env --default-signal $X --fork \(options.joined(separator: " ")) sh -c 'for s in USR1 HUP 37; do trap "echo got $s; exit 7" $s; done; echo ready > "$1"; i=0; while [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done' sh \(ready) & pid=$!
            while [ ! -e \(ready) ]; do sleep 0.01; done
            kill -\(sent) $pid; wait $pid; echo status=$?
            """
        let result = try shell(script)
        #expect(result.stdout == "got \(expected)\nstatus=7\n", "\(result)")
    }

    /// The kernel ends a pid namespace's init that calls reboot(2) with
    /// SIGINT (power-off, halt) or SIGHUP (restart): --boot makes them
    /// status 0 and 133, as systemd-nspawn does; a plain exit passes through.
    /// (`test $$ = 1`: busybox's reboot -f runs only as PID 1 of the new pid
    /// namespace, where the kernel turns it into that death.)
    @Test(.enabled(if: isRoot, "reboot(2) in a pid namespace needs CAP_SYS_BOOT"),
          arguments: [("poweroff", Int32(0)), ("halt", 0), ("reboot", 133)])
    func bootTurnsPoweroffAndRebootIntoStatuses(command: String, status: Int32) throws {
        let result = try run([Package.xunshare, "--pid", "--fork", "--boot", "--", "sh", "-c", "test $$ = 1 && exec busybox \(command) -f"])
        #expect(result.status == status && result.signal == nil, "\(result)")
        let plain = try run([Package.xunshare, "--pid", "--fork", "--", "sh", "-c", "test $$ = 1 && exec busybox \(command) -f"])
        #expect(plain.signal == (command == "reboot" ? SIGHUP : SIGINT), "without --boot the init's death shows: \(plain)")
        let exited = try run([Package.xunshare, "--pid", "--fork", "--boot", "--", "sh", "-c", "exit 3"])
        #expect(exited.status == 3, "\(exited)")
    }

    /// The child is alone in a cgroup of its own, the root of its cgroup
    /// namespace; the parent went back to its own; when the child ends,
    /// what it left running there is killed and the cgroup is removed.
    @Test(needsWritableCgroup)
    func theDelegatedCgroupIsTheChildsAndGoesWithIt() throws {
        let dir = try TemporaryDirectory()
        let scratch = try ScratchCgroup("alone")
        let (name, cgroup) = (scratch.name, scratch.path)
        let script = """
            $X --fork --cgroup --delegate-cgroup=\(name) -- sh -c 'grep ^0:: /proc/self/cgroup; n=0; while read -r p; do n=$((n+1)); done < \(cgroup)/cgroup.procs; echo $n; test "$(grep ^0:: /proc/$PPID/cgroup)" = "$(grep ^0:: /proc/$$/cgroup)" && echo parent inside; sleep 100 & echo $! > \(dir.file("left"))'
            echo status=$?
            # Killed, it may still be a zombie of whoever inherited it.
            case $(ps -o stat= -p $(cat \(dir.file("left")))) in "" | Z*) ;; *) echo the sleep is left ;; esac
            test -e \(cgroup) && echo the cgroup is left
            true
            """
        let result = try shell(script)
        #expect(result.stdout == "0::/\n1\nstatus=0\n", "\(result)")
        // A name that is taken: nothing is made, one line.
        try FileManager.default.createDirectory(atPath: cgroup, withIntermediateDirectories: false)
        defer { rmdir(cgroup) }
        let taken = try run([Package.xunshare, "--fork", "--delegate-cgroup=" + name, "true"])
        #expect(taken.status == 125 && taken.stderrLines.first == "xunshare: --delegate-cgroup: cannot make the cgroup '\(cgroup)': File exists", "\(taken)")
    }

    /// A dry run of the boot chain changes nothing and goes through to the
    /// end: no terminal, no cgroup made, /dev/console and the container's
    /// files only described.
    @Test func aDryRunOfTheBootChainGoesThrough() throws {
        let root = try TemporaryDirectory()
        let result = try run([Package.xunshare, "--dry-run", "--mount", "--pid", "--fork", "--cgroup", "--boot", "--delegate-cgroup=xns-dry",
                              "--console=read-only", "--", Package.xmountapi, "--root=" + root.path, "--dev", "--run", "--console",
                              "--container=xns", "--", Package.xchroot, "--pivot-root", root.path, "/sbin/init"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("--console=read-only: a pseudo-terminal for the child (dry run: not made)"), "\(result)")
        #expect(result.stderr.contains("a real run here would stop: --console: stdin is not a terminal (dry run: going on)"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty, "nothing made in the root")
        if let cgroup = ownCgroupDirectory { #expect(!FileManager.default.fileExists(atPath: cgroup + "/xns-dry")) }
    }

    /// xunshare killed (SIGKILL: no word to anyone): the helper that stood
    /// by sees it go, kills what runs in the subtree and removes it.
    @Test(needsWritableCgroup)
    func theDelegatedCgroupGoesEvenWhenXunshareIsKilled() throws {
        let dir = try TemporaryDirectory()
        let scratch = try ScratchCgroup("killed")
        let (name, cgroup) = (scratch.name, scratch.path)
        let script = """
            $X --fork --delegate-cgroup=\(name) -- sh -c 'echo $$ > \(dir.file("child")); sleep 100' & pid=$!
            while [ ! -s \(dir.file("child")) ]; do sleep 0.01; done
            kill -KILL $pid; wait $pid 2>/dev/null
            i=0; while [ -e \(cgroup) ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done
            test -e \(cgroup) && echo the cgroup is left
            case $(ps -o stat= -p $(cat \(dir.file("child")))) in "" | Z*) echo the child is gone ;; *) echo the child is left; kill -KILL $(cat \(dir.file("child"))) ;; esac
            """
        let result = try shell(script)
        #expect(result.stdout == "the child is gone\n", "\(result)")
    }

    /// With a user namespace whose root is another user (root's --map-users,
    /// as nspawn -U picks a range), the cgroup is handed to that user: the
    /// child, root inside, owns it and its control files; and it is still
    /// removed, by a helper outside, though this xunshare is in the user
    /// namespace by then (where root cannot remove it).
    @Test(needsWritableCgroup)
    func theDelegatedCgroupBelongsToTheNamespacesRoot() throws {
        let scratch = try ScratchCgroup("owner")
        let (name, cgroup) = (scratch.name, scratch.path)
        let result = try run([Package.xunshare, "--user", "--map-users=0:100000:65536", "--map-groups=0:100000:65536", "--fork",
                              "--setuid=0", "--setgid=0", "--delegate-cgroup=" + name, "--", "sh", "-c",
                              "stat -c %u:%g \(cgroup) \(cgroup)/cgroup.procs \(cgroup)/cgroup.subtree_control; mkdir \(cgroup)/inner && echo made"])
        #expect(result.stdout == "0:0\n0:0\n0:0\nmade\n", "\(result)")
        #expect(!FileManager.default.fileExists(atPath: cgroup), "removed, with what the child made in it")
    }

    /// A host with cgroup v1 alone (here: a mount namespace where the v2
    /// hierarchy is unmounted) has nothing to delegate: one line says so.
    @Test(.enabled(if: isRoot, "unmounts cgroup2 in a mount namespace"))
    func noCgroupV2IsSaidInOneLine() throws {
        let script = "grep ' - cgroup2 ' /proc/self/mountinfo | cut -d' ' -f5 | sort -r | xargs -r umount -l; exec \"$@\""
        let result = try run(inPrivateMountNamespace(["sh", "-c", script, "sh", Package.xunshare, "--fork", "--delegate-cgroup", "true"]))
        #expect(result.status == 125 && result.stderrLines.first == "xunshare: --delegate-cgroup: no cgroup v2 hierarchy is mounted: this host has cgroup v1 only", "\(result)")
    }

    @Test(arguments: [
        (["--boot", "true"], "xunshare: --boot goes with --pid --fork"),
        (["--pid", "--fork", "--init", "--boot", "true"], "xunshare: --boot and --init exclude each other"),
        (["--delegate-cgroup", "true"], "xunshare: --delegate-cgroup goes with --fork"),
        (["--console", "true"], "xunshare: --console goes with --fork"),
        (["--stop-signal=USR1", "true"], "xunshare: --stop-signal goes with --fork"),
        (["--fork", "--delegate-cgroup=a/b", "true"], "xunshare: --delegate-cgroup: 'a/b' is not a cgroup name"),
        (["--fork", "--console=loud", "true"], "xunshare: --console: 'loud' is not a console mode"),
        (["--fork", "--stop-signal=NOPE", "true"], "xunshare: unknown signal 'NOPE' in --stop-signal"),
    ])
    func badBootOptionsAreUsageErrors(arguments: [String], line: String) throws {
        let result = try run([Package.xunshare] + arguments)
        #expect(result.status == 125 && result.stderrLines.first == line, "\(result)")
    }

    /// --console: the child's stdio is a pseudo-terminal and its controlling
    /// terminal, in a session of its own; what it writes comes out (the
    /// terminal turns "\n" into "\r\n"), and what the caller types goes in
    /// only in interactive mode.
    @Test func theConsoleIsAPseudoTerminalOfItsOwn() throws {
        let shown = try run([Package.xunshare, "--fork", "--console=read-only", "--", "sh", "-c",
                             "tty; [ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo all three; [ $(ps -o sid= -p $$) = $$ ] && echo own session"])
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").dropFirst().joined(separator: "\n") == "all three\nown session", "\(shown)")
        #expect(shown.stdout.hasPrefix("/dev/pts/"), "\(shown)")
        let typed = try run([Package.xunshare, "--fork", "--console", "--", "sh", "-c", "read line; echo \"got $line\""], input: "hello\n")
        #expect(typed.stdout.replacingOccurrences(of: "\r\n", with: "\n") == "hello\ngot hello\n", "the terminal echoes, then the answer: \(typed)")
        let unread = try run([Package.xunshare, "--fork", "--console=read-only", "--", "sh", "-c", "line=$(timeout 1 head -n 1); echo \"got '$line'\""], input: "hello\n")
        #expect(unread.stdout.replacingOccurrences(of: "\r\n", with: "\n") == "got ''\n", "\(unread)")
        let passive = try run([Package.xunshare, "--fork", "--console=passive", "--", "sh", "-c", "echo dropped; exit 4"])
        #expect(passive.status == 4 && passive.stdout == "", "\(passive)")
        let pipe = try run([Package.xunshare, "--fork", "--console=pipe", "--", "sh", "-c", "[ -t 1 ] || echo no terminal"])
        #expect(pipe.stdout == "no terminal\n", "\(pipe)")
    }

    /// A terminal's ^C (the kernel's SIGINT to the foreground process
    /// group) reaches a child with a stop signal only as that signal: the
    /// child has a process group of its own (systemd would take a SIGINT
    /// as ctrl-alt-del and reboot).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) (util-linux) gives the chain a terminal"))
    func aTerminalInterruptBecomesTheStopSignal() throws {
        // The ^C reaches the shell that runs xunshare too (it is in the
        // terminal's foreground group): it traps INT so it lives to print
        // the status — dash dies of a SIGINT it waits through, bash does not
        // (script(1) runs $SHELL, which CI and a login differ on; pinned).
        let chain = "trap : INT; \(Package.xunshare) --fork --stop-signal=USR1 -- sh -c 'trap \"echo got INT\" INT; trap \"echo got USR1; exit 6\" USR1; i=0; while [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done'; echo \"status $?\""
        let result = try run(["sh", "-c", "{ sleep 1; printf '\\003'; sleep 2; } | script -qfec \"$1\" /dev/null", "sh", chain], environment: environment(["SHELL": "/bin/sh"]))
        let lines = result.stdout.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("got USR1") } && lines.contains("status 6") && !lines.contains { $0.hasSuffix("got INT") }, "\(result)")
    }

    /// The relay never blocks on the child: input the child does not read
    /// waits (the child's terminal is raw and full here), and a reader of
    /// stdout that goes away (head) does not kill xunshare with SIGPIPE —
    /// the child runs to its end and its status comes back.
    @Test func theRelayNeitherBlocksNorDiesOfSigpipe() throws {
        let script = """
            head -c 300000 /dev/zero | timeout -k 5 20 $X --fork --console -- sh -c 'stty raw -echo; sleep 1; exit 3'; echo "unread input: $?"
            timeout -k 5 20 $X --fork --console=read-only -- sh -c 'i=0; while [ $i -lt 20000 ]; do echo line $i; i=$((i+1)); done; exit 7' | head -n 1 >/dev/null
            echo "reader gone: ${PIPESTATUS[0]}"
            """
        let result = try run(["bash", "-c", script], environment: environment(["X": Package.xunshare]))
        #expect(result.stdout.replacingOccurrences(of: "\r", with: "").hasSuffix("unread input: 3\nreader gone: 7\n"), "\(result)")
    }

    /// Interactive, from a real terminal (script(1) gives the caller one):
    /// the caller's terminal is raw while the child runs, so ^]^]^] reaches
    /// xunshare as bytes and stops the child as SIGTERM would; the terminal
    /// is set back afterwards.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) (util-linux) gives the chain a terminal"))
    func escapeThreeTimesStopsTheChildFromATerminal() throws {
        let chain = "stty -g > modes.before; \(Package.xunshare) --fork --console -- sh -c 'trap \"echo stopped; exit 5\" TERM; echo ready; sleep 10 & wait'; echo \"status $?\"; stty -g > modes.after; cmp -s modes.before modes.after && echo restored"
        let dir = try TemporaryDirectory()
        let result = try run(["sh", "-c", "cd \(dir.path) && { sleep 1; printf '\\035\\035\\035'; sleep 2; } | script -qfec \"$1\" /dev/null", "sh", chain], environment: environment(["SHELL": "/bin/sh"]))
        let lines = result.stdout.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
        // The child's terminal echoes the ^]s it was passed — before or after
        // the trap speaks, so on its line or on the status's.
        #expect(lines.contains { $0.hasSuffix("stopped") } && lines.contains { $0.hasSuffix("status 5") }
                && lines.contains("restored"), "\(result)")
    }

    /// xmountapi --console binds the chain's terminal on the container's
    /// /dev/console; --container tells the init where it runs: container=,
    /// container_uuid (the tree's machine id as a UUID, else random) and
    /// /run/host/container-manager.
    @Test(.enabled(if: isRoot, "mounts a busybox root"))
    func consoleAndContainerIdentityInTheRoot() throws {
        let root = try BusyboxRoot()
        let probe = "ls -l /dev/console | cut -c1; [ -t 1 ] && echo on the terminal; echo $container; cat /run/host/container-manager; echo $container_uuid"
        let chain = [Package.xunshare, "--mount", "--pid", "--fork", "--console=read-only", "--", Package.xmountapi, "--root", root.path,
                     "--dev", "--run", "--console", "--container=xns", "--", Package.xchroot, root.path, "/bin/sh", "-c", probe]
        let random = try run(chain)
        let lines = random.stdout.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map(String.init)
        #expect(random.status == 0 && lines.prefix(4) == ["c", "on the terminal", "xns", "xns"], "\(random)")
        let uuid = try #require(lines.last)
        #expect(uuid.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil, "\(random)")
        try root.write("etc/machine-id", "0123456789abcdef0123456789abcdef\n")
        let fromTree = try run(chain)
        #expect(fromTree.stdout.replacingOccurrences(of: "\r\n", with: "\n").hasSuffix("xns\n01234567-89ab-cdef-0123-456789abcdef\n"), "\(fromTree)")
        // It was written into the /run tmpfs, not into the tree's own /run.
        #expect(!FileManager.default.fileExists(atPath: root.path + "/run/host"))
    }

    /// xchroot --keep-caps=container: systemd-nspawn's set, of what this
    /// process has (sys_admin kept; sys_module, sys_rawio, sys_time, mac_admin not).
    @Test(.enabled(if: isRoot, "needs the capabilities to keep"))
    func theContainerCapabilitySet() throws {
        let result = try run([Package.xchroot, "--keep-caps=container,net_admin", "/", "/bin/sh", "-c", "sed -n 's/^CapBnd:\t//p' /proc/self/status"])
        let mask = try #require(UInt64(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16), "\(result)")
        for (capability, kept) in [(21, true), (12, true), (6, true), (0, true), (16, false), (17, false), (25, false), (33, false)] {
            #expect((mask >> capability) & 1 == (kept ? 1 : 0), "capability \(capability) in CapBnd \(result.stdout)")
        }
    }

    @Test(arguments: [
        (["--console"], "xmountapi: --console goes after --api or --dev"),
        (["--container=xns"], "xmountapi: --container goes after --api or --run"),
        (["--run", "--container=a/b"], "xmountapi: --container: 'a/b' is not a name"),
    ])
    func badConsoleAndContainerOptions(options: [String], line: String) throws {
        let result = try run([Package.xmountapi] + options + ["true"])
        #expect(result.status == 125 && result.stderrLines.first == line, "\(result)")
    }

    @Test(.enabled(if: isRoot, "mounts a busybox root"))
    func consoleNeedsATerminalOnStdin() throws {
        let root = try BusyboxRoot()
        // Looked at from inside the namespace, where the /dev tmpfs would be.
        let script = "\"$@\"; echo status=$?; test -e \(root.path)/dev/console && echo console left; grep -c ' \(root.path)/dev' /proc/self/mountinfo"
        let result = try run(inPrivateMountNamespace(["sh", "-c", script, "sh", Package.xmountapi, "--root", root.path, "--dev", "--console", "true"]))
        #expect(result.stdout == "status=125\n0\n", "a failed run leaves nothing: \(result)")
        #expect(result.stderrLines.first == "xmountapi: --console: stdin is not a terminal: Inappropriate ioctl for device", "\(result)")
    }
}
