import CLinux
import Glibc

/// Entering existing namespaces with setns(2) — a target process's, or those
/// kept on files — all or nothing: every namespace is opened and checked
/// before the first setns (a FILE must be a namespace of the kind it is given
/// for), so bad input costs nothing; a setns that fails ends the tool before
/// COMMAND runs.
///
/// The target's namespaces are entered through its pidfd, all of them in one
/// setns(pidfd, flags) (Linux >= 5.8), which the kernel makes atomic; older
/// kernels get one fd per namespace from /proc/PID/ns. The order is
/// util-linux nsenter's: a first pass enters every namespace but the user
/// namespace and passes over refusals; a second enters the user namespace
/// and retries the rest, now reporting failures. So a privileged caller
/// enters the user namespace last (dropping privilege), an unprivileged one
/// first (gaining the privilege the others need).
public final class NamespaceEntry {
    /// Where a namespace to enter comes from.
    public enum Source: Equatable, Sendable {
        /// The target process's namespace of that kind.
        case target
        /// A namespace file: /proc/PID/ns/NAME, or a file one is bind-mounted
        /// on (`xunshare --net=FILE`, `ip netns add`).
        case file(String)
        /// The network namespace of the target's socket FD (SIOCGSKNS).
        case socket(Int32)
    }

    public struct Request: Equatable, Sendable {
        public var kind: NamespaceKind
        public var source: Source

        public init(_ kind: NamespaceKind, from source: Source) {
            self.kind = kind
            self.source = source
        }
    }

    /// One setns(2) call.
    enum Step: Equatable {
        /// setns(pidfd, flags of the kinds).
        case target(Set<NamespaceKind>)
        /// setns(fd, flag) of a namespace opened on its own.
        case single(NamespaceKind)
    }

    /// A namespace opened as an fd of its own, with where it came from in
    /// words ("'/run/netns/blue'", "process 42").
    struct Opened {
        let fd: FileDescriptor
        let origin: String
        /// A namespace FILE, not a process's: no ptrace check stood in the way.
        var isFile = false
    }

    private let target: TargetProcess?
    /// The kinds entered through the target's pidfd, in one call.
    private var throughTarget: Set<NamespaceKind>
    private var opened: [NamespaceKind: Opened]
    /// Every kind entered.
    public let kinds: Set<NamespaceKind>

    private init(target: TargetProcess?, throughTarget: Set<NamespaceKind>, opened: [NamespaceKind: Opened]) {
        self.target = target
        self.throughTarget = throughTarget
        self.opened = opened
        kinds = throughTarget.union(opened.keys)
    }

    /// Opens and checks every namespace of `requests`; enters none.
    /// `userParent` (util-linux's --user-parent): the user namespace entered
    /// is the parent of the one asked for, or, without --user, the user
    /// namespace that owns the first other namespace asked for.
    public static func open(_ requests: [Request], target: TargetProcess?, userParent: Bool = false,
                            kernel: KernelVersion? = KernelVersion.running) throws(XError) -> NamespaceEntry {
        let usePidfd = target?.handle != nil && (kernel.map { $0 >= KernelVersion.setnsOnPidfd } ?? false)
        var throughTarget = Set<NamespaceKind>()
        var opened: [NamespaceKind: Opened] = [:]
        for request in requests {
            switch request.source {
            case .file(let path):
                opened[request.kind] = Opened(fd: try openFile(path, kind: request.kind), origin: quoted(path), isFile: true)
            case .socket(let fd):
                guard let target else { preconditionFailure("a socket's namespace needs a target") }
                opened[request.kind] = Opened(fd: try target.socketNetworkNamespace(fd), origin: target.name)
            case .target where usePidfd:
                throughTarget.insert(request.kind)
            case .target:
                guard let target else { preconditionFailure("a target namespace needs a target") }
                let (fd, err) = target.namespace(request.kind)
                guard let fd else {
                    throw XError("cannot enter the \(request.kind.rawValue) namespace of \(target.name) (\(target.procPath("ns/" + request.kind.procName)))",
                                 errno: err, hint: target.procHint(err))
                        .failing(.openNamespace(target.procPath("ns/" + request.kind.procName)))
                }
                opened[request.kind] = Opened(fd: fd, origin: target.name)
            }
        }
        if userParent {
            opened[.user] = try parentUserNamespace(requests, opened: opened, target: target)
            throughTarget.remove(.user)
        }
        return NamespaceEntry(target: target, throughTarget: throughTarget, opened: opened)
    }

