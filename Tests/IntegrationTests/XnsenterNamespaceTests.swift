import Foundation
import Testing

/// xnsenter as root: the namespaces, root, working directory and
/// environment of a running chain, and namespaces kept on files, checked
/// from inside.
@Suite(.enabled(if: isRoot, "entering namespaces of other processes needs root"))
struct XnsenterNamespaceTests {
    /// What a shell inside sees of the namespaces `names`, one readlink a line.
    static func readlinks(_ names: [String]) -> String {
        names.map { "readlink /proc/self/ns/\($0)" }.joined(separator: "; ")
    }

    @Test func entersMountUTSIPCAndNetworkNamespacesOfAChain() throws {
        let chain = try Background([Package.xunshare, "--mount", "--uts", "--ipc", "--net", "--hostname=inside", "--", "sleep", "30"])
        let target = try chain.target(running: "sleep")
        let names = ["mnt", "uts", "ipc", "net"]
        let result = try run([Package.xnsenter, "--target", String(target), "-m", "-u", "-i", "-n", "--",
                              "sh", "-c", Self.readlinks(names) + "; hostname; ip -o link | cut -d' ' -f2"])
        #expect(result.status == 0, "\(result)")
        let expected = names.compactMap { namespace($0, of: target) } + ["inside", "lo:"]
        #expect(expected.count == 6)
        #expect(result.stdout == expected.joined(separator: "\n") + "\n", "\(result)")
        // The namespaces really are others than the test's.
        let hostNet = try hostNamespace("net")
        #expect(namespace("net", of: target) != hostNet)
    }

