import Foundation
import Testing

/// xmountapi as the first step of an initramfs /init (--initramfs, --mount),
/// in the simulated initramfs of Fixtures/initramfs.sh (a tmpfs made the root
/// of a private mount namespace, its /proc, /dev and /run taken away first),
/// with a real block device: a loop device on an ext2 image with a label.
@Suite(.enabled(if: isRoot, "loop devices and the initial-namespace mounts need root"), .serialized)
struct XmountapiInitramfsTests {
    /// An ext2 image labelled `label` holding /marker, on a loop device.
    final class LoopDisk {
        let directory: TemporaryDirectory
        let device: String
        let uuid: String

        init(label: String) throws {
            directory = try TemporaryDirectory()
            let content = directory.path + "/content"
            try FileManager.default.createDirectory(atPath: content, withIntermediateDirectories: true)
            try "on the disk\n".write(toFile: content + "/marker", atomically: true, encoding: .utf8)
            let image = directory.path + "/disk.img"
            let made = try run(["mke2fs", "-q", "-F", "-t", "ext2", "-L", label, "-d", content, image, "8M"])
            try #require(made.status == 0, "mke2fs: \(made)")
            let attached = try run(["losetup", "--find", "--show", image])
            try #require(attached.status == 0, "losetup: \(attached)")
            device = attached.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            uuid = try run(["blkid", "-s", "UUID", "-o", "value", device]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        deinit { _ = try? run(["losetup", "-d", device]) }
    }

    /// Runs `command` with /bin/sh in the simulated initramfs, where
    /// /bin/xmountapi is the multicall binary and /proc, /dev and /run are
    /// not mounted (as when the kernel starts /init).
    func inInitramfs(_ command: String) throws -> Outcome {
        let work = try TemporaryDirectory()
        let bare = "ln -s xchroot /bin/xmountapi; umount -l /proc /run /dev; " + command
        return try run(inPrivateMountNamespace(["sh", Package.fixtures + "/initramfs.sh", Package.tool("xns"),
                                                Package.makeBusyboxRoot, work.path, bare]))
    }

    static let report = #"while read -r s d t o r; do case $d in /proc|/sys|/dev|/dev/pts|/dev/shm|/run|/sysroot) echo "$d $t ${o%%,*}";; esac; done < /proc/self/mounts; grep -c kcore /proc/self/mountinfo; cat /sysroot/marker"#

    @Test func mountsWhatAnInitNeedsAndTheRootReadOnly() throws {
        let disk = try LoopDisk(label: "xnsinit\(getpid() % 1000)")
        for source in ["LABEL=xnsinit\(getpid() % 1000)", "UUID=\(disk.uuid)", disk.device] {
            let result = try inInitramfs("/bin/xmountapi --initramfs --mount=\(source):/sysroot -- sh -c '\(Self.report)'")
            #expect(result.status == 0, "\(source)\n\(result)")
            #expect(result.stdout == """
                /proc proc rw
                /sys sysfs rw
                /dev devtmpfs rw
                /dev/pts devpts rw
                /dev/shm tmpfs rw
                /run tmpfs rw
                /sysroot ext2 ro
                0
                on the disk

                """, "\(source)\n\(result)")
        }
    }

    @Test func optionsChooseTypeAndWritability() throws {
        let disk = try LoopDisk(label: "xnsrw\(getpid() % 1000)")
        let result = try inInitramfs("/bin/xmountapi --initramfs --mount=\(disk.device):/sysroot:ext2:rw,noexec -- sh -c 'touch /sysroot/written && grep \" /sysroot \" /proc/self/mounts | cut -d\" \" -f3-4'")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("ext2 rw,noexec"), "\(result)")
    }

    /// Read-only is the disk's file system, not only the mount (as mount -o
    /// ro): the superblock options in mountinfo say ro, so nothing is
    /// written to the disk, by both mount APIs. A second mount of the disk
    /// that wants the other state is refused, and the hint says why.
    @Test(arguments: ["new", "legacy"]) func readOnlyIsTheFileSystemNotOnlyTheMount(api: String) throws {
        let disk = try LoopDisk(label: "xnsro\(getpid() % 1000)")
        let superOptions = #"awk '$5 == "/sysroot" { for (i = 7; i <= NF; i++) if ($i == "-") { split($(i + 3), o, ","); print $5, $6, o[1] } }' /proc/self/mountinfo"#
        let result = try inInitramfs("export XNS_MOUNT_API=\(api); /bin/xmountapi --initramfs --mount=\(disk.device):/sysroot && \(superOptions); /bin/xmountapi --force --mount=\(disk.device):/again::rw; echo status=$?")
        #expect(result.stdout == "/sysroot ro,relatime ro\nstatus=125\n", "\(result)")
        #expect(result.stderrLines == ["xmountapi: --mount: cannot mount \(disk.device) (ext2) on '/again': Device or resource busy",
                                       "hint: the device is in use: mounted already, read-only where this asks read-write or the other way round (mount it the same way), or held by another user of the disk (RAID, LVM, a loop)"],
                "\(result)")
    }

    @Test func aMissingDeviceTimesOutWithOneLineAndUndoesEverything() throws {
        let result = try inInitramfs("/bin/xmountapi --initramfs --mount=LABEL=xns-no-such-disk:/sysroot --wait=0.5 true; echo status=$?; for f in /proc/self /sys/kernel /dev/null; do test -e $f && echo $f is there; done; ls -A /run | wc -l; test -e /sysroot && echo /sysroot is left")
        #expect(result.stdout == "status=125\n0\n", "\(result)")
        #expect(result.stderrLines.first == "xmountapi: --mount: no device LABEL=xns-no-such-disk appeared in 0.5 s", "\(result)")
    }

    @Test func refusesOnARunningSystemsRoot() throws {
        // The host's root is no ramfs or tmpfs: --initramfs would cover its /proc and /dev.
        let result = try run(inPrivateMountNamespace([Package.xmountapi, "--initramfs", "true"]))
        #expect(result.status == 125, "\(result)")
        #expect(result.stderrLines.first == "xmountapi: --initramfs: refusing to mount over the API file systems of a running system: the root is not a ramfs or tmpfs", "\(result)")
    }

    @Test func badMountValuesAreUsageErrors() throws {
        for (value, line) in [("/dev/vda", "xmountapi: --mount: '/dev/vda' is not SOURCE:DEST[:FSTYPE[:OPTIONS]]"),
                              (":/sysroot", "xmountapi: --mount: ':/sysroot' is not SOURCE:DEST[:FSTYPE[:OPTIONS]]")] {
            let result = try run(inPrivateMountNamespace([Package.xmountapi, "--mount=" + value, "true"]))
            #expect(result.status == 125 && result.stderrLines.first == line, "\(result)")
        }
        let wait = try run([Package.xmountapi, "--wait=soon", "true"])
        #expect(wait.status == 125 && wait.stderrLines.first == "xmountapi: --wait: 'soon' is not a number of seconds", "\(wait)")
    }

    /// What made `xmountapi --force --proc` fail in a real initramfs on
    /// Debian's 6.1 kernel ("cannot hide '/proc/kcore': Invalid argument"):
    /// before Linux 6.15, open_tree cannot clone a node out of the detached
    /// tmpfs the hidden nodes come from. There the tmpfs is attached to a
    /// directory made for it first; XNS_MOUNT_SCRATCH=attached takes that
    /// way on this kernel too, in the initramfs and in a container.
    @Test func hidesProcFilesTheOlderKernelsWay() throws {
        let check = #"for f in kcore kallsyms keys sysrq-trigger timer_list; do [ -e /proc/$f ] && { [ -s /proc/$f ] && echo "$f readable" || echo "$f hidden"; }; done; ls -a / | grep -c xns-inaccessible"#
        let initramfs = try inInitramfs("XNS_MOUNT_SCRATCH=attached /bin/xmountapi --force --root=/ --proc --sys --dev --run -- sh -c '\(check)'")
        #expect(initramfs.status == 1 && !initramfs.stdout.contains("readable") && initramfs.stdout.hasSuffix("hidden\n0\n"), "\(initramfs)")
        let root = try BusyboxRoot()
        let container = try run(inPrivateMountNamespace([Package.xmountapi, "--api", "--root=" + root.path, "--", "sh", "-c", check]),
                                environment: ["XNS_MOUNT_SCRATCH": "attached"])
        #expect(!container.stdout.contains("readable") && container.stdout.hasSuffix("hidden\n0\n"), "\(container)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/.xns-inaccessible-"), "\(container)")
    }
}
