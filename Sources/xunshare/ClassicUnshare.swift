import Glibc
import XCommandLine
import XCore

/// The binary run as `unshare`: util-linux unshare(1), its options, checks,
/// messages and exit statuses, over xunshare's mechanisms (see ClassicMain).
public let unsharePersonality: any ClassicTool.Type = ClassicUnshare.self

struct ClassicUnshare: ClassicTool {
    static let name = "unshare"
    static let dialect = ClassicDialect.utilLinux
    static let permutesArguments = false
    static let usage = ["[options] [<program> [<argument>...]]"]
    static let abstract = "Run a program with some namespaces unshared from the parent."
    static let version = "unshare from util-linux \(utilLinuxCompatibility) (xns \(xnsVersion))"

    static let original = "util-linux unshare(1)"
    static let differences = [
        """
        Messages and checks are those of util-linux \(utilLinuxCompatibility). Of the later options, --forward-signals (2.42), --clear-env and --whitelist-env (after 2.42) are accepted, and --map-users/--map-groups also take 2.39's INNER:OUTER:COUNT besides 2.38's OUTER,INNER,COUNT; --mount-binfmt, --load-interp, --map-subids and --owner (2.41, 2.42) are not, and are unrecognized options.
        """,
        """
        With --fork the parent always passes SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH on to the child, as --forward-signals asks (util-linux without it blocks SIGINT and SIGTERM while it waits), and a child killed by SIGKILL is re-raised, as util-linux does since 2.40 (2.38 exits 1).
        """,
        """
        A namespace FILE that does not exist or is a directory is refused before anything is created (util-linux finds out after unshare(2), with the same message), and the files are bind-mounted after the new mount namespace is made private.
        """,
        "--help prints xns's own text in util-linux's layout, and --version names xns.", "Errors are util-linux's lines; the x-tools' hint lines are not printed. XNS_TRACE=1 (and XNS_DRY_RUN=1) in the environment trace every system call, as for the x-tools.",
    ]

    enum Option: Int, ClassicOptionKey {
        case mount, uts, ipc, net, pid, user, cgroup, time
        case fork, killChild, mountProc, mapUser, mapUsers, mapGroup, mapGroups, mapRootUser, mapCurrentUser, mapAuto
        case propagation, setgroups, keepCaps, setuid, setgid, root, wd, monotonic, boottime, forwardSignals, clearEnv, whitelistEnv
        case help, version