    /// --user-parent: NS_GET_PARENT of the user namespace asked for, else
    /// NS_GET_USERNS of the first other namespace asked for.
    static func parentUserNamespace(_ requests: [Request], opened: [NamespaceKind: Opened],
                                    target: TargetProcess?) throws(XError) -> Opened {
        let base = requests.first { $0.kind == .user } ?? requests.first
        guard let base else {
            throw XError.usage("--user-parent needs a namespace to take the user namespace from (--user, or another one)")
        }
        let origin: String
        let fd: FileDescriptor
        if let known = opened[base.kind] {
            (fd, origin) = (known.fd, known.origin)
        } else if let target {
            let (got, err) = target.namespace(base.kind)
            guard let got else {
                throw XError("cannot open the \(base.kind.rawValue) namespace of \(target.name)", errno: err, hint: target.procHint(err))
                    .failing(.openParentUserNamespace)
            }
            (fd, origin) = (got, target.name)
        } else {
            throw XError.usage("--user-parent needs --target PID or a namespace FILE")
        }
        let raw = fd.raw
        let result = base.kind == .user
            ? systemCall("ioctl", "\(raw), NS_GET_PARENT", changesState: false) { xns_ns_get_parent(raw) }
            : systemCall("ioctl", "\(raw), NS_GET_USERNS", changesState: false) { xns_ns_get_userns(raw) }
        guard !result.failed else {
            throw XError("cannot open the parent user namespace of the \(base.kind.rawValue) namespace of \(origin)", errno: result.errno,
                         hint: result.errno == EPERM ? "the parent is outside the user namespace this process is in: it cannot be reached from here" : nil)
                .failing(.openParentUserNamespace)
        }
        return Opened(fd: FileDescriptor(adopting: result.value), origin: "the parent user namespace of \(origin)")
    }

    /// A namespace FILE, opened (without blocking on a FIFO or taking a
    /// terminal) and checked with NS_GET_NSTYPE to be a namespace of `kind`.
    static func openFile(_ path: String, kind: NamespaceKind) throws(XError) -> FileDescriptor {
        let action = "cannot enter the \(kind.rawValue) namespace of \(quoted(path))"
        let (fd, err) = FileDescriptor.open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard let fd else {
            throw XError(action, errno: err, hint: err == ENOENT ? fileHint(kind) : nil).failing(.openNamespace(path))
        }
        let type = systemCall("ioctl", "\(fd.raw), NS_GET_NSTYPE", changesState: false) { xns_ns_get_nstype(fd.raw) }
        if type.failed {
            guard type.errno == ENOTTY else { throw XError(action, errno: type.errno).failing(.openNamespace(path)) }
            // setns(2) would refuse it: EINVAL.
            throw XError("\(action): not a namespace file",
                         hint: fileHint(kind) + "; once its namespace is released (umount) such a file is an ordinary file again")
                .failing(.setns(kind))
        }
        let actual = NamespaceKind(cloneFlag: type.value)
        guard actual == kind else {
            throw XError("\(action): it is \(actual.map { "a \($0.rawValue) namespace" } ?? "a namespace of another kind")",
                         hint: actual.map { "enter it with \($0.optionName)=\(path)" })
                .failing(.setns(kind))
        }
        return fd
    }

    static func fileHint(_ kind: NamespaceKind) -> String {
        "FILE is /proc/PID/ns/\(kind.procName) or a file a namespace is kept on (xunshare \(kind.optionName)=FILE, ip netns add)"
    }

    /// util-linux's --all: every namespace of the target but those this
    /// process is in already, which there is nothing to enter (and which an
    /// unprivileged caller could not enter: the cgroup or time namespace it
    /// shares with its own rootless chain is owned by the host's user
    /// namespace; setns refuses the caller's own user namespace to anyone).
    /// Kinds this kernel does not have are left out. `given` kinds come from
    /// elsewhere (a FILE).
    public static func allRequests(of target: TargetProcess, except given: Set<NamespaceKind>) throws(XError) -> [Request] {
        let (own, ownErr) = TargetProcess.open(getpid())
        guard let own else { throw XError("cannot open this process", errno: ownErr) }
        var requests: [Request] = []
        for kind in NamespaceKind.allCases where !given.contains(kind) {
            guard case .success(let ours) = own.namespaceIdentity(kind) else {
                if Trace.isTracing { Trace.line("no \(kind.rawValue) namespace on this kernel: not entered") }
                continue
            }
            switch target.namespaceIdentity(kind) {
            case .failure(let error):
                throw XError("cannot enter the namespaces of \(target.name)", errno: error.errno,
                             hint: target.procHint(error.errno))
            case .success(let theirs) where theirs.device == ours.device && theirs.inode == ours.inode:
                if Trace.isTracing { Trace.line("\(kind.rawValue) namespace: \(target.name) is in this process's already: not entered") }
            case .success:
                requests.append(Request(kind, from: .target))
            }
        }
        return requests
    }

