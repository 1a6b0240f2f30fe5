import Foundation
import Testing

/// --switch-root, in a simulated initramfs (Fixtures/initramfs.sh): a tmpfs
/// made the root of a private mount namespace, with the real root on /newroot.
@Suite struct XchrootSwitchRootTests {
    /// Runs `command` with /bin/sh inside the simulated initramfs.
    func inInitramfs(_ command: String) throws -> Outcome {
        let work = try TemporaryDirectory()
        return try run(inPrivateMountNamespace(["sh", Package.fixtures + "/initramfs.sh", Package.xchroot,
                                                Package.makeBusyboxRoot, work.path, command]))
    }

    @Test func switchesMovesTheAPIMountsAndFreesTheInitramfs() throws {
        let result = try inInitramfs("exec /bin/xchroot --switch-root /newroot /sbin/init first second")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            init: /sbin/init first second
            root-fs: tmpfs
            marker: inside the real root
            proc: mounted
            run: 1
            dev: 0
            old-root-entries: 0
            cwd: /

            """, "\(result)")
    }

    @Test func consoleAndWorkingDirectoryApplyInTheNewRoot() throws {
        // fd 8 keeps the test's stdout, so the init can show what reached its console.
        let result = try inInitramfs("exec 8>&1; : > /newroot/console; exec /bin/xchroot --switch-root --console=/console --wd=/etc /newroot /bin/sh -c 'pwd; cat marker; cat /console >&8'")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "/etc\ninside the real root\n", "\(result)")
    }

    @Test func refusesOnANormalRootAndTouchesNothing() throws {
        let root = try BusyboxRoot()
        let script = "\(Package.xchroot) --switch-root \(root.path) /sbin/init; echo status=$?; test -r /proc/self/status && echo proc-still-mounted"
        let result = try run(inPrivateMountNamespace(["sh", "-c", script]))
        #expect(result.stdout == "status=125\nproc-still-mounted\n", "\(result)")
        #expect(result.stderrLines.first == "xchroot: refusing to switch root: the current root is not an initramfs (ramfs or tmpfs)")
    }

    @Test func refusesANewRootThatIsNotAMountPoint() throws {
        let result = try inInitramfs("/bin/xchroot --switch-root /newroot/etc /sbin/init; echo status=$?; test -r /proc/self/status && echo proc-still-mounted")
        #expect(result.stdout == "status=125\nproc-still-mounted\n", "\(result)")
        #expect(result.stderrLines.first == "xchroot: refusing to switch root: '/newroot/etc' is not a mount point")
    }

    @Test func refusesANewRootOnTheSameFileSystem() throws {
        let result = try inInitramfs("mkdir /same && mount --bind /junk /same; /bin/xchroot --switch-root /same /sbin/init; echo status=$?")
        #expect(result.stdout == "status=125\n", "\(result)")
        #expect(result.stderrLines.first == "xchroot: refusing to switch root: '/same' is on the same file system as the current root")
    }

    @Test func refusesAMissingInitBeforeMovingAnything() throws {
        let result = try inInitramfs("/bin/xchroot --switch-root /newroot /sbin/no-init; echo status=$?; grep -c ' /proc ' /proc/self/mounts")
        #expect(result.stdout == "status=127\n1\n", "\(result)")
        #expect(result.stderrLines == ["xchroot: refusing to switch root: cannot find the init '/sbin/no-init' in '/newroot': No such file or directory"])
    }

    @Test func refusesAnInitWhoseInterpreterIsMissing() throws {
        let result = try inInitramfs("printf '#!/bin/bash\\n' > /newroot/sbin/init; /bin/xchroot --switch-root /newroot /sbin/init; echo status=$?")
        #expect(result.stdout == "status=126\n", "\(result)")
        #expect(result.stderrLines == ["xchroot: refusing to switch root: the init '/sbin/init' in '/newroot' needs '/bin/bash', which is missing there"])
    }

    @Test func needsAnInitCommand() throws {
        let result = try run([Package.xchroot, "--switch-root", "/"])
        #expect(result.status == 125)
        #expect(result.stderrLines.first == "xchroot: --switch-root needs the init COMMAND to run inside NEWROOT")
    }

    @Test func forceSkipsOnlyTheRAMCheck() throws {
        // With --force on a normal root the mount-point check still refuses.
        let root = try BusyboxRoot()
        let result = try run(inPrivateMountNamespace([Package.xchroot, "--switch-root", "--force", root.path, "/sbin/init"]))
        #expect(result.status == 125)
        #expect(result.stderrLines.first == "xchroot: refusing to switch root: '\(root.path)' is not a mount point")
    }
}
