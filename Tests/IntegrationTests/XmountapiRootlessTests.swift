import Foundation
import Testing

/// Rootless: as nobody, inside user, mount, pid and network namespaces of its
/// own (unshare --user --map-root-user --mount --pid --net --fork).
@Suite struct XmountapiRootlessTests {
    @Test func apiWorksRootless() throws {
        try #require(isRoot, "switching to nobody needs root")
        let root = try BusyboxRoot()
        let script = "cat /proc/self/mountinfo; for n in null zero tty; do stat -c '%n %t:%T' /dev/$n; done; echo x > /dev/null && echo null-writable; { echo x > /proc/sys/kernel/hostname; } 2>&1; true"
        let result = try xmountapi(root, ["--api"], then: script, wrap: rootlessContainer)
        #expect(result.status == 0, "\(result)")
        let table = MountInfo(result.stdout)
        for (point, type) in [("/proc", "proc"), ("/sys", "sysfs"), ("/dev", "tmpfs"), ("/dev/pts", "devpts"), ("/dev/shm", "tmpfs"), ("/run", "tmpfs"), ("/tmp", "tmpfs")] {
            #expect(table[point]?.type == type, "\(point)\n\(result)")
        }
        #expect(table["/sys"]?.options.contains("ro") == true)
        #expect(table["/proc/sys"]?.options.contains("ro") == true)
        // mknod is refused in a user namespace: the host's nodes are bound instead.
        #expect(table["/dev/null"]?.type == "devtmpfs", "\(result)")
        #expect(table["/dev/null"]?.root == "/null")
        // No IPC namespace of its own: --api leaves /dev/mqueue out rather than failing.
        #expect(table["/dev/mqueue"] == nil)
        #expect(result.stdout.contains("/dev/null 1:3\n/dev/zero 1:5\n/dev/tty 5:0\nnull-writable\n"), "\(result)")
        #expect(result.stdout.contains("Read-only file system"), "\(result)")
    }

    @Test func bindsOverlayAndPolicyRootless() throws {
        try #require(isRoot, "switching to nobody needs root")
        let root = try BusyboxRoot()
        let layers = try TemporaryDirectory()
        for dir in ["lower", "upper", "work", "src/sub"] {
            try FileManager.default.createDirectory(atPath: layers.file(dir), withIntermediateDirectories: true)
        }
        try "low\n".write(toFile: layers.file("lower/file"), atomically: false, encoding: .utf8)
        _ = try run(["chown", "-R", "\(nobody.uid):\(nobody.gid)", layers.path, root.path])
        let options = ["--proc", "--ro-bind=\(layers.file("src")):/srv", "--tmpfs=/mnt:size=1m",
                       "--overlay=\(layers.file("lower")):\(layers.file("upper")):\(layers.file("work")):/ov",
                       "--inaccessible=/etc/marker", "--read-only=/usr"]
        let script = "cat /ov/file; echo new > /ov/new; touch /srv/sub/x 2>&1; touch /usr/x 2>&1; grep -E ' /(srv|srv/sub|mnt|ov|usr|etc/marker) ' /proc/self/mountinfo; true"
        let result = try xmountapi(root, options, then: script, setup: "mount -t tmpfs sub \(layers.file("src/sub"))", wrap: rootlessContainer)
        #expect(result.status == 0, "\(result)")
        let table = MountInfo(result.stdout)
        #expect(table["/srv/sub"]?.options.contains("ro") == true, "recursive read-only rootless\n\(result)")
        #expect(table["/ov"]?.type == "overlay")
        #expect(table["/mnt"]?.type == "tmpfs")
        #expect(table["/etc/marker"]?.options.contains("ro") == true)
        #expect(result.stdout.hasPrefix("low\n"), "\(result)")
        #expect(result.stdout.components(separatedBy: "Read-only file system").count == 3, "\(result)")
        #expect(FileManager.default.fileExists(atPath: layers.file("upper/new")))
    }

    @Test func refusalsSayWhichMountAndWhy() throws {
        try #require(isRoot, "switching to nobody needs root")
        let root = try BusyboxRoot()
        // No pid namespace: proc is refused.
        let noPid = try run(rootless([Package.xmountapi, "--root", root.path, "--tmp", "--proc"]))
        #expect(noPid.status == 125, "\(noPid)")
        #expect(noPid.stderrLines == ["xmountapi: --proc: cannot mount proc on '\(root.path)/proc': Operation not permitted",
                                      "hint: in a user namespace proc needs a pid namespace of its own: xunshare --user --map-root-user --mount --pid --fork"], "\(noPid)")
        // An explicit --mqueue without an IPC namespace fails (where --api skips it).
        let mqueue = try xmountapi(root, ["--mqueue=/tmp"], then: "true", wrap: rootlessContainer)
        #expect(mqueue.status == 125)
        #expect(mqueue.stderrLines.last == "hint: in a user namespace mqueue needs an IPC namespace of its own: add --ipc to xunshare", "\(mqueue)")
        // Without any namespace at all: not permitted, with the way out.
        let plain = try run(asNobody([Package.xmountapi, "--root", root.path, "--tmp"]))
        #expect(plain.status == 125, "\(plain)")
        #expect(plain.stderrLines.last == "hint: mounting needs CAP_SYS_ADMIN: run as root, or inside xunshare --user --map-root-user --mount", "\(plain)")
    }
}
