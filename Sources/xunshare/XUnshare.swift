import ArgumentParser
import XCommandLine
import XCore

/// xunshare, for the multicall binary (Sources/xns).
public let xunshareTool: any ChainTool.Type = XUnshare.self

/// xunshare: create namespaces (util-linux unshare parity), then exec the next link.
struct XUnshare: ChainTool, NamespaceFileOptions {
    static let definition = CommandConfiguration(
        commandName: "xunshare",
        abstract: "Run COMMAND in new namespaces (util-linux unshare, rootless first, with a real PID 1).",
        usage: "xunshare [OPTION...] [--] [COMMAND [ARG...]]",
        discussion: """
            The first link of most chains. Options have the names and meanings of util-linux unshare(1) 2.38; without COMMAND, ${SHELL:-/bin/sh} runs.

            The order of the steps: the namespaces are created with one unshare(2); the user namespace gets its id maps (setgroups first, then uid_map and gid_map), written by the process itself when it maps only its own ids, otherwise by a helper forked beforehand in the parent user namespace, as root or through newuidmap/newgidmap; a new mount namespace is made private (--propagation); the host name, domain name and clock offsets are set. With --fork a child is forked here (the first process of a new pid namespace). Then --root, --wd, --mount-proc, --setgid, --setuid and --keep-caps apply, and COMMAND is executed.

            A namespace given a FILE (--net=FILE) is kept alive by bind-mounting it on FILE, which must exist; nsenter --net=FILE enters it and umount FILE releases it. The bind mount is made after the new mount namespace is made private, so that, unlike util-linux, a mount namespace can be kept on a file of a shared mount; with --propagation shared, slave or unchanged the new namespace would receive the bind mount itself, and the kernel refuses. The pid and time namespaces are kept through pid_for_children and time_for_children, so they need --fork. If keeping one fails, those already kept are unmounted again, and COMMAND does not run.

            With --fork the parent passes SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH on to the child, waits, and exits with its status, or dies of the signal that killed it. With --init (and --pid --fork) the child is a minimal init, PID 1 of the new pid namespace: it forwards the same signals to COMMAND, reaps every orphan, and ends with COMMAND's status when COMMAND ends. Without --init COMMAND itself is PID 1, as with util-linux.

            As an unprivileged user, --user --map-root-user makes every other namespace possible. Ranges beyond your own id (--map-users, --map-groups, --map-auto) are written by newuidmap and newgidmap (Debian package uidmap) from what /etc/subuid and /etc/subgid delegate to you; as root they are written directly.

            EXAMPLES
              xunshare --mount --pid --fork --mount-proc ps -e
              xunshare --user --map-root-user --mount --pid --fork \\
                  --net --uts --ipc --hostname=box -- /bin/sh
              xunshare --user --map-auto --map-root-user id
              touch /run/netns/blue && xunshare --net=/run/netns/blue true
              xunshare --pid --fork --init --kill-child -- server
              xunshare -m -p -f --mount-proc -- xchroot --pivot-root \\
                  --drop-caps /srv/box /bin/sh

            SEE ALSO
              unshare(1), nsenter(1), namespaces(7), user_namespaces(7), newuidmap(1), subuid(5), xchroot(1)
            """,
        version: xnsVersion)

    static let killChildSignal = OptionalValueOption("kill-child", value: "SIG")
    static let mountProcDirectory = OptionalValueOption("mount-proc", value: "DIR")

    static var optionalValueOptions: [OptionalValueOption] {
        namespaceFileOptions + [killChildSignal, mountProcDirectory]
    }

    // MARK: Namespaces

