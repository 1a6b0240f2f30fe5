import Glibc
import Testing
import XCommandLine
import XCore
import XMount
@testable import xmountapi

/// The plan xmountapi builds from its command line: in order, syntax only.
@Suite struct MountPlanTests {
    /// The steps of an xmountapi command line, parsed by its own table.
    func plan(_ arguments: [String]) throws(XError) -> [MountStep] {
        guard case .run(let line) = try CommandLineParser.parse(arguments, XMountAPI.table) else { return [] }
        return try MountPlan.steps(XMountAPI(line).stepOptions)
    }

    @Test func stepsFollowTheCommandLineOrder() throws {
        let steps = try plan(["--tmpfs=/srv", "--root", "/r", "--ro-bind", "/usr:/usr", "--read-write=/usr/local", "--dir=/srv/x", "--", "--tmp"])
        #expect(steps.map(\.option) == ["--tmpfs", "--ro-bind", "--read-write", "--dir"])
        #expect(steps[1].action == .bind(source: "/usr", destination: "/usr", flags: MountFlags(readOnly: true, noSetuid: true, noDevices: true),
                                         ifExists: false, idmap: nil))
        #expect(steps[2].action == .readWrite("/usr/local"))
    }

    @Test func apiIsTheNspawnSet() throws {
        let steps = try plan(["--api"])
        #expect(steps.map(\.description) == [
            "mount proc on /proc (nosuid,nodev,noexec)",
            "make /proc/sys read-only, hide /proc/kcore, /proc/kallsyms, /proc/keys, /proc/sysrq-trigger, /proc/timer_list",
            "mount sysfs on /sys (ro,nosuid,nodev,noexec)",
            "mount tmpfs on /dev (nosuid,noexec,mode=0755,size=4m)",
            "make null, zero, full, random, urandom, tty and the symlinks fd, stdin, stdout, stderr, ptmx, core in /dev",
            "mount devpts on /dev/pts (nosuid,noexec,newinstance,ptmxmode=0666,mode=0620)",
            "mount tmpfs on /dev/shm (nosuid,nodev,mode=1777)",
            "mount mqueue on /dev/mqueue (nosuid,nodev,noexec), where the kernel allows it",
            "mount tmpfs on /run (nosuid,nodev,mode=0755)",
            "mount tmpfs on /tmp (nosuid,nodev,mode=1777)",
        ])
    }

    @Test func optionalValues() throws {
        #expect(try plan(["--proc"]).first?.description == "mount proc on /proc (nosuid,nodev,noexec)")
        #expect(try plan(["--proc=/p"]).first?.description == "mount proc on /p (nosuid,nodev,noexec)")
        #expect(try plan(["--cgroup"]).first?.description == "mount cgroup2 on /sys/fs/cgroup (ro,nosuid,nodev,noexec)")
        #expect(try plan(["--cgroup=rw"]).first?.description == "mount cgroup2 on /sys/fs/cgroup (rw,nosuid,nodev,noexec)")
        // A bare --proc followed by a word: the word is COMMAND, not DEST.
        guard case .run(let line) = try CommandLineParser.parse(["--proc", "ls", "--proc"], XMountAPI.table) else {
            Issue.record("not a run")
            return
        }
        #expect(line.command == ["ls", "--proc"])
        #expect(try plan(["--proc", "ls", "--proc"]).map(\.description) == ["mount proc on /proc (nosuid,nodev,noexec)", "make /proc/sys read-only, hide /proc/kcore, /proc/kallsyms, /proc/keys, /proc/sysrq-trigger, /proc/timer_list"])
    }

    @Test func tmpfsOptionsAreSplitByLibmount() throws {
        let step = try #require(try plan(["--tmpfs=/srv:size=1m,ro,mode=0700,suid,noatime"]).first)
        guard case .fileSystem(_, _, let destination, let options, _) = step.action else { Issue.record("not a file system"); return }
        #expect(destination == "/srv")
        #expect(options.flags == MountFlags(readOnly: true, noSetuid: false, noDevices: true, accessTime: .noatime))
        #expect(options.parameters == [FileSystemParameter("size", "1m"), FileSystemParameter("mode", "0700")])
    }

    @Test func bindForms() throws {
        let steps = try plan(["--bind=/a:/b", "--dev-bind=/dev:/dev", "--ro-bind-try=/x:/y", "--bind=/h:/home:idmap", "--bind=/h:/h2:idmap=/proc/7/ns/user", "--host=etc,/usr"])
        #expect(steps[0].action == .bind(source: "/a", destination: "/b", flags: MountFlags(noSetuid: true, noDevices: true), ifExists: false, idmap: nil))
        #expect(steps[1].action == .bind(source: "/dev", destination: "/dev", flags: MountFlags(noSetuid: true), ifExists: false, idmap: nil))
        #expect(steps[2].description == "bind /x on /y recursively (ro,nosuid,nodev, if it exists)")
        #expect(steps[3].description == "bind /h on /home recursively (nosuid,nodev, idmapped)")
        #expect(steps[4].description == "bind /h on /h2 recursively (nosuid,nodev, idmapped by /proc/7/ns/user)")
        #expect(steps.dropFirst(5).map(\.description) == MountPlan.hostFiles.map { "bind /etc/\($0) on /etc/\($0) recursively (ro,nosuid,nodev, if it exists)" }
                + ["bind /usr on /usr recursively (ro,nosuid,nodev, if it exists)"])
    }

    @Test func overlayForms() throws {
        let steps = try plan(["--overlay=/l1:/l2:/u:/w:/d", "--ro-overlay=/l1:/l2:/d2"])
        #expect(steps[0].action == .overlay(lower: ["/l1", "/l2"], upper: "/u", work: "/w", destination: "/d"))
        #expect(steps[1].action == .overlay(lower: ["/l1", "/l2"], upper: nil, work: nil, destination: "/d2"))
    }

    @Test(arguments: [
        (["--bind=/onlysource"], "--bind: '/onlysource' is not SRC:DEST"),
        (["--bind=:/x"], "--bind: ':/x' is not SRC:DEST"),
        (["--bind=/a:/b:rw"], "--bind: unknown bind option 'rw' in '/a:/b:rw'"),
        (["--overlay=/l:/u:/d"], "--overlay: '/l:/u:/d' is not LOWER[:LOWER...]:UPPER:WORK:DEST: an overlay with an upper directory needs a work directory"),
        (["--overlay=/l::/w:/d"], "--overlay: UPPER is empty in '/l::/w:/d'"),
        (["--ro-overlay=/d"], "--ro-overlay: '/d' is not LOWER[:LOWER...]:DEST"),
        (["--tmpfs=/x:bind"], "--tmpfs: option 'bind' is not supported here (in '/x:bind')"),
        (["--tmpfs=/x:x-systemd.automount"], "--tmpfs: option 'x-systemd.automount' is a mount(8)/fstab option, not a mount option (in '/x:x-systemd.automount')"),
        (["--symlink=nodest"], "--symlink: 'nodest' is not TARGET:DEST"),
        (["--host=shadow"], "--host: unknown entry 'shadow' in 'shadow'"),
        (["--cgroup=yes"], "--cgroup: 'yes' is neither ro nor rw"),
        (["--dir="], "--dir: the path is empty"),
    ])
    func badSyntax(arguments: [String], message: String) {
        #expect(throws: XError.self) { try plan(arguments) }
        do {
            _ = try plan(arguments)
        } catch {
            #expect(error.message == message)
            #expect(error.status == 125)
        }
    }
}

