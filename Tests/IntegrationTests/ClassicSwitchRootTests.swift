import Foundation
import Testing

/// The binary under its classic name, switch_root (util-linux switch_root(8)),
/// in a simulated initramfs (Fixtures/classic-initramfs.sh): a tmpfs made the
/// root of new, private mount and pid namespaces, holding only busybox and the
/// binary as /sbin/switch_root, whose busybox-sh /init runs as PID 1, mounts
/// /proc, /sys, /dev and /run and a tmpfs "real root" on /newroot, and then
/// calls switch_root the way dracut and initramfs-tools do.
///
/// The /init calls it by path, never as a bare `switch_root`: Debian's
/// busybox-static is built with FEATURE_SH_STANDALONE, so its sh runs its own
/// switch_root applet for a bare name, ahead of any PATH search. A PATH
/// search's argv[0] (the bare name) is given with `exec -a switch_root`.
@Suite(.enabled(if: isRoot, "the cases run in new mount and pid namespaces"))
struct ClassicSwitchRootTests {
    /// The binary as it is built under the classic name.
    static var switchRoot: String { Package.binaries + "/compat/switch_root" }

    /// Runs `step` (busybox sh, sourced by the initramfs's /init as PID 1)
    /// in a fresh simulated initramfs, in mount and pid namespaces of its own
    /// made by util-linux unshare: whatever it mounts or moves vanishes with
    /// them, and every process in it dies with its PID 1, also when a test
    /// fails; `timeout` bounds a switch that hangs.
    func inInitramfs(_ step: String) throws -> Outcome {
        let work = try TemporaryDirectory()
        return try run(["timeout", "--kill-after=5", "120",
                        "/usr/bin/unshare", "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child", "--",
                        "sh", Package.fixtures + "/classic-initramfs.sh", Self.switchRoot, Package.makeBusyboxRoot, work.path, step])
    }

    /// What the real root's /sbin/init reports after a good switch.
    static let switched = """
        pid: 1
        argv: /sbin/init first second
        cmdline: /bin/sh /sbin/init first second \("")
        environment: as given
        env: HOME=/
        env: INITRD_MARK=set by the initramfs
        env: PATH=/sbin:/usr/sbin:/bin:/usr/bin
        env: PWD=/
        env: SHLVL=1
        env: TERM=linux
        root-fs: tmpfs
        marker: inside the real root
        /proc: the same mount
        /dev: the same mount
        /sys: the same mount
        /run: the same mount
        run: initramfs-was-here
        mounts: / /dev /proc /run /sys \("")
        fd 9: the initramfs
        old-root-entries: 0
        cwd: /
        root: /

        """

