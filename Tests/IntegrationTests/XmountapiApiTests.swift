import Foundation
import Testing

/// --api and the API file systems one by one, as root in a private mount
/// namespace, checked from inside the root: types, flags, options, nodes.
@Suite struct XmountapiApiTests {
    @Test func apiMountsEveryFileSystemWithItsFlags() throws {
        let root = try BusyboxRoot()
        let result = try xmountapi(root, ["--api"], then: "cat /proc/self/mountinfo; stat -c '%n %a' /tmp /run /dev /dev/shm")
        #expect(result.status == 0, "\(result)")
        let table = MountInfo(result.stdout)
        let expected: [(String, String, Set<String>)] = [
            ("/proc", "proc", ["rw", "nosuid", "nodev", "noexec"]),
            ("/proc/sys", "proc", ["ro", "nosuid", "nodev", "noexec"]),
            ("/sys", "sysfs", ["ro", "nosuid", "nodev", "noexec"]),
            ("/dev", "tmpfs", ["rw", "nosuid", "noexec"]),
            ("/dev/pts", "devpts", ["rw", "nosuid", "noexec"]),
            ("/dev/shm", "tmpfs", ["rw", "nosuid", "nodev"]),
            ("/dev/mqueue", "mqueue", ["rw", "nosuid", "nodev", "noexec"]),
            ("/run", "tmpfs", ["rw", "nosuid", "nodev"]),
            ("/tmp", "tmpfs", ["rw", "nosuid", "nodev"]),
        ]
        for (point, type, flags) in expected {
            let entry = try #require(table[point], "\(point) is not mounted\n\(result)")
            #expect(entry.type == type, "\(point)")
            #expect(flags.isSubset(of: entry.options), "\(point): \(entry.options)")
            #expect(entry.optionalFields.isEmpty, "\(point) should be private: \(entry.optionalFields)")
        }
        #expect(table["/dev"]?.options.contains("nodev") == false, "device nodes in /dev must work")
        #expect(table["/dev/pts"]?.superOptions.isSuperset(of: ["mode=620", "ptmxmode=666"]) == true, "\(String(describing: table["/dev/pts"]))")
        #expect(table["/dev"]?.superOptions.contains("mode=755") == true)
        for name in maskedProcFiles {
            let entry = try #require(table["/proc/" + name], "/proc/\(name) is not hidden\n\(result)")
            #expect(entry.options.isSuperset(of: ["ro", "nosuid", "nodev", "noexec"]))
        }
        #expect(result.stdout.contains("/tmp 1777\n/run 755\n/dev 755\n/dev/shm 1777\n"), "\(result)")
        // Nothing else: the root itself, then exactly what --api made.
        let made = table.points.filter { $0 != "/" }
        #expect(Set(made) == Set(expected.map(\.0) + maskedProcFiles.map { "/proc/" + $0 }), "\(made)")
    }

