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
         Package.xchroot, "--pivot-root", tree, "/sbin/init"]
    }

    /// A booted tree: the chain in the background, up to multi-user.target.
    final class Booted {
        let chain: Background
        let initPID: pid_t
        let cgroup: String?

        init(_ tree: String) throws {
            // TERM reaches the init (for its console), as systemd-nspawn passes it.
            chain = try Background(SystemdBootTests.chain(tree), environment: environment(["TERM": "vt220"]))
            let chain = self.chain
            cgroup = XunshareBootTests.ownCgroupDirectory.map { $0 + "/xns-\(chain.pid)" }
            initPID = try waitFor("the init below xunshare\n\(chain.output)") { children(of: chain.pid).first }
            try waitFor("multi-user.target on the console", seconds: 60) {
                chain.output.contains("Reached target multi-user.target") ? true : nil
            }
        }

        /// `command` in every namespace of the init, through xnsenter.
        func enter(_ command: [String]) throws -> Outcome {
            try run([Package.xnsenter, "--target", String(initPID), "--all", "--"] + command)
        }

        /// Waits for the chain to end (60 s at most) and returns its status.
        func ended() throws -> Int32 {
            let process = chain.process
            try waitFor("the chain to end\n\(chain.output.suffix(2000))", seconds: 60) { process.isRunning ? nil : true }
            return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        }

        deinit {
            // A failed test killed the chain: its cgroup stays; remove it here.
            if let cgroup, FileManager.default.fileExists(atPath: cgroup) {
                _ = try? run(["sh", "-c", "echo 1 > \(cgroup)/cgroup.kill; sleep 0.5; find \(cgroup) -depth -type d -exec rmdir {} +"])
            }
        }
    }

    /// Nothing of the boot is left: no mount of the tree, no process rooted
    /// in it, no cgroup.
    func expectNothingLeft(_ tree: String, _ booted: Booted) throws {
        let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        #expect(!mounts.contains(tree), "mounts of the tree are left")
        let rooted = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.filter {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\($0)/root")) == tree
        }
        #expect(rooted.isEmpty, "processes rooted in the tree are left: \(rooted)")
        if let cgroup = booted.cgroup { #expect(!FileManager.default.fileExists(atPath: cgroup), "\(cgroup) is left") }
    }

    @Test func bootsToMultiUserAndStopsOnSigterm() throws {
        let tree = try #require(Self.tree)
        let booted = try Booted(tree)
        // What the init was given (systemd's container interface).
        let seen = try booted.enter(["sh", "-c", """
            tr '\\0' '\\n' < /proc/1/environ | grep -E '^(container=|container_uuid=|TERM=)' | sed 's/^container_uuid=.*/container_uuid/' | sort | tr '\\n' ' '; echo
            cat /run/host/container-manager; stat -c %F /dev/console; stat -f -c %T /sys/fs/cgroup; hostname
            test -d /sys/fs/cgroup/init.scope && echo init.scope
            """])
        // The host name is the tree's /etc/hostname: systemd sets it at boot (over --hostname).
        let hostname = (try? String(contentsOfFile: tree + "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "xnsboot"
        #expect(seen.stdout == "TERM=vt220 container=xns container_uuid \nxns\ncharacter special file\ncgroup2fs\n\(hostname)\ninit.scope\n", "\(seen)\n\(booted.chain.output.suffix(3000))")
        // running, or degraded with the units that failed named.
        let state = try booted.enter(["systemctl", "is-system-running"])
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
        let booted = try Booted(tree)
        _ = try booted.enter(["systemctl", "--no-block", command])
        #expect(try booted.ended() == status, "\(booted.chain.output.suffix(2000))")
        try expectNothingLeft(tree, booted)
    }
}
