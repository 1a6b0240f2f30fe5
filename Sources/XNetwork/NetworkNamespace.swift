import CLinux
import Glibc
import XCore

/// An open network namespace: a netlink route socket that talks to it, and
/// an fd naming it (for setns(2) and IFLA_NET_NS_FD). To get a socket in
/// another namespace the tool enters it, creates the socket and returns at
/// once, so it always ends in the namespace it started in. Nothing here needs
/// /proc: a FILE or an inherited fd is an nsfs file, a process is reached
/// through a pidfd, and the current namespace through ioctl(SIOCGSKNS).
public final class NetworkNamespace {
    public let source: NamespaceSource
    public let socket: RouteSocket
    private var handle: FileDescriptor?

    private init(source: NamespaceSource, socket: RouteSocket, handle: FileDescriptor?) {
        self.source = source
        self.socket = socket
        self.handle = handle
    }

    /// The namespace the tool runs in.
    public static func current() throws(XError) -> NetworkNamespace {
        NetworkNamespace(source: .current, socket: try RouteSocket.connect(for: .current, changesState: false), handle: nil)
    }

    /// An fd of the namespace (-1 in a dry run when none could be had).
    public func fd() throws(XError) -> Int32 {
        if let handle { return handle.raw }
        let made = try socket.namespaceHandle()
        handle = made
        return made.raw
    }

    /// Opens the namespace `source` names, entering it from `home` (the
    /// current namespace) for its socket. `home` itself for `.current`.
    public static func open(_ source: NamespaceSource, from home: NetworkNamespace) throws(XError) -> NetworkNamespace {
        let entry: FileDescriptor
        switch source {
        case .current: return home
        case .file(let path): entry = try openFile(path, source)
        case .process(let pid): entry = try openProcess(pid, source)
        case .inherited(let fd): entry = try adoptInherited(fd, source)
        }
        let homeFD = try home.fd()
        try enter(entry.raw, source.label)
        let socket: RouteSocket
        var handle = entry
        do throws(XError) {
            socket = try RouteSocket.connect(for: source, changesState: true)
            // A pidfd enters the namespace but cannot name it in a netlink
            // request: take a real namespace fd from the socket.
            if case .process = source {
                handle = socket.isConnected ? try socket.namespaceHandle() : FileDescriptor(adopting: -2)
            }
        } catch {
            try enter(homeFD, "the original network namespace")
            throw error
        }
        try enter(homeFD, "the original network namespace")
        return NetworkNamespace(source: source, socket: socket, handle: handle)
    }

    static func openFile(_ path: String, _ source: NamespaceSource) throws(XError) -> FileDescriptor {
        // O_NONBLOCK and O_NOCTTY: a FIFO or a terminal named as FILE must not hang the tool.
        let (fd, err) = FileDescriptor.open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard let fd else {
            throw XError.step("cannot open the network namespace", path, errno: err,
                              hint: err == ENOENT ? "create it first (ip netns add NAME, unshare --net=FILE or xunshare --net=FILE), or name a process with --pid" : NetworkHints.forError(err))
        }
        try checkType(fd.raw, source)
        return fd
    }

    static func openProcess(_ pid: Int32, _ source: NamespaceSource) throws(XError) -> FileDescriptor {
        let result = systemCall("pidfd_open", "\(pid), 0", changesState: false) { xns_pidfd_open(pid, 0) }
        if result.failed {
            throw XError.step("cannot open process \(pid) for its network namespace", errno: result.errno,
                              hint: result.errno == ESRCH ? "the process has exited, and its namespace with it unless it was persisted" : nil)
        }
        return FileDescriptor(adopting: result.value)
    }

    /// An fd handed down by the caller: checked, made close-on-exec (so
    /// COMMAND does not inherit it), and owned from now on.
    static func adoptInherited(_ fd: Int32, _ source: NamespaceSource) throws(XError) -> FileDescriptor {
        let result = systemCall("fcntl", "\(fd), F_SETFD, FD_CLOEXEC", changesState: false) { fcntl(fd, F_SETFD, FD_CLOEXEC) }
        if result.failed {
            throw XError.step("cannot use fd \(fd) as a network namespace", errno: result.errno,
                              hint: "open it for the tool in the shell, e.g. \(fd)</proc/PID/ns/net or \(fd)</run/netns/NAME")
        }
        let owned = FileDescriptor(adopting: fd)
        try checkType(fd, source)
        return owned
    }

    /// ioctl(NS_GET_NSTYPE): the file must be a network namespace.
    static func checkType(_ fd: Int32, _ source: NamespaceSource) throws(XError) {
        let result = systemCall("ioctl", "\(fd), NS_GET_NSTYPE", changesState: false) { xns_ns_get_nstype(fd) }
        if result.failed {
            throw XError("\(subject(source)) is not a namespace", hint: "persisted namespaces are nsfs files: ip netns add NAME makes /run/netns/NAME")
        }
        if result.value != xns_CLONE_NEWNET {
            throw XError("\(subject(source)) is a \(typeName(result.value)) namespace, not a network namespace")
        }
    }

    static func subject(_ source: NamespaceSource) -> String {
        switch source {
        case .file(let path): return quoted(path)
        case .inherited(let fd): return "fd \(fd)"
        default: return source.label
        }
    }

    static func typeName(_ type: Int32) -> String {
        let names: [(Int32, String)] = [(xns_CLONE_NEWNS, "mount"), (xns_CLONE_NEWUTS, "uts"), (xns_CLONE_NEWIPC, "ipc"),
                                        (xns_CLONE_NEWUSER, "user"), (xns_CLONE_NEWPID, "pid"),
                                        (xns_CLONE_NEWCGROUP, "cgroup"), (xns_CLONE_NEWTIME, "time")]
        return names.first { $0.0 == type }?.1 ?? "different"
    }

    static func enter(_ fd: Int32, _ what: String) throws(XError) {
        let result = systemCall("setns", "\(fd), CLONE_NEWNET") { xns_setns(fd, xns_CLONE_NEWNET) }
        if result.failed {
            throw XError.step("cannot enter \(what)", errno: result.errno, hint: NetworkHints.forError(result.errno))
        }
    }
}
