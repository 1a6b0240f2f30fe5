import ArgumentParser
import XCommandLine
import XCore

/// xnsenter, for the multicall binary (Sources/xns).
public let xnsenterTool: any ChainTool.Type = XNsenter.self

/// xnsenter: enter existing namespaces (util-linux nsenter parity), then exec the next link.
struct XNsenter: ChainTool, NamespaceFileOptions {
    static let definition = CommandConfiguration(
        commandName: "xnsenter",
        abstract: "Run COMMAND in the namespaces of another process or of namespace files (util-linux nsenter, rootless too).",
        usage: "xnsenter [OPTION...] [--] [COMMAND [ARG...]]",
        discussion: """
            Options have the names and meanings of util-linux nsenter(1) 2.38; without COMMAND, ${SHELL:-/bin/sh} runs. Each namespace option enters the namespace of the --target process, or with =FILE the namespace FILE names: /proc/PID/ns/NAME, or a file a namespace is kept on (xunshare --net=FILE, ip netns add).

            Everything is opened and checked before the first namespace is entered: the target (pinned by a pidfd, so a PID reused meanwhile is never entered), every FILE (it must be a namespace of the kind of its option), the sockets of --net-socket, the directories of --root and --wd, the environment of --env. Bad input costs nothing, and a namespace that cannot be entered ends xnsenter with status 125 before COMMAND runs: COMMAND runs in every namespace asked for, or does not run.

            The order is util-linux's: first every namespace but the user namespace, passing over those refused; then the user namespace and the rest, now reporting failures. So root enters a container's user namespace last (dropping privilege) and an unprivileged user first (gaining the privilege the others need). The target's namespaces are entered with one setns(2) on its pidfd, which the kernel makes atomic (Linux 5.8 and later; before, one fd per namespace from /proc/PID/ns).

            After entering: --root (chroot; without --wd or --wdns the working directory is kept, as util-linux does), --wdns or --wd, --env; then, if a pid namespace was entered, a fork: COMMAND must be a member of it (not with --no-fork). The parent passes SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH on to the child, stops when it stops and continues it when continued, and exits with its status or dies of the signal that killed it. Last the ids are set and COMMAND is executed.

            Ids: after entering a user namespace COMMAND runs as uid 0 and gid 0 without supplementary groups (--setuid and --setgid choose others; --preserve-credentials keeps the caller's). Rootless, as the user who made the chain (xunshare --user --map-root-user ...): the user namespace is entered first, the other namespaces with the privilege it grants; the supplementary groups stay where setgroups(2) is denied in the namespace (they are the caller's own), and a uid or gid 0 that the namespace does not map is left as it is unless asked for. --all enters only the namespaces the target does not share with xnsenter: there is nothing to enter in one's own, and an unprivileged user could not re-enter the host's.

            EXAMPLES
              xnsenter --target 4242 --mount --uts --net --pid -- ps -e
              xnsenter --all --target 4242 --root --wd /bin/sh
              xnsenter --net=/run/netns/blue ip addr
              xunshare --user --map-root-user --mount --pid --fork --mount-proc sleep 600 &
              xnsenter --target $(pgrep -n -x sleep) --user --mount --pid id
              xnsenter --target 4242 --net-socket=3 ss -t

            SEE ALSO
              nsenter(1), setns(2), namespaces(7), xunshare(1), xchroot(1)
            """,
        version: xnsVersion)

    static let rootDirectory = OptionalValueOption("root", value: "DIR")
    static let workingDirectory = OptionalValueOption("wd", value: "DIR")

    static var optionalValueOptions: [OptionalValueOption] {
        namespaceFileOptions + [rootDirectory, workingDirectory]
    }

    // MARK: Target

    @Option(name: [.customShort("t"), .long], help: ArgumentHelp("The process whose namespaces (and root, working directory, environment) are taken.", valueName: "PID"))
    var target: Int32?

    @Flag(name: [.customShort("a"), .long], help: "Enter every namespace of the target that xnsenter does not share with it already; a namespace given a FILE comes from the FILE.")
    var all = false

    // MARK: Namespaces