        var option: ClassicOption {
            switch self {
            case .mount: return ClassicOption("mount", short: "m", value: .optional("file"), shortValue: OptionSpec.Value.none, help: "unshare mounts namespace")
            case .uts: return ClassicOption("uts", short: "u", value: .optional("file"), shortValue: OptionSpec.Value.none, help: "unshare UTS namespace (hostname etc)")
            case .ipc: return ClassicOption("ipc", short: "i", value: .optional("file"), shortValue: OptionSpec.Value.none, help: "unshare System V IPC namespace")
            case .net: return ClassicOption("net", short: "n", value: .optional("file"), shortValue: OptionSpec.Value.none, help: "unshare network namespace")
            case .pid: return ClassicOption("pid", short: "p", value: .optional("file"), shortValue: OptionSpec.Value.none, help: "unshare pid namespace")
            case .user: return ClassicOption("user", short: "U", value: .optional("file"), shortValue: OptionSpec.Value.none, help: "unshare user namespace")
            case .cgroup: return ClassicOption("cgroup", short: "C", value: .optional("file"), shortValue: OptionSpec.Value.none, help: "unshare cgroup namespace")
            case .time: return ClassicOption("time", short: "T", value: .optional("file"), shortValue: OptionSpec.Value.none, help: "unshare time namespace")
            case .fork: return ClassicOption("fork", short: "f", help: "fork before launching <program>")
            case .killChild: return ClassicOption("kill-child", value: .optional("signame"), help: "when dying, kill the forked child (implies --fork); defaults to SIGKILL")
            case .mountProc: return ClassicOption("mount-proc", value: .optional("dir"), help: "mount proc filesystem first (implies --mount)")
            case .mapUser: return ClassicOption("map-user", value: .required("uid>|<name"), help: "map current user to uid (implies --user)")
            case .mapUsers: return ClassicOption("map-users", value: .required("inneruid>:<outeruid>:<count"), help: "map count users from outeruid to inneruid (implies --user)")
            case .mapGroup: return ClassicOption("map-group", value: .required("gid>|<name"), help: "map current group to gid (implies --user)")
            case .mapGroups: return ClassicOption("map-groups", value: .required("innergid>:<outergid>:<count"), help: "map count groups from outergid to innergid (implies --user)")
            case .mapRootUser: return ClassicOption("map-root-user", short: "r", help: "map current user to root (implies --user)")
            case .mapCurrentUser: return ClassicOption("map-current-user", short: "c", help: "map current user to itself (implies --user)")
            case .mapAuto: return ClassicOption("map-auto", help: "map users and groups automatically (implies --user)")
            case .propagation: return ClassicOption("propagation", value: .required("slave|shared|private|unchanged"), help: "modify mount propagation in mount namespace")
            case .setgroups: return ClassicOption("setgroups", value: .required("allow|deny"), help: "control the setgroups syscall in user namespaces")
            case .keepCaps: return ClassicOption("keep-caps", help: "retain capabilities granted in user namespaces")
            case .setuid: return ClassicOption("setuid", short: "S", value: .required("uid"), help: "set uid in entered namespace")
            case .setgid: return ClassicOption("setgid", short: "G", value: .required("gid"), help: "set gid in entered namespace")
            case .root: return ClassicOption("root", short: "R", value: .required("dir"), help: "run the command with root directory set to <dir>")
            case .wd: return ClassicOption("wd", short: "w", value: .required("dir"), help: "change working directory to <dir>")
            case .monotonic: return ClassicOption("monotonic", value: .required("offset"), help: "set clock monotonic offset (seconds) in time namespaces")
            case .boottime: return ClassicOption("boottime", value: .required("offset"), help: "set clock boottime offset (seconds) in time namespaces")
            case .forwardSignals: return ClassicOption("forward-signals", help: "forward signals to the child (implies --fork)", since: "2.42")
            case .clearEnv: return ClassicOption("clear-env", help: "clear the environment", since: "after 2.42")
            case .whitelistEnv: return ClassicOption("whitelist-env", value: .required("list"), help: "keep only these environment variables", since: "after 2.42")
            case .help: return .help()
            case .version: return .version()
            }
        }
    }

    /// The values go straight into an xunshare whose launch does the work.
    var tool: XUnshare = {
        var tool = XUnshare(command: [])
        tool.alwaysDropsGroups = true
        return tool
    }()
    var forceTime = false