    @Test func deviceNodesAndSymlinks() throws {
        let root = try BusyboxRoot()
        let script = """
            for n in null zero full random urandom tty; do stat -c '%n %F %t:%T %a' /dev/$n; done
            for l in fd stdin stdout stderr ptmx core; do echo "/dev/$l -> $(readlink /dev/$l)"; done
            stat -c '%n %F %a' /dev/pts /dev/shm /dev/pts/ptmx
            echo hello > /dev/null && head -c 4 /dev/zero | wc -c && head -c 4 /dev/urandom | wc -c
            """
        let result = try xmountapi(root, ["--api"], then: script)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            /dev/null character special file 1:3 666
            /dev/zero character special file 1:5 666
            /dev/full character special file 1:7 666
            /dev/random character special file 1:8 666
            /dev/urandom character special file 1:9 666
            /dev/tty character special file 5:0 666
            /dev/fd -> /proc/self/fd
            /dev/stdin -> /proc/self/fd/0
            /dev/stdout -> /proc/self/fd/1
            /dev/stderr -> /proc/self/fd/2
            /dev/ptmx -> pts/ptmx
            /dev/core -> /proc/kcore
            /dev/pts directory 755
            /dev/shm directory 1777
            /dev/pts/ptmx character special file 666
            4
            4

            """, "\(result)")
    }

    @Test func readOnlyPathsRefuseWritesAndHiddenOnesReads() throws {
        let root = try BusyboxRoot()
        // Without capabilities, as a container's root usually is: mode 0000 then means no access.
        let probes = ["echo x > /proc/sys/kernel/hostname", "echo x > /sys/kernel/uevent_helper", "touch /sys/x"]
            + maskedProcFiles.map { "cat /proc/\($0)" }
        let script = probes.map { "if \($0) 2>/dev/null; then echo 'WORKED: \($0)'; else echo 'refused: \($0)'; fi" }.joined(separator: "\n")
        let result = try xmountapi(root, ["--api"], then: script, chroot: ["--drop-caps"])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("WORKED"), "\(result)")
        #expect(result.stdout.split(separator: "\n").count == probes.count, "\(result)")
        // With every capability the read-only mounts still refuse writes.
        let asRoot = try xmountapi(root, ["--api"], then: "echo x > /proc/sys/kernel/hostname 2>&1; touch /sys/x 2>&1; true")
        #expect(asRoot.stdout.contains("Read-only file system"), "\(asRoot)")
    }

    @Test func eachFileSystemAlone() throws {
        let root = try BusyboxRoot()
        try FileManager.default.createDirectory(atPath: root.path + "/altproc", withIntermediateDirectories: true)
        let result = try xmountapi(root, ["--proc=/altproc", "--sys", "--cgroup", "--tmp", "--mqueue=/mq"],
                                   then: "cat /altproc/self/mountinfo")
        #expect(result.status == 0, "\(result)")
        let table = MountInfo(result.stdout)
        #expect(table["/altproc"]?.type == "proc")
        #expect(table["/altproc/sys"]?.options.contains("ro") == true)
        #expect(table["/sys"]?.type == "sysfs")
        let cgroup = try #require(table["/sys/fs/cgroup"], "\(result)")
        #expect(cgroup.type == "cgroup2")
        #expect(cgroup.options.isSuperset(of: ["ro", "nosuid", "nodev", "noexec"]))
        #expect(table["/tmp"]?.type == "tmpfs")
        #expect(table["/mq"]?.type == "mqueue")
        #expect(table["/proc"] == nil && table["/dev"] == nil && table["/run"] == nil, "\(table.points)")

        let writable = try xmountapi(root, ["--sys", "--cgroup=rw", "--dev", "--devpts", "--shm", "--run"], then: "cat /proc/self/mountinfo", setup: "mount -t proc proc \(root.path)/proc")
        #expect(writable.status == 0, "\(writable)")
        let second = MountInfo(writable.stdout)
        #expect(second["/sys/fs/cgroup"]?.options.contains("rw") == true)
        #expect(second["/dev/pts"]?.type == "devpts")
        #expect(second["/dev/shm"]?.type == "tmpfs")
        #expect(second["/run"]?.type == "tmpfs")
    }

    @Test func nothingAppearsInTheOuterMountTable() throws {
        let root = try BusyboxRoot()
        let before = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        let result = try xmountapi(root, ["--api", "--ro-bind=/usr:/usr", "--tmpfs=/srv"], then: "true")
        #expect(result.status == 0, "\(result)")
        let after = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        #expect(!after.contains(root.path), "\(after)")
        // Other tests mount and unmount beside this one: only a mount point
        // of this run (the API file systems, /usr, /srv) would be xmountapi's.
        let appeared = Set(MountInfo(after).points).subtracting(MountInfo(before).points)
        let ours = ["/proc", "/sys", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/run", "/tmp", "/usr", "/srv"]
        #expect(appeared.allSatisfy { !ours.contains($0) && !$0.hasPrefix(root.path) }, "\(appeared)")
    }

    @Test func newMountAPICallsAreTraced() throws {
        let root = try BusyboxRoot()
        let result = try xmountapi(root, ["--trace", "--proc", "--ro-bind=/usr:/usr"], then: "true")
        #expect(result.status == 0, "\(result)")
        for call in ["fsopen(\"proc\", FSOPEN_CLOEXEC) = ", "fsconfig(", "FSCONFIG_CMD_CREATE", "fsmount(", "open_tree(AT_FDCWD, \"/usr\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE) = ",
                     "mount_setattr(", "AT_EMPTY_PATH|AT_RECURSIVE, {attr_set=MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOSUID|MOUNT_ATTR_NODEV", "move_mount("] {
            #expect(result.stderr.contains(call), "missing \(call)\n\(result)")
        }
        #expect(!result.stderr.contains(": mount(\""), "\(result)")
    }

    /// XNS_MOUNT_API=legacy takes the mount(2) path a kernel without the new API takes.
    @Test func theMountFallbackMakesTheSameMounts() throws {
        let root = try BusyboxRoot()
        let source = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: source.file("sub"), withIntermediateDirectories: true)
        let result = try xmountapi(root, ["--trace", "--api", "--ro-bind=\(source.path):/srv", "--inaccessible=/home"],
                                   then: "cat /proc/self/mountinfo; touch /srv/sub/x 2>&1; true",
                                   setup: "mount -t tmpfs sub \(source.file("sub"))", environment: environment(["XNS_MOUNT_API": "legacy"]))
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("fsopen("), "\(result)")
        #expect(result.stderr.contains(": mount(\"proc\", \"\(root.path)/proc\", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL) = 0"), "\(result)")
        let table = MountInfo(result.stdout)
        #expect(table["/proc/sys"]?.options.contains("ro") == true)
        #expect(table["/srv"]?.options.isSuperset(of: ["ro", "nosuid", "nodev"]) == true)
        #expect(table["/srv/sub"]?.options.contains("ro") == true, "the submount is read-only too\n\(result)")
        #expect(table["/home"]?.options.contains("ro") == true)
        #expect(result.stdout.contains("Read-only file system"))
    }

    @Test func propagationOfWhatIsMounted() throws {
        let root = try BusyboxRoot()
        let shared = try xmountapi(root, ["--propagation=shared", "--tmpfs=/srv"], then: "cat /proc/self/mountinfo", setup: "mount -t proc proc \(root.path)/proc")
        #expect(shared.status == 0, "\(shared)")
        #expect(MountInfo(shared.stdout)["/srv"]?.optionalFields.first?.hasPrefix("shared:") == true, "\(shared)")
    }
}