    @Flag(name: [.customShort("m"), .long], help: Self.mountNamespace.flagHelp("Enter the target's mount namespace, or the one FILE names."))
    var mount = false
    @Option(name: .customLong(Self.mountNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var mountFile: String?

    @Flag(name: [.customShort("u"), .long], help: Self.utsNamespace.flagHelp("Enter the target's UTS namespace (host and domain name), or the one FILE names."))
    var uts = false
    @Option(name: .customLong(Self.utsNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var utsFile: String?

    @Flag(name: [.customShort("i"), .long], help: Self.ipcNamespace.flagHelp("Enter the target's IPC namespace, or the one FILE names."))
    var ipc = false
    @Option(name: .customLong(Self.ipcNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var ipcFile: String?

    @Flag(name: [.customShort("n"), .long], help: Self.netNamespace.flagHelp("Enter the target's network namespace, or the one FILE names."))
    var net = false
    @Option(name: .customLong(Self.netNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var netFile: String?

    @Option(name: [.customShort("N"), .long], help: ArgumentHelp("Enter the network namespace of the target's socket FD (pidfd_getfd and SIOCGSKNS, Linux 5.6 and later); instead of --net.", valueName: "FD"))
    var netSocket: Int32?

    @Flag(name: [.customShort("p"), .long], help: Self.pidNamespace.flagHelp("Enter the target's pid namespace, or the one FILE names; COMMAND runs as a forked child, a member of it (see --no-fork)."))
    var pid = false
    @Option(name: .customLong(Self.pidNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var pidFile: String?

    @Flag(name: [.customShort("U"), .long], help: Self.userNamespace.flagHelp("Enter the target's user namespace, or the one FILE names; COMMAND then runs as uid 0 and gid 0 (see --setuid, --setgid, --preserve-credentials)."))
    var user = false
    @Option(name: .customLong(Self.userNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var userFile: String?

    @Flag(name: [.customShort("C"), .long], help: Self.cgroupNamespace.flagHelp("Enter the target's cgroup namespace, or the one FILE names."))
    var cgroup = false
    @Option(name: .customLong(Self.cgroupNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var cgroupFile: String?

    @Flag(name: [.customShort("T"), .long], help: Self.timeNamespace.flagHelp("Enter the target's time namespace, or the one FILE names."))
    var time = false
    @Option(name: .customLong(Self.timeNamespace.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var timeFile: String?

    // MARK: Ids and capabilities

    @Option(name: [.customShort("S"), .long], help: ArgumentHelp("Run COMMAND with user id UID (as mapped in the entered user namespace; default 0 after entering one).", valueName: "UID"))
    var setuid: UInt32?

    @Option(name: [.customShort("G"), .long], help: ArgumentHelp("Run COMMAND with group id GID and no supplementary groups (default 0 after entering a user namespace).", valueName: "GID"))
    var setgid: UInt32?

    @Flag(help: "Keep the caller's uid, gid and supplementary groups after entering a user namespace.")
    var preserveCredentials = false

    @Flag(help: "With a user namespace: raise the capabilities it grants into the ambient set, so COMMAND keeps them even when it is not uid 0.")
    var keepCaps = false

    // MARK: Root, working directory, environment, context

    @Flag(name: [.customShort("r"), .long], help: Self.rootDirectory.flagHelp("Change root to the target's root directory, or to DIR (a path as seen before entering)."))
    var root = false
    @Option(name: .customLong(Self.rootDirectory.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var rootDir: String?

    @Flag(name: [.customShort("w"), .long], help: Self.workingDirectory.flagHelp("Change to the target's working directory, or to DIR (a path as seen before entering)."))
    var wd = false
    @Option(name: .customLong(Self.workingDirectory.companionName), help: OptionalValueOption.companionHelp, transform: OptionalValueOption.attachedValue)
    var wdDir: String?

    @Option(name: [.customShort("W"), .long], help: ArgumentHelp("Change to DIR, a path inside the entered namespaces and root.", valueName: "DIR"))
    var wdns: String?

    @Flag(name: [.customShort("e"), .long], help: "Run COMMAND with the target's environment (/proc/PID/environ) instead of xnsenter's.")
    var env = false

    @Flag(name: [.customShort("Z"), .long], help: "Run COMMAND in the target's SELinux security context; nothing without SELinux.")
    var followContext = false

    // MARK: Processes

    @Flag(name: [.customShort("F"), .long], help: "Do not fork after entering a pid namespace: COMMAND stays outside it, its children are members.")
    var noFork = false

    @OptionGroup(title: "Teaching")
    var teaching: TeachingOptions

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The command to run, with its arguments (default: ${SHELL:-/bin/sh}).", valueName: "COMMAND"))
    var command: [String] = []
}
