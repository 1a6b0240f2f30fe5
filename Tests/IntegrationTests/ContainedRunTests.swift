import Testing

/// The leftover check the bad-input, fault-injection and differential tests
/// rely on (ContainedRun) sees what a command leaves behind — a mount, a
/// link, a file, a process — and does not count a mount that is gone
/// afterwards (other tests' mounts copied into its namespace are detached
/// by the kernel when their mount points are deleted).
@Suite(.enabled(if: isRoot, "ContainedRun mounts a tmpfs on /run/netns in its own namespaces"))
struct ContainedRunTests {
    @Test func nothingDoneLeavesNothing() throws {
        let run = try ContainedRun(["true"])
        #expect(run.status == "status=0" && run.leftBehind.isEmpty, "\(run.context)")
    }

    @Test(arguments: [
        (["mount", "-t", "tmpfs", "left", "@TMP/root/tmp"], "left"),
        (["ip", "link", "add", "xcr0", "type", "veth", "peer", "name", "xcr1"], "xcr0"),
        (["touch", "@TMP/root/new"], "/root/new"),
        (["sh", "-c", "sleep 5 >/dev/null 2>&1 &"], "PROCESSES LEFT"),
    ])
    func whatIsLeftIsSeen(command: [String], trace: String) throws {
        let run = try ContainedRun(command)
        #expect(run.status == "status=0" && run.leftBehind.contains { $0.contains(trace) }, "\(run.context)")
    }

    @Test func aMountGoneAfterwardsIsNotCounted() throws {
        let run = try ContainedRun(["umount", "-l", "/run/netns/b"])
        #expect(run.status == "status=0" && !run.leftBehind.contains { $0.contains("/run/netns/b") && $0.contains(" - ") },
                "\(run.context)")
    }
}
