import XCommandLine
import XCore

/// xunshare, for the multicall binary (Sources/xns).
public let xunshareTool: any ChainTool.Type = XUnshare.self

/// xunshare: create namespaces (util-linux unshare parity), then exec the next link.
struct XUnshare: ChainTool {
    static let name = "xunshare"

    static let table = OptionTable(
        name: name,
        abstract: "Run COMMAND in new namespaces (util-linux unshare, rootless first, with a real PID 1).",
        usage: "xunshare [OPTION...] [--] [COMMAND [ARG...]]",
        discussion: """
            The first link of most chains. Options have the names and meanings of util-linux unshare(1) 2.38; without COMMAND, ${SHELL:-/bin/sh} runs.

            The order of the steps: the namespaces are created with one unshare(2); the user namespace gets its id maps (setgroups first, then uid_map and gid_map), written by the process itself when it maps only its own ids, otherwise by a helper forked beforehand in the parent user namespace, as root or through newuidmap/newgidmap; a new mount namespace is made private (--propagation); the host name, domain name and clock offsets are set. With --fork a child is forked here (the first process of a new pid namespace). Then --root, --wd, --mount-proc, --setgid, --setuid and --keep-caps apply, and COMMAND is executed.

            A namespace given a FILE (--net=FILE) is kept alive by bind-mounting it on FILE, which must exist; nsenter --net=FILE enters it and umount FILE releases it. The bind mount is made after the new mount namespace is made private, so that, unlike util-linux, a mount namespace can be kept on a file of a shared mount; with --propagation shared, slave or unchanged the new namespace would receive the bind mount itself, and the kernel refuses. The pid and time namespaces are kept through pid_for_children and time_for_children, so they need --fork. If keeping one fails, those already kept are unmounted again, and COMMAND does not run.

            With --fork the parent passes SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH on to the child, waits, and exits with its status, or dies of the signal that killed it. With --init (and --pid --fork) the child is a minimal init, PID 1 of the new pid namespace: it forwards the same signals to COMMAND, reaps every orphan, and ends with COMMAND's status when COMMAND ends. Without --init COMMAND itself is PID 1, as with util-linux.

            To boot an OS tree as systemd-nspawn --boot does, the parent of --fork also takes the init's side of systemd's container interface: --boot (SIGTERM and SIGINT become SIGRTMIN+3, poweroff is status 0, reboot 133), --delegate-cgroup (a cgroup v2 subtree of its own, the root of the cgroup namespace) and --console (a pseudo-terminal for its console, relayed to the caller); xmountapi --cgroup=rw --console --container=xns gives the tree its side.

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
              xunshare -m -u -i -n -p -f -C --boot --delegate-cgroup --console \\
                  -- xmountapi --root=/srv/debian --api --cgroup=rw --console \\
                  --container=xns -- xchroot --keep-caps=container,net_admin \\
                  --pivot-root /srv/debian /sbin/init

            SEE ALSO
              unshare(1), nsenter(1), namespaces(7), user_namespaces(7), newuidmap(1), subuid(5), xchroot(1)
            """,
        keys: Option.self,
        command: PositionalSpec("COMMAND", help: "The command to run, with its arguments (default: ${SHELL:-/bin/sh})."))

    enum Option: Int, OptionKey {
        case mount, uts, ipc, net, pid, user, cgroup, time
        case fork, killChild, runsInit, mountProc, propagation, hostname, domainname, monotonic, boottime
        case mapRootUser, mapCurrentUser, mapUser, mapGroup, mapUsers, mapGroups, mapAuto, setgroups
        case setuid, setgid, keepCaps, root, wd
        case forwardSignals, clearEnv, whitelistEnv
        case boot, stopSignal, delegateCgroup, console

