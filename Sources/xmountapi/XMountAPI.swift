import XCommandLine
import XCore
import XMount

/// xmountapi, for the multicall binary (Sources/xns).
public let xmountapiTool: any ChainTool.Type = XMountAPI.self

/// xmountapi: mount what a root needs (the API file systems, binds, the
/// file-system policy), then exec the next link.
struct XMountAPI: ChainTool {
    static let name = "xmountapi"

    static let table = OptionTable(
        name: name,
        abstract: "Mount the API file systems, binds and a read-only/inaccessible policy into a root, then run COMMAND.",
        usage: "xmountapi [OPTION...] [--] [COMMAND [ARG...]]",
        discussion: """
            xmountapi mounts what a root needs before xchroot enters it — what systemd-nspawn does implicitly and bubblewrap does with --proc, --dev and --tmpfs — and the file-system policy of systemd's ReadOnlyPaths= and InaccessiblePaths=. Every destination is inside --root (default /), resolved there as the process will see it after changing root: an absolute symlink starts again at the root, and a '..' (written, or in a symlink) that would climb above the root is refused. Missing mount points are created (directories, or empty files for a file bound).

            The options apply in the order they are given, so a later mount can stack on an earlier one (bubblewrap semantics): --ro-bind=/usr:/usr --read-write=/usr/local, or --tmpfs=/srv --dir=/srv/data.

            --api is the nspawn-like set in one flag: /proc (proc nosuid,nodev,noexec, with /proc/sys read-only and kcore, kallsyms, keys, sysrq-trigger and timer_list hidden), /sys (sysfs read-only), /dev (tmpfs mode 0755 with null, zero, full, random, urandom, tty and the symlinks fd, stdin, stdout, stderr, ptmx, core), /dev/pts (devpts newinstance,ptmxmode=0666,mode=0620), /dev/shm (tmpfs 1777), /dev/mqueue (where the kernel allows it: in a user namespace only with an IPC namespace of its own), /run (tmpfs 0755) and /tmp (tmpfs 1777). Each is also an option of its own. --proc, --sys, --dev and --mqueue take an optional =DEST, --cgroup an optional =rw.

            Binds are recursive (the mounts below SRC come along) and their flags are set on the whole tree: a read-only bind has no writable submount. --bind adds nosuid,nodev, --ro-bind ro,nosuid,nodev, --dev-bind only nosuid (as bubblewrap). SRC:DEST:idmap=/proc/PID/ns/user makes an idmapped bind: files appear owned through that user namespace's map (for root preparing a container's root; the file system must support idmapped mounts). SRC:DEST:idmap uses this process's own user namespace, which the kernel accepts only where it is not the initial one and the caller owns the file system. --tmpfs=DEST[:OPTIONS] takes mount(8) options (split by libmount): ro, nosuid, nodev, noexec, noatime… apply to the mount, the rest (size=, mode=, nr_inodes=, uid=, gid=) to tmpfs; the default is mode=0755,nosuid,nodev. --host=LIST binds host files read-only, proot -R style: resolv.conf, hosts, passwd, group, localtime (etc for all five) and absolute host paths; missing ones are skipped.

            Policy: --read-only=PATH makes PATH and every mount below it read-only; --read-write=PATH makes it writable again inside a read-only tree; --inaccessible=PATH covers a directory or file with an empty node of mode 0000 on a read-only tmpfs (as systemd's InaccessiblePaths=; a process with CAP_DAC_OVERRIDE can still read the empty node). --remount-ro=DEST makes only the mount at DEST read-only. Each is a bind of the path onto itself, so undoing it is an unmount and the mounts that were there are left as they were.

            The new mount API is used where the kernel has it: fsopen/fsconfig/fsmount for file systems (the kernel's own message on a bad option is shown), open_tree(OPEN_TREE_CLONE|AT_RECURSIVE) for binds, mount_setattr(AT_RECURSIVE) for flags on a whole tree before it is attached, move_mount to attach onto a handle of the destination. Where a call says ENOSYS (Linux before 5.2, mount_setattr before 5.12) mount(2) is used instead, remounting each mount of a tree (found by libmount in /proc/self/mountinfo); XNS_MOUNT_API=legacy forces that path.

            If any step fails, every mount this run made and every mount point it created is undone, newest first, and the one error line names the option and the path. xmountapi is meant for a private mount namespace (after xunshare --mount); in the host's initial mount namespace it refuses unless --force. Rootless, inside xunshare --user --map-root-user --mount --pid --net --fork, proc, sysfs, tmpfs, devpts, binds, overlay and mount_setattr work; /dev gets the host's nodes bound (mknod is refused there). Without COMMAND, xmountapi exits 0 after mounting.

            EXAMPLES
              xunshare --mount --pid --fork -- xmountapi --api --root=/srv/box \\
                  -- xchroot --pivot-root /srv/box /bin/sh
              xmountapi --root=/srv/box --api --ro-bind=/usr:/usr \\
                  --tmpfs=/var/cache:size=64m,noexec --host=etc --inaccessible=/root
              xmountapi --root=/srv/box --read-only=/ --read-write=/var/lib/app \\
                  --inaccessible=/home -- xchroot --pivot-root /srv/box /bin/sh

            SEE ALSO
              mount(8), mount_namespaces(7), bwrap(1), systemd-nspawn(1), xunshare(1), xchroot(1)
            """,
        keys: Option.self,
        command: PositionalSpec("COMMAND", help: "The command to run after mounting, with its arguments (default: exit 0)."))

