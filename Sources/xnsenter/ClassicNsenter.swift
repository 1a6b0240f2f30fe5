import Glibc
import XCommandLine
import XCore

/// The binary run as `nsenter`: util-linux nsenter(1), its options, checks,
/// messages and exit statuses, over xnsenter's mechanisms (see ClassicMain).
public let nsenterPersonality: any ClassicTool.Type = ClassicNsenter.self

struct ClassicNsenter: ClassicTool {
    static let name = "nsenter"
    static let dialect = ClassicDialect.utilLinux
    static let permutesArguments = false
    static let usage = ["[options] [<program> [<argument>...]]"]
    static let abstract = "Run a program with namespaces of other processes."
    static let version = "nsenter from util-linux \(utilLinuxCompatibility) (xns \(xnsVersion))"

    static let original = "util-linux nsenter(1)"
    static let differences = [
        """
        Messages and checks are those of util-linux \(utilLinuxCompatibility) (so no namespace at all is not an error, and runs the program). Of the later options -e/--env (2.39), -c/--join-cgroup and --keep-caps (2.40), -N/--net-socket and --user-parent (2.41) are accepted; -S/-G follow, PID:INODE targets and =:NSID values (2.41, 2.42) are not.
        """,
        """
        Everything is opened and checked before the first setns(2): a FILE that is not a namespace of its option's kind is reported (with util-linux's message) before any namespace is entered. The target's namespaces are opened one by one from /proc/PID/ns, as util-linux 2.38 does, but the target is pinned by a pidfd first and must still run once they are open, so a PID reused meanwhile is never entered (xnsenter enters them with one atomic setns(2) on the pidfd instead).
        """,
        "--help prints xns's own text in util-linux's layout, and --version names xns.", "Errors are util-linux's lines; the x-tools' hint lines are not printed. XNS_TRACE=1 (and XNS_DRY_RUN=1) in the environment trace every system call, as for the x-tools.",
    ]

    enum Option: Int, ClassicOptionKey {
        case all, target, mount, uts, ipc, net, netSocket, pid, cgroup, user, time
        case setuid, setgid, preserveCredentials, keepCaps, userParent, joinCgroup, root, wd, wdns, env, noFork, followContext
        case help, version

        var option: ClassicOption {
            switch self {
            case .all: return ClassicOption("all", short: "a", help: "enter all namespaces")
            case .target: return ClassicOption("target", short: "t", value: .required("pid"), help: "target process to get namespaces from")
            // util-linux: the short letters take an attached FILE too (-m/proc/1/ns/mnt).
            case .mount: return ClassicOption("mount", short: "m", value: .optional("file"), help: "enter mount namespace")
            case .uts: return ClassicOption("uts", short: "u", value: .optional("file"), help: "enter UTS namespace (hostname etc)")
            case .ipc: return ClassicOption("ipc", short: "i", value: .optional("file"), help: "enter System V IPC namespace")
            case .net: return ClassicOption("net", short: "n", value: .optional("file"), help: "enter network namespace")
            case .netSocket: return ClassicOption("net-socket", short: "N", value: .required("fd"), help: "enter socket's network namespace (use with --target)", since: "2.41")
            case .pid: return ClassicOption("pid", short: "p", value: .optional("file"), help: "enter pid namespace")
            case .cgroup: return ClassicOption("cgroup", short: "C", value: .optional("file"), help: "enter cgroup namespace")
            case .user: return ClassicOption("user", short: "U", value: .optional("file"), help: "enter user namespace")
            case .time: return ClassicOption("time", short: "T", value: .optional("file"), help: "enter time namespace")
            case .setuid: return ClassicOption("setuid", short: "S", value: .required("uid"), help: "set uid in entered namespace")
            case .setgid: return ClassicOption("setgid", short: "G", value: .required("gid"), help: "set gid in entered namespace")
            case .preserveCredentials: return ClassicOption("preserve-credentials", help: "do not touch uids or gids")
            case .keepCaps: return ClassicOption("keep-caps", help: "retain capabilities granted in user namespaces", since: "2.40")
            case .userParent: return ClassicOption("user-parent", help: "enter parent user namespace", since: "2.41")
            case .joinCgroup: return ClassicOption("join-cgroup", short: "c", help: "join the cgroup of the target process", since: "2.40")
            case .root: return ClassicOption("root", short: "r", value: .optional("dir"), help: "set the root directory")
            case .wd: return ClassicOption("wd", short: "w", value: .optional("dir"), help: "set the working directory")
            // 2.38: optional after the long name (a bare --wdns does nothing), required after -W.
            case .wdns: return ClassicOption("wdns", short: "W", value: .optional("dir"), shortValue: .required("dir"), help: "set the working directory in namespace")
            case .env: return ClassicOption("env", short: "e", help: "inherit environment variables from target process", since: "2.39")
            case .noFork: return ClassicOption("no-fork", short: "F", help: "do not fork before exec'ing <program>")
            case .followContext: return ClassicOption("follow-context", short: "Z", help: "set SELinux context according to --target PID")
            case .help: return .help()
            case .version: return .version()
            }
        }
    }

    var tool: XNsenter = {
        var tool = XNsenter(command: [])
        tool.entersThroughNamespaceFiles = true
        return tool
    }()
    /// Of --wd and --wdns, the one given first (util-linux refuses the other).
    var workingDirectoryOption: Option?