        var spec: OptionSpec {
            switch self {
            case .mount: return NamespaceFileOptions.spec(.mount, help: "Create a new mount namespace (made private, see --propagation); with =FILE keep it on FILE.")
            case .uts: return NamespaceFileOptions.spec(.uts, help: "Create a new UTS namespace (host and domain name); with =FILE keep it on FILE.")
            case .ipc: return NamespaceFileOptions.spec(.ipc, help: "Create a new IPC namespace; with =FILE keep it on FILE.")
            case .net: return NamespaceFileOptions.spec(.net, help: "Create a new network namespace; with =FILE keep it on FILE.")
            case .pid: return NamespaceFileOptions.spec(.pid, help: "Create a new pid namespace for the children (see --fork); with =FILE keep it on FILE (needs --fork).")
            case .user: return NamespaceFileOptions.spec(.user, help: "Create a new user namespace; with =FILE keep it on FILE.")
            case .cgroup: return NamespaceFileOptions.spec(.cgroup, help: "Create a new cgroup namespace; with =FILE keep it on FILE.")
            case .time: return NamespaceFileOptions.spec(.time, help: "Create a new time namespace for the children (see --monotonic, --boottime); with =FILE keep it on FILE (needs --fork).")
            case .fork: return .flag("fork", short: "f", help: "Fork: COMMAND runs as a child (the first process of a new pid namespace); the parent forwards signals to it, waits, and exits with its status.")
            case .killChild: return .optionalValue("kill-child", value: "SIG", help: "With --fork: the child gets SIG (default SIGKILL) when the parent dies (PR_SET_PDEATHSIG).",
                                                   discussion: "In a new pid namespace without --init, COMMAND is PID 1, and the kernel gives a PID 1 only SIGKILL and the signals it catches (SIG, and the signals the parent passes on): for a COMMAND that does not catch them, add --init (it passes them on, and when COMMAND ends the namespace goes).")
            case .runsInit: return .flag("init", help: "With --pid --fork: PID 1 is a minimal init that forwards signals to COMMAND, reaps every orphan, and exits with COMMAND's status.")
            case .mountProc: return .optionalValue("mount-proc", value: "DIR", help: "Mount a proc file system on DIR (default /proc) just before COMMAND runs, after making DIR's mount private; implies --mount.")
            case .propagation: return .option("propagation", value: "private|shared|slave|unchanged", help: "Mount propagation in the new mount namespace (recursive from /); ignored without --mount.",
                                              defaultValue: "private", choices: MountPropagation.allCases.map { $0.rawValue })
            case .hostname: return .option("hostname", value: "NAME", help: "With --uts: set the host name.")
            case .domainname: return .option("domainname", value: "NAME", help: "With --uts: set the NIS domain name.")
            case .monotonic: return .option("monotonic", value: "SECONDS", help: "With --time: offset CLOCK_MONOTONIC by SECONDS in the new time namespace.")
            case .boottime: return .option("boottime", value: "SECONDS", help: "With --time: offset CLOCK_BOOTTIME by SECONDS in the new time namespace.")
            case .mapRootUser: return .flag("map-root-user", short: "r", help: "Map your user and group to root in the new user namespace (--map-user=0 --map-group=0); implies --user and --setgroups=deny.")
            case .mapCurrentUser: return .flag("map-current-user", short: "c", help: "Map your user and group to themselves in the new user namespace; implies --user and --setgroups=deny.")
            case .mapUser: return .option("map-user", value: "UID|NAME", help: "Map your user to UID (or the user NAME in /etc/passwd) in the new user namespace; implies --user.")
            case .mapGroup: return .option("map-group", value: "GID|NAME", help: "Map your group to GID (or the group NAME in /etc/group) in the new user namespace; implies --user and --setgroups=deny.")
            case .mapUsers: return .option("map-users", value: "INNER:OUTER:COUNT|auto", help: "Map COUNT uids from OUTER to INNER (util-linux 2.38's OUTER,INNER,COUNT too), or 'auto': your first range in /etc/subuid from 0. Can be repeated; ranges must not overlap; implies --user.", repeats: true)
            case .mapGroups: return .option("map-groups", value: "INNER:OUTER:COUNT|auto", help: "Map COUNT gids from OUTER to INNER (or OUTER,INNER,COUNT), or 'auto': your first range in /etc/subgid from 0. Can be repeated; implies --user.", repeats: true)
            case .mapAuto: return .flag("map-auto", help: "Map your first ranges in /etc/subuid and /etc/subgid from 0 (--map-users=auto --map-groups=auto); implies --user.")
            case .setgroups: return .option("setgroups", value: "allow|deny", help: "With --user: allow or deny setgroups(2) in the new user namespace.",
                                            choices: SetgroupsPolicy.allCases.map { $0.rawValue })
            case .setuid: return .option("setuid", short: "S", value: "UID", help: "Run COMMAND with user id UID (as mapped in the new user namespace).")
            case .setgid: return .option("setgid", short: "G", value: "GID", help: "Run COMMAND with group id GID and no supplementary groups.")
            case .keepCaps: return .flag("keep-caps", help: "With --user: raise the capabilities the new user namespace grants into the ambient set, so COMMAND keeps them even when it is not uid 0.")
            case .root: return .option("root", short: "R", value: "DIR", help: "Change root to DIR before running COMMAND.")
            case .wd: return .option("wd", short: "w", value: "DIR", help: "Change the working directory to DIR before running COMMAND.")
            case .forwardSignals: return .flag("forward-signals", help: "Fork, and forward signals to the child (util-linux 2.42's option; with --fork xunshare always forwards them); implies --fork.")
            case .clearEnv: return .flag("clear-env", help: "Run COMMAND with an empty environment (PATH then defaults to /bin:/usr/bin for the search).")
            case .whitelistEnv: return .option("whitelist-env", value: "NAME,...", help: "Run COMMAND with only the variables NAME,... of the environment.")
            case .boot: return .flag("boot", help: "With --pid --fork: COMMAND is an OS's init, as systemd-nspawn --boot runs it: SIGTERM and SIGINT become SIGRTMIN+3 (systemd's halt; see --stop-signal), its poweroff or halt ends xunshare with status 0, its reboot with 133.")
            case .stopSignal: return .option("stop-signal", value: "SIG", help: "With --fork: SIGTERM and SIGINT to xunshare reach the child as SIG (--boot: SIGRTMIN+3); without --console the child gets a process group of its own, so a terminal's ^C reaches it only so.")
            case .delegateCgroup: return .optionalValue("delegate-cgroup", value: "NAME", help: "With --fork: the child runs in a cgroup v2 subtree of its own, NAME (default xns-PID) below xunshare's cgroup, the root of its cgroup namespace with --cgroup; what runs in it is killed and it is removed when the child ends, or when xunshare dies (a helper stands by outside).",
                                                        discussion: "On a hybrid host (cgroup v1 controllers) the subtree is made in the v2 hierarchy on /sys/fs/cgroup/unified, with no controllers; a host with cgroup v1 alone is refused. As root with a user namespace whose root is another user, the subtree is given to that user. xmountapi --cgroup=rw shows it as the container's /sys/fs/cgroup.")
            case .console: return .optionalValue("console", value: "MODE", help: "With --fork: the child's stdin, stdout and stderr are a pseudo-terminal of its own, its controlling terminal (xmountapi --console binds it on /dev/console): interactive (default; the caller's terminal, raw, ^]^]^] stops the child), read-only (its output only), passive (nothing relayed) or pipe (no terminal: stdio as without --console).")
            }
        }
    }