    /// The steps of one pass over what is left to enter. The first pass
    /// leaves the user namespace out; the second starts with it.
    static func steps(throughTarget: Set<NamespaceKind>, single: Set<NamespaceKind>, withUser: Bool) -> [Step] {
        var steps: [Step] = []
        if withUser && single.contains(.user) { steps.append(.single(.user)) }
        let targetKinds = withUser ? throughTarget : throughTarget.subtracting([.user])
        if !targetKinds.isEmpty { steps.append(.target(targetKinds)) }
        for kind in NamespaceKind.allCases where kind != .user && single.contains(kind) {
            steps.append(.single(kind))
        }
        return steps
    }

    /// Enters every namespace, in two passes (see the type's description).
    public func enter() throws(XError) {
        for withUser in [false, true] {
            let steps = Self.steps(throughTarget: throughTarget, single: Set(opened.keys), withUser: withUser)
            for step in steps {
                let result = perform(step)
                if !result.failed {
                    switch step {
                    case .target(let kinds): throughTarget.subtract(kinds)
                    case .single(let kind): opened[kind] = nil
                    }
                } else if withUser {
                    throw failure(step, errno: result.errno)
                }
            }
        }
    }

    private func perform(_ step: Step) -> CallResult {
        switch step {
        case .target(let kinds):
            let pidfd = target?.handle?.raw ?? -1
            let flags = NamespaceKind.flags(kinds)
            return systemCall("setns", "\(pidfd), \(NamespaceKind.traceFlags(flags))") { xns_setns(pidfd, flags) }
        case .single(let kind):
            let fd = opened[kind]?.fd.raw ?? -1
            return systemCall("setns", "\(fd), \(kind.flagName)") { xns_setns(fd, kind.cloneFlag) }
        }
    }

    private func failure(_ step: Step, errno err: Int32) -> XError {
        let kinds: [NamespaceKind]
        let origin: String
        var fromFile = false
        switch step {
        case .target(let set):
            kinds = NamespaceKind.allCases.filter(set.contains)
            origin = target?.name ?? "the target"
        case .single(let kind):
            kinds = [kind]
            origin = opened[kind]?.origin ?? "the target"
            fromFile = opened[kind]?.isFile ?? false
        }
        let message = "cannot enter \(Self.describe(Set(kinds))) of \(origin)"
        let operation = FailedOperation.setns(kinds.first ?? .mount)
        if err == ESRCH, let target, case .target = step { return XError(message, errno: err, hint: target.endedHint).failing(operation) }
        return XError(message, errno: err, hint: Self.hint(for: err, kinds: Set(kinds), unprivileged: geteuid() != 0, fromFile: fromFile))
            .failing(operation)
    }

    /// "the mount, net namespaces", "the user namespace": kinds in words.
    public static func describe(_ kinds: Set<NamespaceKind>) -> String {
        let names = NamespaceKind.allCases.filter(kinds.contains).map(\.rawValue)
        return "the \(names.joined(separator: ", ")) namespace\(names.count > 1 ? "s" : "")"
    }

    /// The likely cause of a refused setns, and the fix.
    static func hint(for err: Int32, kinds: Set<NamespaceKind>, unprivileged: Bool, fromFile: Bool = false) -> String? {
        switch err {
        case EPERM where unprivileged && kinds.contains(.user):
            return "entering a user namespace needs CAP_SYS_ADMIN in it: only the user who created it, or root, can"
        case EPERM where unprivileged:
            return "entering a namespace needs CAP_SYS_ADMIN in the user namespace that owns it: enter that user namespace too (-U, or --all) if it is yours, or run as root"
        case EPERM where kinds.contains(.user):
            return "a user namespace cannot be entered from a chroot"
        case EPERM where fromFile:
            // Root, and a file: no target to be protected.
            return Privilege.refusedDespite("CAP_SYS_ADMIN")
        case EPERM:
            return "the target may be protected from ptrace-like access (not dumpable, or a security module)"
        case EINVAL where kinds.contains(.user):
            return "this process is in that user namespace already (setns cannot re-enter it: leave out -U), or it is multithreaded"
        case EINVAL:
            return "this kernel may lack the namespace kind, or the namespace is not of the kind asked for"
        case EUSERS:
            return "a time namespace can only be entered by a single-threaded process"
        default:
            return nil
        }
    }
}

extension NamespaceKind {
    /// The kind of a CLONE_NEW* flag, as NS_GET_NSTYPE returns it.
    public init?(cloneFlag: Int32) {
        guard let kind = NamespaceKind.allCases.first(where: { $0.cloneFlag == cloneFlag }) else { return nil }
        self = kind
    }
}