    @Test func allEntersEveryNamespaceTheTargetHasOfItsOwn() throws {
        let chain = try Background([Package.xunshare, "-m", "-u", "-i", "-n", "-p", "-C", "-T", "--fork", "--mount-proc",
                                    "--kill-child", "--", "sleep", "30"])
        let target = try chain.target(running: "sleep", forked: true)
        let names = ["mnt", "uts", "ipc", "net", "pid", "cgroup", "time"]
        let result = try run([Package.xnsenter, "-a", "-t", String(target), "sh", "-c", Self.readlinks(names)])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == names.compactMap { namespace($0, of: target) }.joined(separator: "\n") + "\n", "\(result)")
        // The user namespace is the test's own: --all leaves it out, where
        // util-linux's -U would fail (setns cannot re-enter it).
        let hostUser = try hostNamespace("user")
        #expect(namespace("user", of: target) == hostUser)
    }

    @Test func noDescriptorLeaksIntoCommand() throws {
        let chain = try Background([Package.xunshare, "-m", "-u", "-n", "-p", "--fork", "--mount-proc", "--kill-child", "--", "sleep", "30"])
        let target = try chain.target(running: "sleep", forked: true)
        // A pidfd, namespaces, the target's root and working directory, its
        // environment, a signalfd (the fork): none of them reaches COMMAND.
        let result = try run(fdsBeforeAndAfter([Package.xnsenter, "-a", "-t", String(target), "-r", "-w", "-e",
                                                "--ipc=/proc/\(target)/ns/ipc", "--"]))
        #expect(result.status == 0, "\(result)")
        #expect(result.fdsMatch, "\(result)")
    }

    @Test func aPidNamespaceIsEnteredByAForkedChildNumberedInside() throws {
        let chain = try Background([Package.xunshare, "--pid", "--mount", "--fork", "--mount-proc", "--kill-child", "--", "sleep", "30"])
        let target = try chain.target(running: "sleep", forked: true)
        let result = try run([Package.xnsenter, "-t", String(target), "--pid", "--mount", "--",
                              "sh", "-c", "echo $$; cat /proc/1/comm; readlink /proc/self/ns/pid"])
        #expect(result.status == 0, "\(result)")
        // PID 1 is the chain's sleep; the shell is the next process there.
        #expect(result.stdout == "2\nsleep\n\(namespace("pid", of: target) ?? "?")\n", "\(result)")
    }

    @Test func noForkLeavesCommandOutsideAndItsChildrenInside() throws {
        // sh ($$) is COMMAND, outside; readlink is its child, inside.
        let chain = try Background([Package.xunshare, "--pid", "--fork", "--kill-child", "--", "sleep", "30"])
        let target = try chain.target(running: "sleep", forked: true)
        let result = try run([Package.xnsenter, "-t", String(target), "-p", "-F", "--",
                              "sh", "-c", "readlink /proc/$$/ns/pid; readlink /proc/self/ns/pid"])
        #expect(result.status == 0, "\(result)")
        let hostPid = try hostNamespace("pid")
        #expect(result.stdout == "\(hostPid)\n\(namespace("pid", of: target) ?? "?")\n", "\(result)")
    }

    @Test func rootAndWorkingDirectoryAreTheTargets() throws {
        let root = try BusyboxRoot()
        let chain = try Background([Package.xunshare, "--mount", "--", Package.xchroot, "--wd=/etc", root.path, "/bin/sleep", "30"])
        let target = try chain.target(running: "sleep")
        let both = try run([Package.xnsenter, "-t", String(target), "-m", "-r", "-w", "--", "/bin/sh", "-c", "pwd; cat /etc/hostname"])
        #expect(both.stdout == "/etc\nbusybox-root\n", "\(both)")
        // --wdns: a directory inside the entered root.
        let inside = try run([Package.xnsenter, "-t", String(target), "-m", "-r", "--wdns=/home/alice", "--", "/bin/pwd"])
        #expect(inside.stdout == "/home/alice\n", "\(inside)")
        // --root=DIR and --wd=DIR are paths as seen before entering.
        let given = try run([Package.xnsenter, "--root=\(root.path)", "--wd=\(root.path)/tmp", "--", "/bin/sh", "-c", "pwd; cat /etc/hostname"])
        #expect(given.stdout == "/tmp\nbusybox-root\n", "\(given)")
        let conflict = try run([Package.xnsenter, "-t", String(target), "-w", "-W", "/", "true"])
        #expect(conflict.status == 125)
        #expect(conflict.stderrLines.first == "xnsenter: --wd and --wdns exclude each other")
    }

    @Test func envTakesTheTargetsEnvironment() throws {
        let chain = try Background(["env", "-i", "XNS_MARK=from-target", "PATH=/usr/bin:/bin", "sleep", "30"])
        let target = try chain.target(running: "sleep")
        let result = try run([Package.xnsenter, "-t", String(target), "--env", "--", "/usr/bin/env"],
                             environment: ["PATH": "/usr/bin:/bin", "MINE": "1"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.split(separator: "\n").sorted() == ["PATH=/usr/bin:/bin", "XNS_MARK=from-target"], "\(result)")
    }

    @Test func aNetworkNamespaceOfIpNetnsIsEnteredByFile() throws {
        let netns = try NetworkNamespace()
        let inode = try FileManager.default.attributesOfItem(atPath: netns.file)[.systemFileNumber] as? Int
        let result = try run([Package.xnsenter, "--net=\(netns.file)", "--", "sh", "-c", "readlink /proc/self/ns/net; ip -o link | cut -d' ' -f2"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "net:[\(inode ?? -1)]\nlo:\n", "\(result)")
    }

    @Test func aNamespaceKeptByXunshareIsEnteredByFile() throws {
        let dir = try TemporaryDirectory()
        let file = dir.file("uts")
        // Kept in a private mount namespace, which also releases it at the end.
        let script = """
            touch "$F" && "$X" --uts="$F" --hostname=kept true && "$N" --uts="$F" hostname && "$N" --uts="$F" --net="$F" true
            """
        let result = try run(inPrivateMountNamespace(["sh", "-c", script]),
                             environment: environment(["F": file, "X": Package.xunshare, "N": Package.xnsenter]))
        #expect(result.stdout == "kept\n", "\(result)")
        #expect(result.stderrLines == ["xnsenter: cannot enter the net namespace of '\(file)': it is a uts namespace",
                                       "hint: enter it with --uts=\(file)"], "\(result)")
    }

    @Test func netSocketEntersTheNamespaceOfTheSocketNotOfTheProcess() throws {
        // In a network namespace of its own, busybox nc accepts a connection
        // and becomes (exec) a script that moves to another namespace: its
        // fd 0 is then a socket of the first namespace, the process is in the second.
        let netns = try NetworkNamespace()
        let dir = try TemporaryDirectory()
        let mover = dir.file("mover")
        try "#!/bin/sh\nexec \"\(Package.xnsenter)\" --net=\(netns.file) -- sleep 30\n".write(toFile: mover, atomically: true, encoding: .utf8)
        chmod(mover, 0o755)
        let script = """
            ip link set lo up
            busybox nc -l -p 5000 -e "$MOVER" & nc=$!
            trap 'kill -9 $nc $client 2>/dev/null' EXIT
            i=0; until busybox netstat -ltn | grep -q ':5000 '; do i=$((i+1)); [ $i -lt 1000 ] || exit 9; busybox usleep 10000; done
            busybox nc 127.0.0.1 5000 </dev/null >/dev/null 2>&1 & client=$!
            i=0; until [ "$(stat -L -c %i /proc/$nc/ns/net 2>/dev/null)" = "$(stat -L -c %i "$NETNS")" ]; do i=$((i+1)); [ $i -lt 1000 ] || exit 8; busybox usleep 10000; done
            readlink /proc/self/ns/net
            "$N" -t $nc -N 0 -- readlink /proc/self/ns/net
            "$N" -t $nc -N 2 -- true
            """
        let result = try run(["unshare", "--net", "sh", "-c", script],
                             environment: environment(["MOVER": mover, "NETNS": netns.file, "N": Package.xnsenter]))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0] == lines[1], "\(result)")
        #expect(result.stderrLines.first?.hasSuffix(": file descriptor 2 is not a socket") == true, "\(result)")
    }

    @Test func setuidAndSetgidWithoutAUserNamespace() throws {
        let result = try run([Package.xnsenter, "--net=/proc/self/ns/net", "-S", "4242", "-G", "4343", "--", "sh", "-c", "id -u; id -g; id -G"])
        #expect(result.stdout == "4242\n4343\n4343\n", "\(result)")
    }

    @Test func rootEntersARootlessChainAsItsRoot() throws {
        // The user namespace is entered last (root drops privilege); inside,
        // uid 0 is nobody outside.
        let chain = try Background(asNobody([Package.xunshare, "--user", "--map-root-user", "--net", "--", "sleep", "30"]))
        let target = try chain.target(running: "sleep")
        let result = try run([Package.xnsenter, "-t", String(target), "-U", "-n", "--trace", "--", "sh", "-c", "id -u; cat /proc/self/uid_map"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") } == ["0", "0 65534 1"], "\(result)")
        let calls = result.stderrLines.filter { $0.contains("setns(") }
        #expect(calls.count == 2 && calls[0].hasSuffix(", CLONE_NEWNET) = 0") && calls[1].hasSuffix(", CLONE_NEWUSER) = 0"), "\(result)")
    }
}