/// Option strings through libmount, and flags rendered for each call.
@Suite struct MountOptionsTests {
    @Test func split() throws {
        let options = try MountOptions.parse("nosuid,size=10%,nr_inodes=0,noexec,huge=within_size,noswap").get()
        #expect(options.flags == MountFlags(noSetuid: true, noExec: true))
        #expect(options.parameters.map(\.text) == ["size=10%", "nr_inodes=0", "huge=within_size", "noswap"])
        #expect(options.description == "nosuid,noexec,size=10%,nr_inodes=0,huge=within_size,noswap")
        #expect(try MountOptions.parse("").get() == MountOptions())
    }

    @Test func refusals() {
        #expect(MountOptions.parse("noauto") == .failure(.init(option: "noauto", reason: "is a mount(8)/fstab option, not a mount option")))
        #expect(MountOptions.parse("remount") == .failure(.init(option: "remount", reason: "is not supported here")))
    }

    @Test func defaultsYieldToWhatWasGiven() {
        let given = MountOptions(flags: MountFlags(noDevices: false), parameters: [FileSystemParameter("mode", "0700")])
        let merged = given.withDefaults([FileSystemParameter("mode", "0755"), FileSystemParameter("size", "1m")], flags: .noSetuidNoDevices)
        #expect(merged.flags == MountFlags(noSetuid: true, noDevices: false))
        #expect(merged.parameters == [FileSystemParameter("size", "1m"), FileSystemParameter("mode", "0700")])
    }

    @Test func flagsAsAttributesAndMountFlags() {
        let flags = MountFlags(readOnly: true, noSetuid: false, noExec: true, accessTime: .noatime)
        let change = flags.attributeChange
        #expect(change.set == 0x1 | 0x8 | 0x10)   // RDONLY|NOEXEC|NOATIME
        #expect(change.clear == 0x2 | 0x70)       // NOSUID|_ATIME
        #expect(flags.legacyFlags == 1 | 8 | 1024) // MS_RDONLY|MS_NOEXEC|MS_NOATIME
        #expect(mountAttributeNames(0x1 | 0x4) == "MOUNT_ATTR_RDONLY|MOUNT_ATTR_NODEV")
        #expect(mountFlagNames(4096 | 16384) == "MS_BIND|MS_REC")
    }
}

/// The mount table as libmount reads it.
@Suite struct MountTableTests {
    @Test func mountPointsUnderAPath() {
        func entry(_ target: String, _ type: String = "tmpfs") -> MountTable.Entry {
            .init(id: 1, parent: 0, target: target, type: type, source: "x", vfsOptions: "rw", fsOptions: "")
        }
        let table = MountTable(entries: [entry("/"), entry("/srv/a/b"), entry("/srv"), entry("/srvx"), entry("/srv/a"), entry("/proc", "proc"), entry("/proc/kcore")])
        #expect(table.mountPoints(under: "/srv") == ["/srv", "/srv/a", "/srv/a/b"])
        #expect(table.overmounts(ofType: "proc", at: "/proc") == ["/proc/kcore"])
        #expect(table.overmounts(ofType: "sysfs", at: "/sys") == [])
    }

    @Test(.enabled(if: access("/proc/self/mountinfo", R_OK) == 0, "reads the mount table from /proc"))
    func readsThisProcessTable() throws {
        let table = try #require(MountTable.read())
        #expect(table.entries.contains { $0.target == "/" })
        #expect(table.entries.contains { $0.target == "/proc" && $0.type == "proc" })
    }
}
