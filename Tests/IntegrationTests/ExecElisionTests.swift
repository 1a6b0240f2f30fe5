import Foundation
import Testing

/// The five tools are one multicall binary, and a chain of them runs in one
/// process (ExecElision in XCore): these tests hold that what COMMAND sees —
/// and every failure — is the same as when each link is exec'ed
/// (`XNS_EXEC_ELISION=0`), and that the elision happens where it should.
@Suite(.enabled(if: isRoot, "needs root"))
struct ExecElisionTests {
    /// What COMMAND can tell about the process it was exec'ed into. (Only
    /// fds below 10: the test runner hands its children one of its own, at a
    /// number that changes from run to run.)
    static let probe = #"""
        ls /proc/self/fd | awk '$1 < 10' | tr '\n' ' '; echo
        grep -E '^(Cap|Uid|Gid|Groups|NoNewPrivs|Seccomp|SigBlk|SigIgn|SigCgt|Umask)' /proc/self/status
        env | sort | grep -v -e '^_=' -e '^XNS_EXEC_ELISION='
        echo "pid $$ ppid $PPID args $#: $*"
        """#

    static let elisionLine = "not made: the same binary runs it in this process"

    /// Runs `arguments` with elision on and off; both outcomes.
    func both(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (on: Outcome, off: Outcome) {
        var on: [String: String?] = extra.mapValues { $0 }
        on.updateValue(nil, forKey: "XNS_EXEC_ELISION")
        var off: [String: String?] = extra.mapValues { $0 }
        off["XNS_EXEC_ELISION"] = "0"
        return (try run(arguments, environment: environment(on)), try run(arguments, environment: environment(off)))
    }

    func sandbox(_ root: String) -> [String] {
        [Package.xunshare, "--mount", "--uts", "--ipc", "--pid", "--fork", "--",
         Package.xmountapi, "--root", root, "--proc", "--dev", "--tmp", "--",
         Package.xchroot, "--pivot-root", root]
    }

    @Test func aChainOfXToolsRunsInOneProcess() throws {
        let root = try BusyboxRoot()
        let result = try run(inPrivateMountNamespace(sandbox(root.path) + ["/bin/true"]),
                             environment: environment(["XNS_TRACE": "1"]))
        #expect(result.status == 0, "\(result)")
        let lines = result.stderrLines
        let elided = lines.filter { $0.hasSuffix(Self.elisionLine) }
        #expect(elided.count == 2, "xmountapi and xchroot run in-process\n\(result)")
        #expect(elided.first?.hasPrefix("xunshare[1]: execve(\"\(Package.xmountapi)\"") == true, "\(result)")
        #expect(lines.contains { $0.hasPrefix("xmountapi[1]: ") } && lines.contains { $0.hasPrefix("xchroot[1]: pivot_root") }, "\(result)")
        // The last link is a real exec.
        #expect(lines.contains("xchroot[1]: execve(\"/bin/true\", [\"/bin/true\"])"), "\(result)")
        let off = try run(inPrivateMountNamespace(sandbox(root.path) + ["/bin/true"]),
                          environment: environment(["XNS_TRACE": "1", "XNS_EXEC_ELISION": "0"]))
        #expect(off.status == 0 && !off.stderr.contains(Self.elisionLine), "\(off)")
    }

    @Test func commandSeesTheSameProcessEitherWay() throws {
        let root = try BusyboxRoot()
        let chain = inPrivateMountNamespace(sandbox(root.path) + ["/bin/sh", "-c", Self.probe, "sh", "a b", "c"])
        let (on, off) = try both(chain)
        #expect(on.status == 0, "\(on)")
        #expect(on.stdout == off.stdout, "elided:\n\(on)\nexec'ed:\n\(off)")
        #expect(on.stderr == off.stderr)
    }

    @Test func anInheritedDescriptorStaysAndTheToolsOwnAreClosed() throws {
        // xnsenter opens the target's namespaces (close-on-exec) before it
        // runs xchroot: COMMAND must see what a plain shell sees, fd 3 (handed
        // down on purpose) included, and nothing of the tools'.
        let dir = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir.file("kept"), contents: Data("kept\n".utf8))
        let listing = "ls /proc/self/fd | awk '$1 < 10' | tr '\\n' ' '; cat <&3"
        let script = #"exec 3<"$1"; exec "$2" --target $$ --mount --uts --net -- "$3" / /bin/sh -c "$4""#
        let (on, off) = try both(["sh", "-c", script, "sh", dir.file("kept"), Package.xnsenter, Package.xchroot, listing])
        let plain = try run(["sh", "-c", #"exec 3<"$1"; exec /bin/sh -c "$2""#, "sh", dir.file("kept"), listing])
        #expect(on.status == 0 && on.stdout.hasSuffix(" kept\n"), "\(on)")
        #expect(on.stdout == plain.stdout && off.stdout == plain.stdout, "elided:\n\(on)\nexec'ed:\n\(off)\nplain:\n\(plain)")
    }

    @Test func failuresOfAnElidedLinkAreTheSame() throws {
        let cases: [[String]] = [
            [Package.xunshare, "--mount", "--", Package.xchroot, "/nonexistent", "true"],
            [Package.xunshare, "--", Package.tool("xveth"), "--bogus"],
            [Package.xunshare, "--", Package.xchroot, "/", "no-such-command"],
            [Package.xunshare, "--", Package.xchroot, "/", "/etc/passwd"],
            // No capabilities left: the next xunshare cannot unshare.
            [Package.xchroot, "--drop-caps", "/", Package.xunshare, "--mount", "true"],
        ]
        for chain in cases {
            let (on, off) = try both(chain)
            #expect(on.status == off.status && on.stderr == off.stderr && on.stdout == off.stdout,
                    "\(chain)\nelided:\n\(on)\nexec'ed:\n\(off)")
            #expect(on.status != 0, "\(chain): \(on)")
        }
    }

    @Test func noElisionWhereExecWouldChangeTheCapabilities() throws {
        // Root keeping one capability in the ambient set: exec clears the
        // ambient set and gives root its bounding set back, so the next link
        // is exec'ed for real — and ends up with what exec gives it.
        let chain = [Package.xchroot, "--keep-caps=sys_admin", "/", Package.xunshare, "--",
                     "/bin/sh", "-c", "grep -E '^Cap(Eff|Prm|Amb)' /proc/self/status"]
        let (on, off) = try both(chain, environment: ["XNS_TRACE": "1"])
        #expect(on.status == 0 && on.stdout == off.stdout, "elided:\n\(on)\nexec'ed:\n\(off)")
        #expect(!on.stderr.contains(Self.elisionLine), "\(on)")
        // Rootless: a user namespace without a mapping leaves uid 65534 with
        // capabilities that exec takes away.
        let unmapped = asNobody([Package.xunshare, "--user", "--", Package.xunshare, "--", "/bin/sh", "-c",
                                 "grep -E '^Cap(Eff|Prm)' /proc/self/status"])
        let (rootlessOn, rootlessOff) = try both(unmapped, environment: ["XNS_TRACE": "1"])
        #expect(rootlessOn.status == 0 && rootlessOn.stdout == rootlessOff.stdout, "elided:\n\(rootlessOn)\nexec'ed:\n\(rootlessOff)")
        #expect(rootlessOn.stdout == "CapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n", "\(rootlessOn)")
        #expect(!rootlessOn.stderr.contains(Self.elisionLine), "\(rootlessOn)")
    }

    @Test func rootlessChainsAreElidedToo() throws {
        let root = try BusyboxRoot()
        let chain = asNobody([Package.xunshare, "--user", "--map-root-user", "--mount", "--pid", "--net", "--fork", "--",
                              Package.xmountapi, "--root", root.path, "--proc", "--tmp", "--",
                              Package.xchroot, "--pivot-root", root.path, "/bin/sh", "-c", Self.probe])
        let (on, off) = try both(chain)
        #expect(on.status == 0 && on.stdout == off.stdout, "elided:\n\(on)\nexec'ed:\n\(off)")
        let traced = try run(chain, environment: environment(["XNS_TRACE": "1"]))
        #expect(traced.stderrLines.filter { $0.hasSuffix(Self.elisionLine) }.count == 2, "\(traced)")
    }

    @Test func theMulticallBinaryIsChosenByName() throws {
        let xns = Package.tool("xns")
        let version = try run([xns, "xchroot", "--version"])
        #expect(version.status == 0 && version.stdout == "0.1.0\n", "\(version)")
        let alone = try run([xns])
        #expect(alone.status == 125 && alone.stdout.isEmpty, "\(alone)")
        #expect(alone.stderrLines == ["xns: no tool named",
                                      "hint: run as xunshare, xnsenter, xchroot, xmountapi, xveth, unshare, nsenter, chroot, switch_root, pivot_root (a link of that name to this file), or as 'xns TOOL [ARG...]'"])
        // The classic names are personalities of the same file (xns-compat(7)).
        let classic = try run([xns, "unshare", "--version"])
        #expect(classic.status == 0 && classic.stdout == "unshare from util-linux 2.38.1 (xns 0.1.0)\n", "\(classic)")
        let unknown = try run([xns, "xbogus", "--help"])
        #expect(unknown.status == 125 && unknown.stderrLines.first == "xns: unknown tool 'xbogus'", "\(unknown)")
        // argv[0] names no tool: the name of the file executed does.
        let renamed = try run(["bash", "-c", #"exec -a whatever "$0" / /bin/sh -c 'echo $0'"#, Package.xchroot])
        #expect(renamed.status == 0 && renamed.stdout == "/bin/sh\n", "\(renamed)")
    }

    @Test func aSetUserIDCopyRefusesToRun() throws {
        let dir = try TemporaryDirectory()
        let copy = dir.file("xchroot")
        try FileManager.default.copyItem(atPath: Package.xchroot, toPath: copy)
        for mode in [0o4755, 0o2755] {
            #expect(chmod(copy, mode_t(mode)) == 0)
            let result = try run(asNobody([copy, "--version"]))
            #expect(result.status == 125 && result.stdout.isEmpty, "\(String(mode, radix: 8)): \(result)")
            #expect(result.stderrLines == [
                "xchroot: refusing to run set-user-ID, set-group-ID or with file capabilities",
                "hint: remove the bit or the capabilities (chmod u-s,g-s FILE; setcap -r FILE); run it as root, or rootless through xunshare --user --map-root-user",
            ], "\(String(mode, radix: 8)): \(result)")
        }
    }
}