    @Flag(name: [.customShort("m"), .long], help: Self.mountNamespace.flagHelp("Create a new mount namespace (made private, see --propagation); with =FILE keep it on FILE."))
    var mount = false
    @Option(name: .customLong(Self.mountNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var mountFile: String?

    @Flag(name: [.customShort("u"), .long], help: Self.utsNamespace.flagHelp("Create a new UTS namespace (host and domain name); with =FILE keep it on FILE."))
    var uts = false
    @Option(name: .customLong(Self.utsNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var utsFile: String?

    @Flag(name: [.customShort("i"), .long], help: Self.ipcNamespace.flagHelp("Create a new IPC namespace; with =FILE keep it on FILE."))
    var ipc = false
    @Option(name: .customLong(Self.ipcNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var ipcFile: String?

    @Flag(name: [.customShort("n"), .long], help: Self.netNamespace.flagHelp("Create a new network namespace; with =FILE keep it on FILE."))
    var net = false
    @Option(name: .customLong(Self.netNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var netFile: String?

    @Flag(name: [.customShort("p"), .long], help: Self.pidNamespace.flagHelp("Create a new pid namespace for the children (see --fork); with =FILE keep it on FILE (needs --fork)."))
    var pid = false
    @Option(name: .customLong(Self.pidNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var pidFile: String?

    @Flag(name: [.customShort("U"), .long], help: Self.userNamespace.flagHelp("Create a new user namespace; with =FILE keep it on FILE."))
    var user = false
    @Option(name: .customLong(Self.userNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var userFile: String?

    @Flag(name: [.customShort("C"), .long], help: Self.cgroupNamespace.flagHelp("Create a new cgroup namespace; with =FILE keep it on FILE."))
    var cgroup = false
    @Option(name: .customLong(Self.cgroupNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var cgroupFile: String?

    @Flag(name: [.customShort("T"), .long], help: Self.timeNamespace.flagHelp("Create a new time namespace for the children (see --monotonic, --boottime); with =FILE keep it on FILE (needs --fork)."))
    var time = false
    @Option(name: .customLong(Self.timeNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var timeFile: String?

    // MARK: Processes

    @Flag(name: [.customShort("f"), .long], help: "Fork: COMMAND runs as a child (the first process of a new pid namespace); the parent forwards signals to it, waits, and exits with its status.")
    var fork = false

    @Flag(name: .long, help: Self.killChildSignal.flagHelp("With --fork: the child gets SIG (default SIGKILL) when the parent dies (PR_SET_PDEATHSIG).",
                                                                   discussion: "In a new pid namespace without --init, COMMAND is PID 1, and the kernel gives a PID 1 only SIGKILL and the signals it catches (SIG, and the signals the parent passes on): for a COMMAND that does not catch them, add --init (it passes them on, and when COMMAND ends the namespace goes)."))
    var killChild = false
    @Option(name: .customLong(Self.killChildSignal.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var killChildSignalName: String?

    @Flag(name: .customLong("init"), help: "With --pid --fork: PID 1 is a minimal init that forwards signals to COMMAND, reaps every orphan, and exits with COMMAND's status.")
    var runsInit = false

    @Flag(name: .long, help: Self.mountProcDirectory.flagHelp("Mount a proc file system on DIR (default /proc) just before COMMAND runs, after making DIR's mount private; implies --mount."))
    var mountProc = false
    @Option(name: .customLong(Self.mountProcDirectory.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var mountProcDir: String?

    @Option(help: ArgumentHelp("Mount propagation in the new mount namespace (recursive from /); ignored without --mount.", valueName: "private|shared|slave|unchanged"))
    var propagation: MountPropagation = .private

    @Option(help: ArgumentHelp("With --uts: set the host name.", valueName: "NAME"))
    var hostname: String?

    @Option(help: ArgumentHelp("With --uts: set the NIS domain name.", valueName: "NAME"))
    var domainname: String?

    @Option(help: ArgumentHelp("With --time: offset CLOCK_MONOTONIC by SECONDS in the new time namespace.", valueName: "SECONDS"))
    var monotonic: Int64?

    @Option(help: ArgumentHelp("With --time: offset CLOCK_BOOTTIME by SECONDS in the new time namespace.", valueName: "SECONDS"))
    var boottime: Int64?

    // MARK: Users and ids

    @Flag(name: [.customShort("r"), .long], help: "Map your user and group to root in the new user namespace (--map-user=0 --map-group=0); implies --user and --setgroups=deny.")
    var mapRootUser = false

    @Flag(name: [.customShort("c"), .long], help: "Map your user and group to themselves in the new user namespace; implies --user and --setgroups=deny.")
    var mapCurrentUser = false

    @Option(help: ArgumentHelp("Map your user to UID (or the user NAME in /etc/passwd) in the new user namespace; implies --user.", valueName: "UID|NAME"))
    var mapUser: String?

    @Option(help: ArgumentHelp("Map your group to GID (or the group NAME in /etc/group) in the new user namespace; implies --user and --setgroups=deny.", valueName: "GID|NAME"))
    var mapGroup: String?

    @Option(help: ArgumentHelp("Map COUNT uids from OUTER to INNER (util-linux 2.38's OUTER,INNER,COUNT too), or 'auto': your first range in /etc/subuid from 0. Can be repeated; ranges must not overlap; implies --user.", valueName: "INNER:OUTER:COUNT|auto"))
    var mapUsers: [String] = []

    @Option(help: ArgumentHelp("Map COUNT gids from OUTER to INNER (or OUTER,INNER,COUNT), or 'auto': your first range in /etc/subgid from 0. Can be repeated; implies --user.", valueName: "INNER:OUTER:COUNT|auto"))
    var mapGroups: [String] = []

    @Flag(help: "Map your first ranges in /etc/subuid and /etc/subgid from 0 (--map-users=auto --map-groups=auto); implies --user.")
    var mapAuto = false

    @Option(help: ArgumentHelp("With --user: allow or deny setgroups(2) in the new user namespace.", valueName: "allow|deny"))
    var setgroups: SetgroupsPolicy?

    @Option(name: [.customShort("S"), .long], help: ArgumentHelp("Run COMMAND with user id UID (as mapped in the new user namespace).", valueName: "UID"))
    var setuid: UInt32?

    @Option(name: [.customShort("G"), .long], help: ArgumentHelp("Run COMMAND with group id GID and no supplementary groups.", valueName: "GID"))
    var setgid: UInt32?

    @Flag(help: "With --user: raise the capabilities the new user namespace grants into the ambient set, so COMMAND keeps them even when it is not uid 0.")
    var keepCaps = false

    @Option(name: [.customShort("R"), .long], help: ArgumentHelp("Change root to DIR before running COMMAND.", valueName: "DIR"))
    var root: String?

    @Option(name: [.customShort("w"), .long], help: ArgumentHelp("Change the working directory to DIR before running COMMAND.", valueName: "DIR"))
    var wd: String?

    @OptionGroup(title: "Teaching")
    var teaching: TeachingOptions

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The command to run, with its arguments (default: ${SHELL:-/bin/sh}).", valueName: "COMMAND"))
    var command: [String] = []
}

extension MountPropagation: ExpressibleByArgument {}
extension SetgroupsPolicy: ExpressibleByArgument {}