    @Test func theImageHoldsOnlyBusyboxAndSwitchRoot() throws {
        let result = try inInitramfs("""
            echo "pid: $$"
            find / -xdev -type f -perm -u+x ! -name '*.so*' | sort
            test -e /bin/switch_root || echo "no /bin/switch_root"
            /sbin/switch_root --version | cut -d' ' -f1-4
            """)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            pid: 1
            /bin/busybox
            /init
            /sbin/switch_root
            no /bin/switch_root
            switch_root from util-linux 2.38.1

            """, "\(result)")
        #expect(result.stderr == "", "\(result)")
    }

    /// The ways an /init names it: by full path, by the bare name a PATH
    /// search would pass as argv[0], and by a relative path.
    static let invocations = [
        "exec /sbin/switch_root",
        "exec -a switch_root /sbin/switch_root",
        "exec ./sbin/switch_root",
    ]

    /// PID 1 with the init's argv and the environment it was given; /proc,
    /// /dev, /sys and /run the same mounts (ids and devices noted before),
    /// moved; nothing else mounted; the initramfs emptied; cwd and root /.
    @Test(arguments: invocations)
    func switchesAsPID1MovesTheAPIMountsAndEmptiesTheInitramfs(_ invocation: String) throws {
        let result = try inInitramfs("\(invocation) /newroot /sbin/init first second")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == Self.switched, "\(result)")
        #expect(result.stderr == "", "\(result)")
    }

    /// One refused call: the step before it, the call (run in the /init, not
    /// exec'ed, so the /init reports after it), the status and stderr.
    struct Refusal: CustomTestStringConvertible, Sendable {
        var setup: String
        var call: String
        var status: Int32
        var stderr: [String]
        var testDescription: String { (setup.isEmpty ? "" : setup + "; ") + call }

        init(_ call: String, _ status: Int32, _ stderr: [String], after setup: String = "") {
            self.setup = setup
            self.call = call
            self.status = status
            self.stderr = stderr
        }
    }

    static let tryHelp = "Try 'switch_root --help' for more information."
    static let sorry = "switch_root: failed. Sorry."

    static let refusals: [Refusal] = [
        Refusal("/sbin/switch_root", 1, ["switch_root: not enough arguments", tryHelp]),
        Refusal("/sbin/switch_root /newroot", 1, ["switch_root: not enough arguments", tryHelp]),
        Refusal("(exec -a switch_root /sbin/switch_root /newroot)", 1, ["switch_root: not enough arguments", tryHelp]),
        Refusal("/sbin/switch_root '' /sbin/init", 1, ["switch_root: bad usage", tryHelp]),
        Refusal("/sbin/switch_root /newroot ''", 1, ["switch_root: bad usage", tryHelp]),
        Refusal("/sbin/switch_root /nonexistent /sbin/init", 1,
                ["switch_root: stat of /nonexistent failed: No such file or directory", sorry]),
        // NEWROOT and init are argv[1] and argv[2] as they are.
        Refusal("/sbin/switch_root -- /newroot /sbin/init", 1,
                ["switch_root: stat of -- failed: No such file or directory", sorry]),
        // Not a mount point, though it holds an init: util-linux's move of it onto / fails.
        Refusal("/sbin/switch_root /plain /sbin/init", 1,
                ["switch_root: failed to mount moving /plain to /: Invalid argument", sorry],
                after: "mkdir -p /plain/sbin && cp /newroot/sbin/init /plain/sbin/init"),
        Refusal("/sbin/switch_root /newroot/etc /sbin/init", 1,
                ["switch_root: failed to mount moving /newroot/etc to /: Invalid argument", sorry]),
        Refusal("/sbin/switch_root /newroot /sbin/no-init first", 127,
                ["switch_root: cannot access /sbin/no-init: No such file or directory",
                 "switch_root: failed to execute /sbin/no-init: No such file or directory"]),
        Refusal("/sbin/switch_root /newroot /sbin/init", 126,
                ["switch_root: cannot access /sbin/init: Permission denied",
                 "switch_root: failed to execute /sbin/init: Permission denied"],
                after: "chmod 0644 /newroot/sbin/init"),
        // access(X_OK) passes for root on a directory and on a script whose
        // interpreter is missing: util-linux prints only execv's error.
        Refusal("/sbin/switch_root /newroot /etc", 126,
                ["switch_root: failed to execute /etc: Permission denied"]),
        Refusal("/sbin/switch_root /newroot /sbin/init", 127,
                ["switch_root: failed to execute /sbin/init: No such file or directory"],
                after: "printf '#!/bin/bash\\necho bash\\n' > /newroot/sbin/init"),
    ]

    /// util-linux's status and message lines, and nothing moved: /proc still
    /// mounted in the initramfs, the mount table and the API mounts' ids and
    /// devices unchanged, the initramfs and the real root untouched.
    @Test(arguments: refusals)
    func refusesWithTheUtilLinuxMessagesAndMovesNothing(_ refusal: Refusal) throws {
        let setup = refusal.setup.isEmpty ? "" : refusal.setup + "\n"
        let result = try inInitramfs("\(setup)\(refusal.call); echo \"status=$?\"\nafter_failure")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            status=\(refusal.status)
            proc: still mounted
            mounts: unchanged
            api: unchanged
            initramfs: 301 junk, run initramfs-was-here, newroot marker
            cwd: /

            """, "\(result)")
        #expect(result.stderrLines == refusal.stderr, "\(result)")
    }
}