    /// The options; those that make mount steps apply in the order given
    /// (`MountPlan`), each under its own name.
    enum Option: Int, OptionKey {
        case root, api, initramfs, proc, sys, dev, devpts, shm, mqueue, run, tmp, cgroup, mount, wait
        case bind, roBind, devBind, bindTry, roBindTry, tmpfs, overlay, roOverlay, dir, symlink
        case remountRo, readOnly, inaccessible, readWrite, host, console, container, propagation, force

        var spec: OptionSpec {
            switch self {
            case .root: return .option("root", value: "DIR", help: "Every destination is inside DIR (default /).", defaultValue: "/")
            case .api: return .flag("api", help: "Mount /proc, /sys, /dev, /dev/pts, /dev/shm, /dev/mqueue, /run and /tmp as systemd-nspawn does.")
            case .initramfs: return .flag("initramfs", help: "For an initramfs /init (PID 1, the initial mount namespace, a ramfs or tmpfs root): proc on /proc, sysfs on /sys, devtmpfs on /dev, devpts on /dev/pts, tmpfs on /dev/shm and /run, without the masks of --api.",
                                          discussion: "It needs no --force: it refuses only where the root is not a ramfs or tmpfs (a running system, whose /proc and /dev it would cover), unless --force.")
            case .mount: return .option("mount", value: "SOURCE:DEST[:FSTYPE[:OPTIONS]]", help: "Mount the block device SOURCE (a path, LABEL=, UUID=, PARTUUID= or PARTLABEL=) on DEST, read-only unless OPTIONS say rw, of type FSTYPE (default: read from the device), waiting for it to appear (see --wait).", repeats: true)
            case .wait: return .option("wait", value: "SECONDS", help: "How long --mount waits for its device to appear, as the kernel's rootdelay= (default 10).", defaultValue: "10")
            case .proc: return .optionalValue("proc", value: "DEST", help: "proc on DEST (default /proc), nosuid,nodev,noexec, /proc/sys read-only and the revealing files hidden.", repeats: true)
            case .sys: return .optionalValue("sys", value: "DEST", help: "sysfs on DEST (default /sys), read-only, nosuid,nodev,noexec.", repeats: true)
            case .dev: return .optionalValue("dev", value: "DEST", help: "A tmpfs on DEST (default /dev) with null, zero, full, random, urandom, tty and the usual symlinks.", repeats: true)
            case .devpts: return .flag("devpts", help: "devpts (newinstance,ptmxmode=0666,mode=0620) on /dev/pts.")
            case .shm: return .flag("shm", help: "A tmpfs (mode 1777) on /dev/shm.")
            case .mqueue: return .optionalValue("mqueue", value: "DEST", help: "The POSIX message queue file system on DEST (default /dev/mqueue).", repeats: true)
            case .run: return .flag("run", help: "A tmpfs (mode 0755) on /run.")
            case .tmp: return .flag("tmp", help: "A tmpfs (mode 1777) on /tmp.")
            case .cgroup: return .optionalValue("cgroup", value: "ro|rw", help: "cgroup2 on /sys/fs/cgroup, read-only unless rw.")
            case .bind: return .option("bind", value: "SRC:DEST", help: "Bind SRC (a host path) on DEST recursively, nosuid,nodev; SRC:DEST:idmap=/proc/PID/ns/user idmaps it.", repeats: true)
            case .roBind: return .option("ro-bind", value: "SRC:DEST", help: "Bind SRC on DEST recursively, read-only (every submount too), nosuid,nodev.", repeats: true)
            case .devBind: return .option("dev-bind", value: "SRC:DEST", help: "Bind SRC on DEST recursively, with device access.", repeats: true)
            case .bindTry: return .option("bind-try", value: "SRC:DEST", help: "Like --bind, but skip a SRC that does not exist.", repeats: true)
            case .roBindTry: return .option("ro-bind-try", value: "SRC:DEST", help: "Like --ro-bind, but skip a SRC that does not exist.", repeats: true)
            case .tmpfs: return .option("tmpfs", value: "DEST[:OPTIONS]", help: "A tmpfs on DEST with mount(8) OPTIONS (default mode=0755,nosuid,nodev).", repeats: true)
            case .overlay: return .option("overlay", value: "LOWER[:LOWER...]:UPPER:WORK:DEST", help: "An overlay on DEST of the host directories LOWER…, with UPPER and its WORK directory.", repeats: true)
            case .roOverlay: return .option("ro-overlay", value: "LOWER[:LOWER...]:DEST", help: "A read-only overlay on DEST of the host directories LOWER… (at least two).", repeats: true)
            case .dir: return .option("dir", value: "DEST", help: "Make the directory DEST (and its parents).", repeats: true)
            case .symlink: return .option("symlink", value: "TARGET:DEST", help: "Make DEST a symlink to TARGET.", repeats: true)
            case .remountRo: return .option("remount-ro", value: "DEST", help: "Make the mount at DEST read-only (not the mounts below it).", repeats: true)
            case .readOnly: return .option("read-only", value: "PATH", help: "Make PATH and every mount below it read-only.", repeats: true)
            case .inaccessible: return .option("inaccessible", value: "PATH", help: "Hide PATH (a directory or a file) under an empty node of mode 0000.", repeats: true)
            case .readWrite: return .option("read-write", value: "PATH", help: "Make PATH and every mount below it writable again (a hole in a read-only tree).", repeats: true)
            case .host: return .option("host", value: "LIST", help: "Bind host files read-only: resolv.conf, hosts, passwd, group, localtime, etc (all five), or absolute paths.", repeats: true)
            case .console: return .flag("console", help: "Bind the terminal on stdin (the pseudo-terminal of xunshare --console) on /dev/console, as systemd-nspawn does; after --api or --dev.")
            case .container: return .option("container", value: "NAME", help: "Tell a booting init it runs in a container (systemd's container interface): container=NAME and container_uuid in COMMAND's environment, NAME in /run/host/container-manager; after --api or --run.",
                                            discussion: "container_uuid is the tree's /etc/machine-id when it has one, as systemd-nspawn makes it, else random: systemd then makes a transient machine id from it, and the tree is not written.")
            case .propagation: return .option("propagation", value: "MODE", help: "Propagation of what is mounted: private (default), slave, shared or unchanged.",
                                              defaultValue: "private", choices: ["private", "slave", "shared", "unchanged"])
            case .force: return .flag("force", help: "Run even in the host's initial mount namespace (or where that cannot be told, without /proc).")
            }
        }
    }

