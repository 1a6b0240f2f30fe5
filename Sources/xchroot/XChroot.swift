import XCommandLine
import XCore

/// xchroot, for the multicall binary (Sources/xns).
public let xchrootTool: any ChainTool.Type = XChroot.self

/// xchroot: change the root directory, then exec the next link.
struct XChroot: ChainTool {
    static let name = "xchroot"

    static let table = OptionTable(
        name: name,
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
        keys: Option.self,
        positionals: [PositionalSpec("NEWROOT", help: "The directory that becomes the root.")],
        command: PositionalSpec("COMMAND", help: "The command to run in the new root, with its arguments (default: ${SHELL:-/bin/sh} -i)."))

    enum Option: Int, OptionKey {
        case pivotRoot, switchRoot, force, userspec, groups, skipChdir, wd, console, noNewPrivs, dropCaps, keepCaps

        var spec: OptionSpec {
            switch self {
            case .pivotRoot: return .flag("pivot-root", help: "Change root with pivot_root(2) in a private mount namespace and detach the old root.")
            case .switchRoot: return .flag("switch-root", help: "Switch from an initramfs to NEWROOT (util-linux switch_root semantics, checked before anything is touched).")
            case .force: return .flag("force", help: "With --pivot-root: run even in the host's initial mount namespace. With --switch-root: skip the check that the current root is a ramfs or tmpfs.")
            case .userspec: return .option("userspec", value: "USER:GROUP", help: "Run COMMAND as USER and GROUP, names or ids; names are looked up in the new root.")
            case .groups: return .option("groups", value: "G1,G2,...", help: "Set the supplementary groups to G1,G2,... (names or ids, looked up in the new root).")
            case .skipChdir: return .flag("skip-chdir", help: "Do not change the working directory to / (only with NEWROOT '/', as coreutils chroot).")
            case .wd: return .option("wd", value: "DIR", help: "Change to DIR (inside the new root) before running COMMAND.")
            case .console: return .option("console", value: "DEV", help: "Reopen stdin, stdout and stderr on DEV (inside the new root) before running COMMAND, like busybox switch_root -c.")
            case .noNewPrivs: return .flag("no-new-privs", help: "Set no_new_privs, so COMMAND and its children can never gain privileges through exec (setuid bits, file capabilities).")
            case .dropCaps: return .flag("drop-caps", help: "Drop every capability from every set (bounding, ambient, effective, permitted, inheritable).")
            case .keepCaps: return .option("keep-caps", value: "LIST", help: "Drop every capability but LIST (comma-separated names such as net_bind_service,sys_admin; container: what systemd-nspawn leaves a container); keep those also in the ambient set.")
            }
        }
    }

    var pivotRoot = false
    var switchRoot = false
    var force = false
    var userspec: String?
    var groups: String?
    var skipChdir = false
    var wd: String?
    var console: String?
    var noNewPrivs = false
    var dropCaps = false
    var keepCaps: String?
    var newRoot: String
    var command: [String]

    init(_ line: ParsedCommandLine) throws(XError) {
        newRoot = line.positionals[0]
        command = line.command
        for (key, given) in line.options(Option.self) {
            switch key {
            case .pivotRoot: pivotRoot = true
            case .switchRoot: switchRoot = true
            case .force: force = true
            case .userspec: userspec = given.text
            case .groups: groups = given.text
            case .skipChdir: skipChdir = true
            case .wd: wd = given.text
            case .console: console = given.text
            case .noNewPrivs: noNewPrivs = true
            case .dropCaps: dropCaps = true
            case .keepCaps: keepCaps = given.text
            }
        }
    }
}
