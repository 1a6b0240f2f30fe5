import Foundation
import Testing

/// The util-linux behaviours the x-tools took on with the classic names
/// (issue 14), checked under the x-names: a login-style $SHELL without
/// COMMAND, xunshare --forward-signals, --clear-env and --whitelist-env,
/// xnsenter --user-parent and --join-cgroup.
@Suite(.enabled(if: isRoot, "entering namespaces of other processes needs root"))
struct UtilLinuxOptionTests {
    /// A $SHELL that reports the argv[0] it was run with: busybox as `sh`
    /// (a script's $0 would be its path), whose login shell reads
    /// $HOME/.profile.
    static func reportingShell(_ scratch: TemporaryDirectory) throws -> String {
        let path = scratch.path + "/sh"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/bin/busybox")
        try "echo \"argv0=$0 args=$#\"; exit 0\n".write(toFile: scratch.path + "/.profile", atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: ["xunshare", "xnsenter", "unshare", "nsenter"])
    func withoutCommandTheShellRunsAsALoginShell(_ tool: String) throws {
        let scratch = try TemporaryDirectory()
        let shell = try Self.reportingShell(scratch)
        let path = tool.hasPrefix("x") ? Package.tool(tool) : Package.classic(tool)
        let arguments = tool.hasSuffix("unshare") ? [path, "--uts"] : [path, "--uts=/proc/self/ns/uts"]
        let result = try run(arguments, environment: ["SHELL": shell, "HOME": scratch.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("argv0=-sh args=0\n"), "\(result)")
    }

    @Test func clearEnvAndWhitelistEnvChooseTheEnvironment() throws {
        let environment = ["KEEP": "kept", "DROP": "dropped"]
        let cleared = try run([Package.xunshare, "--clear-env", "/usr/bin/env"], environment: environment)
        #expect(cleared.status == 0 && cleared.stdout.isEmpty, "\(cleared)")
        let listed = try run([Package.xunshare, "--whitelist-env=KEEP,NOSUCH", "/usr/bin/env"], environment: environment)
        #expect(listed.status == 0 && listed.stdout == "KEEP=kept\n", "\(listed)")
        // With the classic name, and a PATH search that falls back to /bin:/usr/bin.
        let classic = try run([Package.classic("unshare"), "--whitelist-env", "KEEP", "env"], environment: environment)
        #expect(classic.status == 0 && classic.stdout == "KEEP=kept\n", "\(classic)")
    }

    @Test func forwardSignalsForksAndPassesTERMOn() throws {
        // The child is PID 1 of a new pid namespace only if --forward-signals forked.
        let forked = try run([Package.xunshare, "--pid", "--forward-signals", "sh", "-c", "echo $$"])
        #expect(forked.status == 0 && forked.stdout == "1\n", "\(forked)")
        let script = "\(Package.classic("unshare")) --forward-signals sh -c 'trap \"echo got-TERM; exit 7\" TERM; while :; do sleep 0.05; done' & sleep 0.5; kill -TERM $!; wait $!; echo status=$?"
        let result = try run(["sh", "-c", script])
        #expect(result.stdout == "got-TERM\nstatus=7\n", "\(result)")
    }

    @Test func userParentEntersTheParentUserNamespace() throws {
        // A user namespace inside a user namespace; the target sleeps in the inner one.
        let chain = try Background([Package.xunshare, "--user", "--map-root-user", "--fork", "--",
                                    Package.xunshare, "--user", "--map-root-user", "--", "sleep", "30"])
        let target = try chain.target(running: "sleep", forked: true)
        let outer = try #require(namespace("user", of: try chain.target(running: "xunshare")))
        let inner = try #require(namespace("user", of: target))
        #expect(inner != outer)
        for tool in [Package.xnsenter, Package.classic("nsenter")] {
            let result = try run([tool, "--target", String(target), "--user", "--user-parent", "readlink", "/proc/self/ns/user"])
            #expect(result.status == 0 && result.stdout == outer + "\n", "\(tool)\n\(result)")
        }
    }

    @Test func joinCgroupMovesIntoTheTargetsCgroup() throws {
        // A cgroup v2 hierarchy of its own in a private mount namespace (this
        // machine may be hybrid), a cgroup in it, a target moved there.
        let name = "xns-join-\(getpid())"
        let script = """
            mount -t cgroup2 none /sys/fs/cgroup || exit 99
            mkdir /sys/fs/cgroup/\(name) || exit 98
            sleep 30 & target=$!
            echo $target > /sys/fs/cgroup/\(name)/cgroup.procs
            "$0" --target $target --join-cgroup -- grep '^0::' /proc/self/cgroup
            "$1" -t $target -c sh -c "grep '^0::' /proc/self/cgroup"
            kill $target; wait $target 2>/dev/null
            rmdir /sys/fs/cgroup/\(name)
            """
        let result = try run(inPrivateMountNamespace(["sh", "-c", script, Package.xnsenter, Package.classic("nsenter")]))
        #expect(result.stdout == "0::/\(name)\n0::/\(name)\n", "\(result)")
        // Without the target there is nothing to join.
        let alone = try run([Package.xnsenter, "--join-cgroup", "true"])
        #expect(alone.status == 125 && alone.stderrLines.first == "xnsenter: --join-cgroup needs --target PID", "\(alone)")
    }

    /// util-linux's default after entering a user namespace is uid 0, gid 0
    /// and no supplementary groups, and it fails where the namespace cannot
    /// give them (here setgroups is denied and 0 is unmapped); xnsenter keeps
    /// the caller's instead (see xnsenter(1)). nsenter under its name does
    /// what util-linux does, with its message.
    @Test func nsenterDefaultsFailWhereTheNamespaceCannotGiveThem() throws {
        let script = """
            unshare -U --map-current-user sleep 20 & target=$!; sleep 0.3
            for tool in "$0" /usr/bin/nsenter; do "$tool" -t $target -U id -u; echo status=$?; done
            "$1" -t $target -U id -u; echo status=$?
            kill $target
            """
        let result = try run(asNobody(["bash", "-c", script, Package.classic("nsenter"), Package.xnsenter]))
        #expect(result.stdout == "status=1\nstatus=1\n\(nobody.uid)\nstatus=0\n", "\(result)")
        #expect(result.stderrLines == ["nsenter: setgroups failed: Operation not permitted",
                                       "nsenter: setgroups failed: Operation not permitted"], "\(result)")
    }
}
