import Foundation
import Testing

/// The tree of demos/make-debian-tree, built on first use (nil, with the
/// reason printed, where debootstrap or the mirror is missing).
let debianTree: String? = {
    guard isRoot, let made = try? run([Package.root + "/demos/make-debian-tree"]) else { return nil }
    guard made.status == 0 else {
        print("SystemdBootTests skipped: \(made.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        return nil
    }
    return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}()

/// A Debian tree booted through the chain, as systemd-nspawn -b boots it:
/// systemd as PID 1 reaches multi-user.target on the console, is running,
/// and ends cleanly on SIGTERM to the chain, on poweroff and on reboot, with
/// nothing left (mounts, processes, cgroup). The tree is built once by
/// demos/make-debian-tree (debootstrap, from the Debian mirror) and kept in
/// /var/cache/xns-tests; where it cannot be had the suite is skipped, and the
/// reason is printed.
@Suite(.enabled(if: isRoot, "boots a tree as root"),
       .enabled("needs a Debian tree: debootstrap and the Debian mirror (demos/make-debian-tree)") { debianTree != nil },
       .serialized)
struct SystemdBootTests {
    static var tree: String? { debianTree }

    /// The chain of README's "Booting an OS tree", with the console on the
    /// test's output (read-only: nothing typed).
    static func chain(_ tree: String) -> [String] {
        [Package.xunshare, "--mount", "--uts", "--ipc", "--net", "--pid", "--fork", "--cgroup", "--hostname=xnsboot",
         "--boot", "--delegate-cgroup", "--console=read-only", "--",
         Package.xmountapi, "--root=" + tree, "--api", "--cgroup=rw", "--console", "--container=xns", "--",
         Package.xchroot, "--keep-caps=container,net_admin", "--pivot-root", tree, "/sbin/init"]
    }

    /// A booted tree: the chain in the background, up to multi-user.target.
    final class Booted {
        let chain: Background
        let initPID: pid_t
        let cgroup: String?
        /// The init's mount namespace (readlink of /proc/PID/ns/mnt): when
        /// the chain has ended, no process may be left in it.
        let mountNamespace: String
        /// An fd on that namespace, held until the test is done: a freed
        /// namespace's inode number is given to the next one made, so
        /// without it another test's new mount namespace could carry the
        /// same name.
        private let mountNamespaceHandle: Int32

        /// Runs as nobody.
        let rootless: Bool

        /// `arguments`: the chain, or what runs it (the pid stays xunshare's:
        /// every wrapper execs); `cgroupBase`: where xunshare makes xns-PID.
        init(_ arguments: [String], cgroupBase: String? = ownCgroupDirectory, rootless: Bool = false) throws {
            // TERM reaches the init (for its console), as systemd-nspawn passes it.
            chain = try Background(arguments, environment: environment(["TERM": "vt220"]))
            self.rootless = rootless
            let chain = self.chain
            cgroup = cgroupBase.map { $0 + "/xns-\(chain.pid)" }
            // xunshare's child once it is systemd (its first children can be
            // the helpers that write the id maps).
            initPID = try waitFor("the init below xunshare\n\(chain.output)") {
                children(of: chain.pid).first { processName($0) == "systemd" }
            }
            let handle = open("/proc/\(initPID)/ns/mnt", O_RDONLY | O_CLOEXEC)
            mountNamespaceHandle = handle
            do {
                try #require(handle >= 0, "an fd on the init's mount namespace")
                mountNamespace = try #require(namespace("mnt", of: initPID))
                try waitFor("multi-user.target on the console", seconds: 60) {
                    // Colours (systemd's, for TERM) can sit inside the line.
                    chain.output.replacingOccurrences(of: "\u{1b}\\[[0-9;]*m", with: "", options: .regularExpression)
                        .contains("Reached target multi-user.target") ? true : nil
                }
            } catch {
                if handle >= 0 { close(handle) }
                throw error
            }
        }

        /// `command` in every namespace of the init, through xnsenter.
        func enter(_ command: [String]) throws -> Outcome {
            let enter = [Package.xnsenter, "--target", String(initPID), "--all", "--"] + command
            return try run(rootless ? asNobody(enter) : enter)
        }

        /// Waits for the chain to end (60 s at most) and returns its status.
        func ended() throws -> Int32 {
            let process = chain.process
            try waitFor("the chain to end\n\(chain.output.suffix(2000))", seconds: 60) { process.isRunning ? nil : true }
            return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        }

        deinit {
            // A failed test killed the chain: its cgroup stays; remove it here.
            if let cgroup { removeCgroupTree(cgroup) }
            if mountNamespaceHandle >= 0 { close(mountNamespaceHandle) }
        }
    }

    /// Nothing of the boot is left: no process in its mount namespace (the
    /// namespace, and every mount in it, went with the last), no mount of
    /// the tree out here, no cgroup.
    func expectNothingLeft(_ tree: String, _ booted: Booted) throws {
        let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        #expect(!mounts.contains(tree), "mounts of the tree are left in the host's namespace")
        let inside = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.filter {
            namespace("mnt", of: $0) == booted.mountNamespace
        }
        #expect(inside.isEmpty, "processes are left in the boot's mount namespace: \(inside.map { "\($0) \(processName($0) ?? "?")" })")
        if let cgroup = booted.cgroup { #expect(!FileManager.default.fileExists(atPath: cgroup), "\(cgroup) is left") }
    }

    @Test func bootsToMultiUserAndStopsOnSigterm() throws {
        let tree = try #require(Self.tree)
        let booted = try Booted(Self.chain(tree))
        // What the init was given (systemd's container interface).
        let seen = try booted.enter(["sh", "-c", """
            tr '\\0' '\\n' < /proc/1/environ | grep -E '^(container=|container_uuid=|TERM=)' | sed 's/^container_uuid=.*/container_uuid/' | sort | tr '\\n' ' '; echo
            cat /run/host/container-manager; stat -c %F /dev/console; stat -f -c %T /sys/fs/cgroup; hostname
            test -d /sys/fs/cgroup/init.scope && echo init.scope
            """])
        // The host name is the tree's /etc/hostname: systemd sets it at boot (over --hostname).
        let hostname = (try? String(contentsOfFile: tree + "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "xnsboot"
        #expect(seen.stdout == "TERM=vt220 container=xns container_uuid \nxns\ncharacter special file\ncgroup2fs\n\(hostname)\ninit.scope\n", "\(seen)\n\(booted.chain.output.suffix(3000))")
        // xchroot --keep-caps=container,net_admin: nspawn's set (net_admin for the private network).
        let bounding = try booted.enter(["sed", "-n", "s/^CapBnd:\t//p", "/proc/1/status"])
        let mask = UInt64(bounding.stdout.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16) ?? 0
        for (capability, kept) in [(21, true), (12, true), (6, true), (16, false), (17, false), (25, false), (33, false)] {
            #expect((mask >> capability) & 1 == (kept ? 1 : 0), "capability \(capability) in CapBnd \(bounding.stdout)")
        }
        // running, or degraded with the units that failed named.
        let state = try booted.enter(["timeout", "30", "systemctl", "is-system-running", "--wait"])
        let failed = try booted.enter(["systemctl", "--failed", "--no-legend", "--plain"])
        #expect(state.stdout == "running\n", "failed units: \(failed.stdout)\n\(state)")
        kill(booted.chain.pid, SIGTERM)
        #expect(try booted.ended() == 0, "\(booted.chain.output.suffix(2000))")
        #expect(booted.chain.output.contains("Halting system."), "systemd halted: \(booted.chain.output.suffix(2000))")
        try expectNothingLeft(tree, booted)
    }

    @Test(arguments: [("poweroff", Int32(0)), ("reboot", 133)])
    func poweroffAndRebootInsideEndTheChain(command: String, status: Int32) throws {
        let tree = try #require(Self.tree)
        let booted = try Booted(Self.chain(tree))
        _ = try booted.enter(["systemctl", "--no-block", command])
        #expect(try booted.ended() == status, "\(booted.chain.output.suffix(2000))")
        try expectNothingLeft(tree, booted)
    }

    /// A tree without a machine id (an empty /etc/machine-id, read-only, and
    /// no D-Bus copy): systemd makes a transient one from container_uuid, as
    /// under nspawn, and the tree is not written.
    @Test func aTreeWithoutAMachineIDGetsATransientOne() throws {
        let tree = try #require(Self.tree)
        let scratch = try TemporaryDirectory()
        let empty = scratch.file("machine-id")
        try "".write(toFile: empty, atomically: false, encoding: .utf8)
        var chain = Self.chain(tree)
        let container = try #require(chain.firstIndex(of: "--container=xns"))
        // systemd takes D-Bus's copy of the id first, where the tree has one.
        chain.insert(contentsOf: ["--ro-bind=\(empty):/etc/machine-id", "--inaccessible=/var/lib/dbus/machine-id"], at: container)
        let booted = try Booted(chain)
        let seen = try booted.enter(["sh", "-c", "tr '\\0' '\\n' < /proc/1/environ | sed -n 's/^container_uuid=//p' | tr -d -; cat /etc/machine-id"])
        let lines = seen.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0].count == 32 && lines[0] == lines[1], "\(seen)")
        #expect(try String(contentsOfFile: empty, encoding: .utf8) == "", "the tree's file is not written")
        kill(booted.chain.pid, SIGTERM)
        #expect(try booted.ended() == 0, "\(booted.chain.output.suffix(2000))")
    }

    /// The tree as `xunshare --map-root-user --map-auto` maps it for nobody
    /// with the range 100000-165534: root's files are nobody's, uid and gid N
    /// are 99999+N. A copy, made once next to the tree.
    static func rootlessTree(_ tree: String) throws -> String {
        let shifted = tree + "-nobody-100000"
        if FileManager.default.fileExists(atPath: shifted + "/etc/os-release") { return shifted }
        let copied = try run(["sh", "-c", "rm -rf \"$1.tmp\" && cp -a \"$2\" \"$1.tmp\"", "sh", shifted, tree])
        try #require(copied.status == 0, "\(copied)")
        func moved(_ id: UInt32) -> UInt32 { id == 0 ? 65534 : id < 65536 ? 99999 + id : id }
        let top = shifted + ".tmp"
        var paths = [top]
        if let walker = FileManager.default.enumerator(atPath: top) {
            while let relative = walker.nextObject() as? String { paths.append(top + "/" + relative) }
        }
        for path in paths {
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            lchown(path, moved(status.st_uid), moved(status.st_gid))
            // chown clears set-user-id and set-group-id bits: put them back.
            if status.st_mode & S_IFMT != S_IFLNK, status.st_mode & 0o6000 != 0 { chmod(path, status.st_mode & 0o7777) }
        }
        try FileManager.default.moveItem(atPath: top, toPath: shifted)
        return shifted
    }

    /// systemd-nspawn -U's case: as nobody, in a user namespace with a full
    /// 65536 range (--map-root-user --map-auto, through newuidmap, from an
    /// /etc/subuid bound for the test), in a cgroup that root delegated to
    /// nobody (as systemd's Delegate=yes does for a user's manager).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/newuidmap"), "rootless needs newuidmap and newgidmap (uidmap)"))
    func bootsRootlessAsNobody() throws {
        let tree = try Self.rootlessTree(try #require(Self.tree))
        let scratch = try TemporaryDirectory()
        try "nobody:100000:65536\n".write(toFile: scratch.file("subuid"), atomically: true, encoding: .utf8)
        try "nobody:100000:65536\n".write(toFile: scratch.file("subgid"), atomically: true, encoding: .utf8)
        let scratchCgroup = try ScratchCgroup("nobody")
        let delegated = scratchCgroup.path
        try FileManager.default.createDirectory(atPath: delegated, withIntermediateDirectories: false)
        for file in ["", "/cgroup.procs", "/cgroup.subtree_control", "/cgroup.threads"] { chown(delegated + file, 65534, 65534) }
        var chain = Self.chain(tree)
        chain.insert(contentsOf: ["--user", "--map-root-user", "--map-auto"], at: 1)
        let script = "mount --bind \(scratch.file("subuid")) /etc/subuid && mount --bind \(scratch.file("subgid")) /etc/subgid && echo $$ > \(delegated)/cgroup.procs && exec \"$@\""
        let booted = try Booted(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh"] + asNobody(chain),
                                cgroupBase: delegated, rootless: true)
        let state = try booted.enter(["timeout", "30", "systemctl", "is-system-running", "--wait"])
        let failed = try booted.enter(["systemctl", "--failed", "--no-legend", "--plain"])
        #expect(state.stdout == "running\n", "failed units: \(failed.stdout)\n\(state)")
        let maps = try booted.enter(["sh", "-c", "tr -s ' ' < /proc/1/uid_map; stat -c %U /etc/passwd"])
        #expect(maps.stdout == " 0 65534 1\n 1 100000 65535\nroot\n", "\(maps)")
        kill(booted.chain.pid, SIGTERM)
        #expect(try booted.ended() == 0, "\(booted.chain.output.suffix(2000))")
        try expectNothingLeft(tree, booted)
    }
}
