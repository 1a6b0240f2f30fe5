import Foundation
import Testing

/// Every namespace kind, seen from inside (readlink /proc/self/ns/*) and
/// compared with the outside; propagation, --mount-proc, host names, clocks.
@Suite struct XunshareNamespaceTests {
    static let kinds: [(option: String, file: String)] = [
        ("--mount", "mnt"), ("--uts", "uts"), ("--ipc", "ipc"), ("--net", "net"),
        ("--cgroup", "cgroup"), ("--user", "user"),
    ]

    @Test(arguments: kinds)
    func eachKindIsNew(option: String, file: String) throws {
        let result = try run([Package.xunshare, option, "readlink", "/proc/self/ns/\(file)"])
        #expect(result.status == 0, "\(result)")
        let inside = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(inside.hasPrefix(file + ":["), "\(result)")
        #expect(inside != (try hostNamespace(file)))
        // Without the option the namespace is the host's.
        let plain = try run([Package.xunshare, "readlink", "/proc/self/ns/\(file)"])
        #expect(plain.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == (try hostNamespace(file)))
    }

    /// pid and time namespaces are for the children: COMMAND is in them with --fork.
    @Test(arguments: [("--pid", "pid"), ("--time", "time")])
    func pidAndTimeNeedTheChild(option: String, file: String) throws {
        let result = try run([Package.xunshare, option, "--fork", "readlink", "/proc/self/ns/\(file)"])
        #expect(result.status == 0, "\(result)")
        let inside = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(inside.hasPrefix(file + ":["))
        #expect(inside != (try hostNamespace(file)))
    }

    @Test func combinedShortFlags() throws {
        let result = try shell(#"$X -mUuinpCTrf sh -c 'for n in mnt user uts ipc net pid cgroup time; do readlink /proc/self/ns/$n; done; echo $$'"#)
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 9, "\(result)")
        for (line, name) in zip(lines, ["mnt", "user", "uts", "ipc", "net", "pid", "cgroup", "time"]) {
            #expect(line != (try hostNamespace(name)), "\(name)")
        }
        #expect(lines.last == "1")
    }

    @Test func theNetworkHasOnlyALoopback() throws {
        // /sys still shows the host's devices (sysfs is per mount): ask /proc/net.
        let links = try run([Package.xunshare, "--net", "cat", "/proc/net/dev"])
        #expect(links.status == 0)
        #expect(links.stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: ":")[0].trimmingCharacters(in: .whitespaces) } == ["lo"], "\(links)")
    }

    /// A new mount namespace is rprivate by default; --propagation changes it.
    @Test(arguments: [("", "private"), ("--propagation=private", "private"), ("--propagation=shared", "shared"),
                      ("--propagation=slave", "master"), ("--propagation=unchanged", "shared")])
    func propagation(option: String, expected: String) throws {
        let dir = try TemporaryDirectory()
        // A shared mount to start from, in a private namespace of the test's own.
        let script = """
            mount -t tmpfs t \(dir.path) && mount --make-shared \(dir.path) && \
            $X --mount \(option) sh -c 'grep " \(dir.path) " /proc/self/mountinfo'
            """
        let result = try run(inPrivateMountNamespace(["sh", "-c", script]), environment: environment(["X": Package.xunshare]))
        #expect(result.status == 0, "\(result)")
        let fields = result.stdout.split(separator: " ")
        let optional = fields.drop { !$0.hasPrefix("shared:") && !$0.hasPrefix("master:") && $0 != "-" }.prefix { $0 != "-" }
        switch expected {
        case "private": #expect(optional.isEmpty, "\(result)")
        case "shared": #expect(optional.contains { $0.hasPrefix("shared:") }, "\(result)")
        default: #expect(optional.contains { $0.hasPrefix("master:") } && !optional.contains { $0.hasPrefix("shared:") }, "\(result)")
        }
    }

    @Test func mountProcShowsTheNewPidNamespace() throws {
        let result = try shell(#"$X --pid --fork --mount-proc sh -c 'echo $$; ls /proc | grep -c "^[0-9]*$"; grep " /proc proc " /proc/self/mounts | tail -n 1'"#)
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(result)")
        #expect(lines[0] == "1", "\(result)")
        #expect(Int(lines[1]).map { $0 <= 3 } == true, "only sh and its children: \(result)")
        #expect(lines[2].contains("nosuid") && lines[2].contains("nodev") && lines[2].contains("noexec"), "\(result)")
        // The host's /proc is untouched.
        #expect(FileManager.default.fileExists(atPath: "/proc/\(getpid())"))
    }

    @Test func mountProcOnADirectory() throws {
        let dir = try TemporaryDirectory()
        let result = try shell("$X --pid --fork --mount-proc=\(dir.path) readlink \(dir.path)/self")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "1\n")
        // It implied --mount: nothing is left mounted out here.
        #expect((try FileManager.default.contentsOfDirectory(atPath: dir.path)).isEmpty)
    }

    @Test func hostAndDomainName() throws {
        let outside = try run(["hostname"]).stdout
        let result = try run([Package.xunshare, "--uts", "--hostname=xns-box", "--domainname=xns.test",
                              "sh", "-c", "hostname; cat /proc/sys/kernel/domainname"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "xns-box\nxns.test\n")
        #expect(try run(["hostname"]).stdout == outside)
    }

    @Test func clockOffsets() throws {
        let result = try run([Package.xunshare, "--time", "--fork", "--monotonic=1000", "--boottime=86400",
                              "sh", "-c", "cat /proc/self/timens_offsets; cut -d. -f1 /proc/uptime"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(Array(lines.prefix(2)) == ["monotonic 1000 0", "boottime 86400 0"], "\(result)")
        let outsideUptime = Int(try String(contentsOfFile: "/proc/uptime", encoding: .utf8).split(separator: ".")[0])!
        #expect(Int(lines[2]).map { $0 >= outsideUptime + 86400 - 5 } == true, "\(result)")
    }
}