    /// util-linux's exclusive group {--wdns, --wd}, checked as each comes.
    mutating func excludeEachOther(_ option: Option) throws(XError) {
        if let first = workingDirectoryOption, first != option {
            throw XError("mutually exclusive arguments: --wdns --wd")
        }
        workingDirectoryOption = option
    }

    mutating func read(_ option: Option, _ value: String?) throws(XError) {
        switch option {
        case .all: tool.all = true
        case .target: tool.target = Int32(bitPattern: try utilLinuxNumber(value, "failed to parse pid"))
        case .mount, .uts, .ipc, .net, .pid, .cgroup, .user, .time:
            if let kind = NamespaceKind(rawValue: option.option.long ?? "") { tool.namespaces.select(kind, file: value) }
        case .netSocket: tool.netSocket = Int32(bitPattern: try utilLinuxNumber(value, "failed to parse file descriptor"))
        case .setuid: tool.setuid = try utilLinuxNumber(value, "failed to parse uid")
        case .setgid: tool.setgid = try utilLinuxNumber(value, "failed to parse gid")
        case .preserveCredentials: tool.preserveCredentials = true
        case .keepCaps: tool.keepCaps = true
        case .userParent: tool.userParent = true
        case .joinCgroup: tool.joinCgroup = true
        case .root: if let value { tool.rootDir = value } else { tool.root = true }
        case .wd:
            try excludeEachOther(option)
            if let value { tool.wdDir = value } else { tool.wd = true }
        case .wdns:
            try excludeEachOther(option)
            tool.wdns = value
        case .env: tool.env = true
        case .noFork: tool.noFork = true
        case .followContext: tool.followContext = true
        case .help, .version: break
        }
    }

    mutating func readOperands(_ words: [String]) throws(XError) {
        tool.command = words
    }

    /// util-linux's checks, in its order, then xnsenter's entry.
    func perform() throws(XError) -> Never {
        if tool.followContext && tool.target == nil {
            throw XError("no target PID specified for --follow-context")
        }
        if tool.all && tool.target == nil {
            throw XError("no target PID specified for --all")
        }
        if tool.netSocket != nil && tool.target == nil {
            throw XError("no target PID specified for --net-socket")
        }
        if tool.joinCgroup && tool.target == nil {
            throw XError("no target PID specified for --join-cgroup")
        }
        if tool.env && tool.target == nil {
            throw XError("neither filename nor target pid supplied for environ")
        }
        var tool = tool
        let usesTarget = tool.all || tool.root || tool.wd || tool.env || tool.followContext || tool.netSocket != nil
            || tool.joinCgroup || !tool.namespaces.asked.isEmpty
        // util-linux reads the target only for what needs it.
        if !usesTarget { tool.target = nil }
        if tool.target == nil {
            // The namespaces in util-linux's order, each needing a FILE or the target.
            for kind in [NamespaceKind.user, .cgroup, .ipc, .uts, .net, .pid, .mount, .time] where tool.namespaces.asked.contains(kind) {
                throw XError("neither filename nor target pid supplied for ns/\(kind.procName)")
            }
            if tool.root { throw XError("neither filename nor target pid supplied for root") }
            if tool.wd { throw XError("neither filename nor target pid supplied for cwd") }
        }
        do {
            try tool.enter(credentialRule: .strict)
        } catch {
            throw Self.wording(error, tool)
        }
    }

    /// util-linux's words for the step that failed.
    static func wording(_ error: XError, _ tool: XNsenter) -> XError {
        guard let operation = error.operation else { return error }
        switch operation {
        case .setns(let kind):
            return XError("reassociate to namespace 'ns/\(kind.procName)' failed", errno: error.errno ?? EINVAL)
        case .openNamespace(let path):
            return XError("cannot open \(path)", errno: error.errno)
        case .openTarget(let pid):
            // util-linux opens /proc/PID/ns/NAME: a process that is not there is ENOENT.
            let first = [NamespaceKind.user, .cgroup, .ipc, .uts, .net, .pid, .mount, .time].first { tool.namespaces.asked.contains($0) }
            let file = first.map { "ns/" + $0.procName } ?? (tool.root ? "root" : tool.wd ? "cwd" : "ns/user")
            return XError("cannot open /proc/\(pid)/\(file)", errno: error.errno == ESRCH ? ENOENT : error.errno)
        case .openParentUserNamespace: return XError("failed to open parent namespace", errno: error.errno)
        case .joinCgroup where error.message.hasPrefix("--join-cgroup needs"): return XError("--join-cgroup is only supported in cgroup v2")
        case .setgroups: return XError("setgroups failed", errno: error.errno)
        case .setgid: return XError("setgid failed", errno: error.errno)
        case .setuid: return XError("setuid failed", errno: error.errno)
        case .chroot: return XError("chroot failed", errno: error.errno)
        // 2.38 opens --wdns and words a failure so.
        case .chdir(let path) where path == tool.wdns: return XError("cannot open current working directory", errno: error.errno)
        case .chdir(let path): return XError("cannot change directory to \(path)", errno: error.errno)
        case .open(let path): return XError("cannot open \(path)", errno: error.errno)
        case .execute(let command, let err):
            return utilLinuxExecFailure(command, errno: err)
        default: return error
        }
    }
}
