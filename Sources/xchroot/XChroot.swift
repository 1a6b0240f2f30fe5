import ArgumentParser
import Glibc
import XCapabilities
import XCommandLine
import XCore

/// xchroot, for the multicall binary (Sources/xns).
public let xchrootTool: any ChainTool.Type = XChroot.self

/// xchroot: change the root directory, then exec the next link.
struct XChroot: ChainTool {
    static let definition = CommandConfiguration(
        commandName: "xchroot",
        abstract: "Change root (chroot, pivot_root or initramfs switch_root) and run COMMAND.",
        usage: "xchroot [OPTION...] NEWROOT [COMMAND [ARG...]]",
        discussion: """
            Three ways to change root, one per mode:

            chroot (the default, coreutils chroot(1) parity): change directory into NEWROOT, chroot("."), then chdir("/"), so the working directory cannot stay outside. Processes with enough privilege can leave a plain chroot; it is not a security boundary.

            --pivot-root: in a private mount namespace (after xunshare --mount), make NEWROOT a mount point if it is not one, pivot_root(".", ".") and detach the old root, so nothing of it stays reachable. Refused in the host's initial mount namespace unless --force, and when a directory outside NEWROOT is inherited open (COMMAND could leave the root through it).

            --switch-root: for an initramfs /init (util-linux switch_root(8) semantics). Everything is checked before anything is touched: the current root must be a ramfs or tmpfs (--force skips only this check), NEWROOT a mount point of another file system, and COMMAND (the init) must exist and be executable inside NEWROOT. Then /dev, /proc, /sys and /run move into NEWROOT (those without a directory there are detached), NEWROOT moves onto /, the process chroots into it, the old initramfs contents are deleted without crossing into other file systems, and COMMAND is executed.

            After the switch: --wd, --console, --userspec/--groups (names are looked up in the new root's /etc/passwd and /etc/group), --drop-caps/--keep-caps and --no-new-privs apply, in that order, and COMMAND is executed (PATH is searched inside the new root). Without COMMAND, ${SHELL:-/bin/sh} -i runs.

            EXAMPLES
              xchroot /srv/box /bin/sh -c 'echo inside'
              xchroot --userspec=nobody:nogroup /srv/box id
              xunshare --mount -- xchroot --pivot-root --drop-caps \\
                  --no-new-privs /srv/box /bin/sh
              exec xchroot --switch-root --console=/dev/console /newroot /sbin/init

            SEE ALSO
              chroot(1), pivot_root(2), switch_root(8), xunshare(1), xmountapi(1)
            """,
        version: xnsVersion)

    @Flag(help: "Change root with pivot_root(2) in a private mount namespace and detach the old root.")
    var pivotRoot = false

    @Flag(help: "Switch from an initramfs to NEWROOT (util-linux switch_root semantics, checked before anything is touched).")
    var switchRoot = false

    @Flag(help: "With --pivot-root: run even in the host's initial mount namespace. With --switch-root: skip the check that the current root is a ramfs or tmpfs.")
    var force = false

    @Option(help: ArgumentHelp("Run COMMAND as USER and GROUP, names or ids; names are looked up in the new root.", valueName: "USER:GROUP"))
    var userspec: String?

    @Option(help: ArgumentHelp("Set the supplementary groups to G1,G2,... (names or ids, looked up in the new root).", valueName: "G1,G2,..."))
    var groups: String?

    @Flag(help: "Do not change the working directory to / (only with NEWROOT '/', as coreutils chroot).")
    var skipChdir = false

    @Option(help: ArgumentHelp("Change to DIR (inside the new root) before running COMMAND.", valueName: "DIR"))
    var wd: String?

    @Option(help: ArgumentHelp("Reopen stdin, stdout and stderr on DEV (inside the new root) before running COMMAND, like busybox switch_root -c.", valueName: "DEV"))
    var console: String?

    @Flag(help: "Set no_new_privs, so COMMAND and its children can never gain privileges through exec (setuid bits, file capabilities).")
    var noNewPrivs = false

    @Flag(help: "Drop every capability from every set (bounding, ambient, effective, permitted, inheritable).")
    var dropCaps = false

    @Option(help: ArgumentHelp("Drop every capability but LIST (comma-separated names such as net_bind_service,sys_admin); keep those also in the ambient set.", valueName: "LIST"))
    var keepCaps: String?

    @OptionGroup(title: "Teaching")
    var teaching: TeachingOptions

    @Argument(help: ArgumentHelp("The directory that becomes the root.", valueName: "NEWROOT"))
    var newRoot: String

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The command to run in the new root, with its arguments (default: ${SHELL:-/bin/sh} -i).", valueName: "COMMAND"))
    var command: [String] = []

    static var commandFollowsPositional: Bool { true }
}
