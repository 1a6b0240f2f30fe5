import XCommandLine
import XCore

/// xnsenter, for the multicall binary (Sources/xns).
public let xnsenterTool: any ChainTool.Type = XNsenter.self

/// xnsenter: enter existing namespaces (util-linux nsenter parity), then exec the next link.
struct XNsenter: ChainTool {
    static let name = "xnsenter"

    static let table = OptionTable(
        name: name,
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
        keys: Option.self,
        command: PositionalSpec("COMMAND", help: "The command to run, with its arguments (default: ${SHELL:-/bin/sh})."))

    enum Option: Int, OptionKey {
        case target, all
        case mount, uts, ipc, net, netSocket, pid, user, cgroup, time
        case userParent, joinCgroup
        case setuid, setgid, preserveCredentials, keepCaps
        case root, wd, wdns, env, followContext
        case noFork

        var spec: OptionSpec {
            switch self {
            case .target: return .option("target", short: "t", value: "PID", help: "The process whose namespaces (and root, working directory, environment) are taken.")
            case .all: return .flag("all", short: "a", help: "Enter every namespace of the target that xnsenter does not share with it already; a namespace given a FILE comes from the FILE.")
            case .mount: return NamespaceFileOptions.spec(.mount, help: "Enter the target's mount namespace, or the one FILE names.")
            case .uts: return NamespaceFileOptions.spec(.uts, help: "Enter the target's UTS namespace (host and domain name), or the one FILE names.")
            case .ipc: return NamespaceFileOptions.spec(.ipc, help: "Enter the target's IPC namespace, or the one FILE names.")
            case .net: return NamespaceFileOptions.spec(.net, help: "Enter the target's network namespace, or the one FILE names.")
            case .netSocket: return .option("net-socket", short: "N", value: "FD", help: "Enter the network namespace of the target's socket FD (pidfd_getfd and SIOCGSKNS, Linux 5.6 and later); instead of --net.")
            case .pid: return NamespaceFileOptions.spec(.pid, help: "Enter the target's pid namespace, or the one FILE names; COMMAND runs as a forked child, a member of it (see --no-fork).")
            case .user: return NamespaceFileOptions.spec(.user, help: "Enter the target's user namespace, or the one FILE names; COMMAND then runs as uid 0 and gid 0 (see --setuid, --setgid, --preserve-credentials).")
            case .cgroup: return NamespaceFileOptions.spec(.cgroup, help: "Enter the target's cgroup namespace, or the one FILE names.")
            case .time: return NamespaceFileOptions.spec(.time, help: "Enter the target's time namespace, or the one FILE names.")
            case .userParent: return .flag("user-parent", help: "Enter the parent of the user namespace asked for (--user), or the user namespace that owns the first other namespace asked for (util-linux 2.41).")
            case .joinCgroup: return .flag("join-cgroup", short: "c", help: "Move into the target's cgroup (cgroup v2) before entering its namespaces (util-linux 2.40).")
            case .setuid: return .option("setuid", short: "S", value: "UID", help: "Run COMMAND with user id UID (as mapped in the entered user namespace; default 0 after entering one).")
            case .setgid: return .option("setgid", short: "G", value: "GID", help: "Run COMMAND with group id GID and no supplementary groups (default 0 after entering a user namespace).")
            case .preserveCredentials: return .flag("preserve-credentials", help: "Keep the caller's uid, gid and supplementary groups after entering a user namespace.")
            case .keepCaps: return .flag("keep-caps", help: "With a user namespace: raise the capabilities it grants into the ambient set, so COMMAND keeps them even when it is not uid 0.")
            case .root: return .optionalValue("root", short: "r", value: "DIR", help: "Change root to the target's root directory, or to DIR (a path as seen before entering).")
            case .wd: return .optionalValue("wd", short: "w", value: "DIR", help: "Change to the target's working directory, or to DIR (a path as seen before entering).")
            case .wdns: return .option("wdns", short: "W", value: "DIR", help: "Change to DIR, a path inside the entered namespaces and root.")
            case .env: return .flag("env", short: "e", help: "Run COMMAND with the target's environment (/proc/PID/environ) instead of xnsenter's.")
            case .followContext: return .flag("follow-context", short: "Z", help: "Run COMMAND in the target's SELinux security context; nothing without SELinux.")
            case .noFork: return .flag("no-fork", short: "F", help: "Do not fork after entering a pid namespace: COMMAND stays outside it, its children are members.")
            }
        }
    }

    var target: Int32?
    var all = false
    var namespaces = NamespaceSelection()
    var netSocket: Int32?
    var setuid: UInt32?
    var setgid: UInt32?
    var userParent = false
    var joinCgroup = false
    var preserveCredentials = false
    var keepCaps = false
    var root = false
    var rootDir: String?
    var wd = false
    var wdDir: String?
    var wdns: String?
    var env = false
    var followContext = false
    var noFork = false
    /// util-linux 2.38's way: the target's namespaces opened one by one from
    /// /proc/PID/ns (the `nsenter` personality), not one setns on its pidfd.
    var entersThroughNamespaceFiles = false
    var command: [String]

    /// Nothing asked yet: the `nsenter` personality fills it in.
    init(command: [String]) {
        self.command = command
    }

    init(_ line: ParsedCommandLine) throws(XError) {
        command = line.command
        for (key, given) in line.options(Option.self) {
            switch key {
            case .target: target = try given.integer()
            case .all: all = true
            case .mount, .uts, .ipc, .net, .pid, .user, .cgroup, .time:
                namespaces.select(key.spec, file: given.value)
            case .netSocket: netSocket = try given.integer()
            case .setuid: setuid = try given.integer()
            case .setgid: setgid = try given.integer()
            case .userParent: userParent = true
            case .joinCgroup: joinCgroup = true
            case .preserveCredentials: preserveCredentials = true
            case .keepCaps: keepCaps = true
            case .root: if let value = given.value { rootDir = value } else { root = true }
            case .wd: if let value = given.value { wdDir = value } else { wd = true }
            case .wdns: wdns = given.text
            case .env: env = true
            case .followContext: followContext = true
            case .noFork: noFork = true
            }
        }
    }
}