    var namespaces = NamespaceSelection()
    var fork = false
    var killChild = false
    var killChildSignalName: String?
    var runsInit = false
    var mountProc = false
    var mountProcDir: String?
    var propagation = MountPropagation.private
    var hostname: String?
    var domainname: String?
    var monotonic: Int64?
    var boottime: Int64?
    var idMaps = IDMapRequest()
    var setuid: UInt32?
    var setgid: UInt32?
    var keepCaps = false
    var root: String?
    var wd: String?
    /// The variables COMMAND keeps (--clear-env: none); nil: all.
    var keptEnvironment: [String]?
    var boot = false
    var stopSignalName: String?
    /// --delegate-cgroup[=NAME]: .some(nil) without a name.
    var delegateCgroup: String??
    var console: ConsoleMode?
    /// util-linux: -G drops the supplementary groups even where setgroups is denied (and fails there).
    var alwaysDropsGroups = false
    var command: [String]

    /// Nothing asked yet: the `unshare` personality fills it in.
    init(command: [String]) {
        self.command = command
    }

    init(_ line: ParsedCommandLine) throws(XError) {
        command = line.command
        for (key, given) in line.options(Option.self) {
            switch key {
            case .mount, .uts, .ipc, .net, .pid, .user, .cgroup, .time:
                namespaces.select(key.spec, file: given.value)
            case .fork: fork = true
            case .killChild: if let value = given.value { killChildSignalName = value } else { killChild = true }
            case .runsInit: runsInit = true
            case .mountProc: if let value = given.value { mountProcDir = value } else { mountProc = true }
            case .propagation: propagation = try given.choice(key.spec.choices)
            case .hostname: hostname = given.text
            case .domainname: domainname = given.text
            case .monotonic: monotonic = try given.integer()
            case .boottime: boottime = try given.integer()
            case .mapRootUser: idMaps.mapRootUser = true
            case .mapCurrentUser: idMaps.mapCurrentUser = true
            case .mapUser: idMaps.mapUser = given.text
            case .mapGroup: idMaps.mapGroup = given.text
            case .mapUsers: idMaps.mapUsers.append(given.text)
            case .mapGroups: idMaps.mapGroups.append(given.text)
            case .mapAuto: idMaps.mapAuto = true
            case .setgroups: idMaps.setgroups = try given.choice(key.spec.choices)
            case .setuid: setuid = try given.integer()
            case .setgid: setgid = try given.integer()
            case .keepCaps: keepCaps = true
            case .root: root = given.text
            case .wd: wd = given.text
            case .forwardSignals: fork = true
            case .clearEnv: keptEnvironment = []
            case .whitelistEnv: keptEnvironment = given.text.split(separator: ",").map(String.init)
            case .boot: boot = true
            case .stopSignal: stopSignalName = given.text
            case .delegateCgroup: delegateCgroup = .some(given.value)
            case .console:
                guard let mode = ConsoleMode(rawValue: given.value ?? "interactive") else {
                    throw XError.usage("--console: \(quoted(given.text)) is not a console mode",
                                       hint: "one of " + ConsoleMode.allCases.map { quoted($0.rawValue) }.joined(separator: ", "))
                }
                console = mode
            }
        }
    }
}