    var root = "/"
    var propagation = "private"
    var force = false
    var initramfs = false
    var deviceWait = 10.0
    /// --container=NAME: the manager's name for COMMAND's environment.
    var containerName: String?
    /// The options that make mount steps, in command-line order, as `MountPlan` reads them.
    var stepOptions: [(name: String, value: String?)] = []
    var command: [String]

    init(_ line: ParsedCommandLine) throws(XError) {
        command = line.command
        for (key, given) in line.options(Option.self) {
            switch key {
            case .root: root = given.text
            case .propagation: propagation = given.text
            case .force: force = true
            case .wait:
                guard let seconds = Double(given.text), seconds >= 0, seconds.isFinite else {
                    throw XError.usage("--wait: \(quoted(given.text)) is not a number of seconds", hint: "for example --wait=30 or --wait=0.5")
                }
                deviceWait = seconds
            case .initramfs:
                initramfs = true
                stepOptions.append(("--" + key.spec.long, given.value))
            case .mount, .api, .proc, .sys, .dev, .devpts, .shm, .mqueue, .run, .tmp, .cgroup, .bind, .roBind, .devBind, .bindTry,
                 .roBindTry, .tmpfs, .overlay, .roOverlay, .dir, .symlink, .remountRo, .readOnly, .inaccessible, .readWrite, .host, .console:
                stepOptions.append(("--" + key.spec.long, given.value))
            case .container:
                containerName = given.text
                stepOptions.append(("--" + key.spec.long, given.value))
            }
        }
    }
}
