import Foundation
import Testing

/// Binds, tmpfs, overlay, symlinks and the read-only/inaccessible policy, as
/// root in a private mount namespace, in command-line order.
@Suite struct XmountapiBindPolicyTests {
    /// A host directory with a tmpfs mounted on its subdirectory `sub` (made by the setup command).
    func sourceWithSubmount() throws -> (TemporaryDirectory, String) {
        let source = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: source.file("sub"), withIntermediateDirectories: true)
        try "top\n".write(toFile: source.file("top"), atomically: false, encoding: .utf8)
        return (source, "mount -t tmpfs sub \(source.file("sub")) && echo inner > \(source.file("sub/inner"))")
    }

    @Test func readOnlyBindsAreReadOnlyAllTheWayDown() throws {
        let root = try BusyboxRoot()
        let (source, setup) = try sourceWithSubmount()
        let script = """
            cat /proc/self/mountinfo; cat /srv/top /srv/sub/inner
            touch /srv/new 2>/dev/null && echo WORKED-top; touch /srv/sub/new 2>/dev/null && echo WORKED-sub; true
            """
        let result = try xmountapi(root, ["--proc", "--ro-bind=\(source.path):/srv"], then: script, setup: setup)
        #expect(result.status == 0, "\(result)")
        let table = MountInfo(result.stdout)
        #expect(table["/srv"]?.options.isSuperset(of: ["ro", "nosuid", "nodev"]) == true, "\(result)")
        #expect(table["/srv/sub"]?.options.isSuperset(of: ["ro", "nosuid", "nodev"]) == true, "the submount came along, read-only\n\(result)")
        #expect(result.stdout.contains("top\ninner\n"))
        #expect(!result.stdout.contains("WORKED"), "\(result)")
    }

    @Test func readWriteOpensAHoleInAReadOnlyTree() throws {
        let root = try BusyboxRoot()
        let (source, setup) = try sourceWithSubmount()
        let script = "touch /srv/sub/ok && echo sub-writable; touch /srv/no 2>/dev/null && echo WORKED; grep ' /srv' /proc/self/mountinfo"
        let result = try xmountapi(root, ["--proc", "--bind=\(source.path):/srv", "--read-only=/srv", "--read-write=/srv/sub"],
                                   then: script, setup: setup)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("sub-writable\n"), "\(result)")
        #expect(!result.stdout.contains("WORKED"), "\(result)")
        // In the other order the later --read-only covers the earlier hole.
        let reversed = try xmountapi(root, ["--bind=\(source.path):/srv", "--read-write=/srv/sub", "--read-only=/srv"],
                                     then: "touch /srv/sub/no 2>&1; true", setup: setup)
        #expect(reversed.stdout.contains("Read-only file system"), "\(reversed)")
    }

    @Test func inaccessiblePathsCannotBeRead() throws {
        let root = try BusyboxRoot()
        let script = "cat /etc/marker 2>/dev/null && echo WORKED-file; ls /home 2>/dev/null && echo WORKED-dir; stat -c '%a %s' /etc/marker /home; grep -E ' /(etc/marker|home) ' /proc/self/mountinfo"
        let result = try xmountapi(root, ["--proc", "--inaccessible=/etc/marker", "--inaccessible=/home"], then: script, chroot: ["--drop-caps"])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("WORKED"), "\(result)")
        #expect(result.stdout.contains("0 0\n0 "), "mode 0000, empty\n\(result)")
        let table = MountInfo(result.stdout)
        #expect(table["/etc/marker"]?.options.isSuperset(of: ["ro", "nosuid", "nodev", "noexec"]) == true, "\(result)")
        #expect(table["/home"]?.options.contains("ro") == true)
        // alice (uid 1000) cannot read them either.
        let alice = try xmountapi(root, ["--inaccessible=/etc/marker"], then: "cat /etc/marker", chroot: ["--userspec=alice"])
        #expect(alice.status != 0, "\(alice)")
    }

    @Test func tmpfsWithOptionsOverlayDirSymlinkRemountRo() throws {
        let root = try BusyboxRoot()
        let layers = try TemporaryDirectory()
        for dir in ["l1", "l2", "upper", "work"] {
            try FileManager.default.createDirectory(atPath: layers.file(dir), withIntermediateDirectories: true)
        }
        try "one\n".write(toFile: layers.file("l1/one"), atomically: false, encoding: .utf8)
        try "two\n".write(toFile: layers.file("l2/two"), atomically: false, encoding: .utf8)
        let options = [
            "--proc", "--tmpfs=/srv:size=1m,mode=0700,noexec", "--dir=/srv/a/b",
            "--overlay=\(layers.file("l1")):\(layers.file("l2")):\(layers.file("upper")):\(layers.file("work")):/ov",
            "--ro-overlay=\(layers.file("l1")):\(layers.file("l2")):/rov",
            "--symlink=/srv/a:/link", "--tmpfs=/run", "--remount-ro=/run",
        ]
        let script = """
            grep -E ' /(srv|ov|rov|run) ' /proc/self/mountinfo; stat -c '%a' /srv; ls -d /srv/a/b; readlink /link
            cat /ov/one /ov/two; echo new > /ov/new; touch /rov/x 2>/dev/null && echo WORKED-rov; touch /run/x 2>/dev/null && echo WORKED-run; true
            """
        let result = try xmountapi(root, options, then: script)
        #expect(result.status == 0, "\(result)")
        let table = MountInfo(result.stdout)
        let srv = try #require(table["/srv"], "\(result)")
        #expect(srv.options.isSuperset(of: ["noexec", "nosuid", "nodev"]))
        #expect(srv.superOptions.isSuperset(of: ["size=1024k", "mode=700"]), "\(srv.superOptions)")
        #expect(table["/ov"]?.type == "overlay")
        #expect(table["/rov"]?.options.contains("ro") == true)
        #expect(table["/run"]?.options.contains("ro") == true)
        #expect(result.stdout.contains("700\n/srv/a/b\n/srv/a\none\ntwo\n"), "\(result)")
        #expect(!result.stdout.contains("WORKED"), "\(result)")
        #expect(FileManager.default.fileExists(atPath: layers.file("upper/new")))
        // The symlink stays in the root; the tmpfs-backed directories went with their mount.
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: root.path + "/link")) == "/srv/a")
    }

    @Test func laterMountsStackOnEarlierOnes() throws {
        let root = try BusyboxRoot()
        let stacked = try xmountapi(root, ["--proc", "--tmpfs=/srv", "--dir=/srv/data", "--tmpfs=/srv/data"], then: "grep ' /srv' /proc/self/mountinfo | wc -l")
        #expect(stacked.status == 0, "\(stacked)")
        #expect(stacked.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2", "\(stacked)")
        // A tmpfs given later hides what an earlier option made below it.
        let hidden = try xmountapi(root, ["--tmpfs=/srv", "--dir=/srv/data", "--tmpfs=/srv"], then: "ls /srv | wc -l")
        #expect(hidden.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(hidden)")
    }

    @Test func hostFilesAreBoundReadOnly() throws {
        let root = try BusyboxRoot()
        let result = try xmountapi(root, ["--proc", "--host=etc", "--host=/usr/share"], then: "cat /etc/hosts; grep -E ' /(etc/hosts|usr/share) ' /proc/self/mountinfo; touch /etc/hosts 2>&1; true")
        #expect(result.status == 0, "\(result)")
        let hosts = try String(contentsOfFile: "/etc/hosts", encoding: .utf8)
        #expect(result.stdout.hasPrefix(hosts), "\(result)")
        let table = MountInfo(result.stdout)
        #expect(table["/etc/hosts"]?.options.isSuperset(of: ["ro", "nosuid", "nodev"]) == true, "\(result)")
        #expect(table["/usr/share"]?.options.contains("ro") == true)
        #expect(result.stdout.contains("Read-only file system"))
    }

    @Test func bindTryBindsWhatExistsAndSkipsTheRest() throws {
        let root = try BusyboxRoot()
        let result = try xmountapi(root, ["--proc", "--bind-try=/nonexistent-xns:/nothing", "--ro-bind-try=/usr/share:/share"], then: "ls -d /share; ls /nothing 2>&1; true")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("/share\n"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/nothing"))
    }

    /// idmap=/proc/PID/ns/user: the files appear owned through that namespace's map.
    @Test func idmappedBind() throws {
        let source = try TemporaryDirectory()
        try "x".write(toFile: source.file("file"), atomically: false, encoding: .utf8)
        let root = try BusyboxRoot()
        // A user namespace mapping 0 to 100000, kept alive by a sleeping process.
        let script = """
            unshare --user sleep 60 </dev/null >/dev/null 2>&1 & pid=$!; sleep 0.3
            echo '0 100000 65536' > /proc/$pid/uid_map && echo '0 100000 65536' > /proc/$pid/gid_map || exit 9
            \(Package.xmountapi) --root \(root.path) --bind=\(source.path):/idm:idmap=/proc/$pid/ns/user; status=$?
            stat -c '%u' \(root.path)/idm/file; kill -KILL $pid; exit $status
            """
        let result = try run(inPrivateMountNamespace(["sh", "-c", script]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "100000\n", "\(result)")
    }
}