    mutating func read(_ option: Option, _ value: String?) throws(XError) {
        switch option {
        case .mount, .uts, .ipc, .net, .pid, .user, .cgroup, .time:
            if let kind = NamespaceKind(rawValue: option.option.long ?? "") { tool.namespaces.select(kind, file: value) }
        case .fork: tool.fork = true
        case .killChild:
            tool.fork = true
            if let value {
                // util-linux takes signal names only, not numbers.
                guard Int32(value) == nil, SignalNames.number(value) != nil else { throw XError("unknown signal: \(value)") }
                tool.killChildSignalName = value
            } else {
                tool.killChild = true
            }
        case .mountProc:
            tool.namespaces.select(.mount, file: nil)
            if let value { tool.mountProcDir = value } else { tool.mountProc = true }
        case .mapUser:
            tool.idMaps.mapUser = try Self.id(value, "failed to parse uid") { name in IDMapRequest.hostUserDatabase().user(named: name)?.uid }
        case .mapGroup:
            tool.idMaps.mapGroup = try Self.id(value, "failed to parse gid") { name in IDMapRequest.hostUserDatabase().group(named: name)?.gid }
        case .mapUsers: tool.idMaps.mapUsers.append(value ?? "")
        case .mapGroups: tool.idMaps.mapGroups.append(value ?? "")
        case .mapRootUser:
            tool.idMaps.mapRootUser = true
            tool.idMaps.mapCurrentUser = false
            tool.idMaps.mapUser = nil
            tool.idMaps.mapGroup = nil
        case .mapCurrentUser:
            tool.idMaps.mapCurrentUser = true
            tool.idMaps.mapRootUser = false
            tool.idMaps.mapUser = nil
            tool.idMaps.mapGroup = nil
        case .mapAuto: tool.idMaps.mapAuto = true
        case .propagation:
            guard let mode = MountPropagation(rawValue: value ?? "") else { throw XError("unsupported propagation mode: \(value ?? "")") }
            tool.propagation = mode
        case .setgroups:
            guard let policy = SetgroupsPolicy(rawValue: value ?? "") else { throw XError("unsupported --setgroups argument '\(value ?? "")'") }
            tool.idMaps.setgroups = policy
        case .keepCaps: tool.keepCaps = true
        case .setuid: tool.setuid = try utilLinuxNumber(value, "failed to parse uid")
        case .setgid: tool.setgid = try utilLinuxNumber(value, "failed to parse gid")
        case .root: tool.root = value
        case .wd: tool.wd = value
        case .monotonic:
            tool.monotonic = try Self.offset(value, "failed to parse monotonic offset")
            forceTime = true
        case .boottime:
            tool.boottime = try Self.offset(value, "failed to parse boottime offset")
            forceTime = true
        case .forwardSignals: tool.fork = true
        case .clearEnv: tool.keptEnvironment = []
        case .whitelistEnv: tool.keptEnvironment = (value ?? "").split(separator: ",").map(String.init)
        case .help, .version: break
        }
    }

    mutating func readOperands(_ words: [String]) throws(XError) {
        tool.command = words
    }

    func perform() throws(XError) -> Never {
        var kinds = tool.namespaceKinds
        if tool.idMaps.mapsIDs { kinds.insert(.user) }
        if forceTime && !kinds.contains(.time) {
            throw XError("options --monotonic and --boottime require unsharing of a time namespace (-T)")
        }
        if tool.idMaps.setgroups == .allow && (tool.idMaps.mapGroup != nil || tool.idMaps.mapRootUser || tool.idMaps.mapCurrentUser) {
            throw XError("options --setgroups=allow and --map-group are mutually exclusive")
        }
        do {
            try tool.launch(kinds)
        } catch {
            throw Self.utilLinuxWording(error)
        }
    }

    /// util-linux's words for the step that failed.
    static func utilLinuxWording(_ error: XError) -> XError {
        guard let operation = error.operation else { return error }
        let text: String
        switch operation {
        case .unshare: text = "unshare failed"
        case .chroot(let path): text = "cannot change root directory to '\(path)'"
        case .chdir(let path): text = "cannot chdir to '\(path)'"
        case .mountProc(let path): text = "mount \(path) failed"
        case .setgroups: text = "setgroups failed"
        case .setgid: text = "setgid failed"
        case .setuid: text = "setuid failed"
        case .sethostname: text = "sethostname failed"
        case .setdomainname: text = "setdomainname failed"
        case .keepNamespace(let source, let file): text = "mount \(source) on \(file) failed"
        case .writeMap(let path): text = "write failed \(path)"
        case .execute(let command, let err):
            return utilLinuxExecFailure(command, errno: err)
        case .setns, .openNamespace, .openTarget, .openParentUserNamespace, .joinCgroup, .open: return error
        }
        return XError(text, errno: error.errno)
    }

    /// A number, or a name looked up with `lookup`, for --map-user/--map-group.
    static func id(_ value: String?, _ message: String, _ lookup: (String) -> UInt32?) throws(XError) -> String {
        let text = value ?? ""
        if let id = UInt32(text) { return String(id) }
        guard let id = lookup(text) else { throw XError("\(message): '\(text)'") }
        return String(id)
    }

    static func offset(_ value: String?, _ message: String) throws(XError) -> Int64 {
        let text = value ?? ""
        guard let number = Int64(text) else { throw XError("\(message): '\(text)'") }
        return number
    }
}
