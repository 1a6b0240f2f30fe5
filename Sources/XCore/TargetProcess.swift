import CLinux
import Glibc

/// A running process named by its PID, whose namespaces, root, working
/// directory or environment a tool takes (`xnsenter --target`). A pidfd
/// (pidfd_open(2), Linux >= 5.3) pins it: setns(2) through the pidfd reaches
/// this process or fails, never another that got the same PID after it
/// ended; files opened from /proc/PID belong to it if it is still running
/// after they were opened (`checkRunning`).
public final class TargetProcess {
    public let pid: pid_t
    /// The pidfd; nil before Linux 5.3.
    public let handle: FileDescriptor?

    init(pid: pid_t, handle: FileDescriptor?) {
        self.pid = pid
        self.handle = handle
    }

    /// pidfd_open(2); the errno when there is no such process (ESRCH).
    public static func open(_ pid: pid_t) -> (TargetProcess?, Int32) {
        let opened = systemCall("pidfd_open", "\(pid), 0", changesState: false) { xns_pidfd_open(pid, 0) }
        if !opened.failed { return (TargetProcess(pid: pid, handle: FileDescriptor(adopting: opened.value)), 0) }
        guard opened.errno == ENOSYS else { return (nil, opened.errno) }
        // Before Linux 5.3 the PID alone names it; kill(pid, 0) says whether it exists.
        let probe = systemCall("kill", "\(pid), 0", changesState: false) { kill(pid, 0) }
        if probe.failed && probe.errno != EPERM { return (nil, probe.errno) }
        return (TargetProcess(pid: pid, handle: nil), 0)
    }

    /// "process 4242", for messages.
    public var name: String { "process \(pid)" }

    /// /proc/PID/`file`.
    public func procPath(_ file: String) -> String { "/proc/\(pid)/\(file)" }

    /// Whether the process has ended: its pidfd is readable once it has
    /// (a zombie that is not yet reaped has ended too).
    public var hasEnded: Bool {
        if let handle {
            var watch = pollfd(fd: handle.raw, events: Int16(POLLIN), revents: 0)
            return poll(&watch, 1, 0) > 0
        }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// After opening files from /proc/PID: they are this process's only if it
    /// has not ended meanwhile (its PID could have been given to another).
    /// `action` is made only for the message: a run that goes on does not pay for it.
    public func checkRunning(_ action: @autoclosure () -> String) throws(XError) {
        if hasEnded {
            throw XError("\(action()) \(name)", errno: ESRCH, hint: endedHint)
        }
    }

    public var endedHint: String {
        "\(name) has ended (a zombie whose parent has not reaped it yet has no namespaces either)"
    }

    /// An fd of the process's namespace of `kind`: from the pidfd
    /// (PIDFD_GET_*_NAMESPACE, Linux >= 6.11), which needs no /proc, else
    /// /proc/PID/ns/NAME. Either needs ptrace read access to the process.
    public func namespace(_ kind: NamespaceKind) -> (FileDescriptor?, Int32) {
        if let handle {
            let flag = kind.cloneFlag
            let got = systemCall("ioctl", "\(handle.raw), PIDFD_GET_\(kind.procName.uppercased())_NAMESPACE", changesState: false) {
                xns_pidfd_namespace(handle.raw, flag)
            }
            if !got.failed { return (FileDescriptor(adopting: got.value), 0) }
            // ENOTTY: a kernel before 6.11; /proc may still tell.
            if got.errno != ENOTTY { return (nil, got.errno) }
        }
        return FileDescriptor.open(procPath("ns/\(kind.procName)"), O_RDONLY)
    }

    /// The identity (device, inode) of the process's namespace of `kind`.
    public func namespaceIdentity(_ kind: NamespaceKind) -> Result<FileStatus, StatusError> {
        let (fd, err) = namespace(kind)
        guard let fd else { return .failure(StatusError(errno: err)) }
        return FileStatus.of("", at: fd.raw)
    }

    /// The network namespace of the process's socket `fd`: the socket is
    /// duplicated through the pidfd (pidfd_getfd(2), Linux >= 5.6, which
    /// needs ptrace attach access) and asked for its namespace (SIOCGSKNS).
    public func socketNetworkNamespace(_ fd: Int32) throws(XError) -> FileDescriptor {
        let action = "cannot enter the net namespace of socket \(fd) of"
        guard let handle else {
            throw XError("\(action) \(name)", errno: ENOSYS, hint: "this needs pidfd_open(2), Linux 5.3 or later")
        }
        let copied = systemCall("pidfd_getfd", "\(handle.raw), \(fd), 0", changesState: false) {
            xns_pidfd_getfd(handle.raw, fd, 0)
        }
        if copied.failed {
            let hint: String?
            switch copied.errno {
            case EBADF: hint = "\(name) has no file descriptor \(fd) (ls -l \(procPath("fd")) lists them)"
            case EPERM: hint = "taking a file descriptor of another process needs ptrace access to it: run as its user or as root"
            case ESRCH: hint = endedHint
            case ENOSYS: hint = "this needs pidfd_getfd(2), Linux 5.6 or later"
            default: hint = nil
            }
            throw XError("\(action) \(name)", errno: copied.errno, hint: hint)
        }
        let socket = FileDescriptor(adopting: copied.value)
        let namespace = systemCall("ioctl", "\(socket.raw), SIOCGSKNS", changesState: false) { xns_socket_netns(socket.raw) }
        if namespace.failed {
            if namespace.errno == ENOTTY {
                throw XError("\(action) \(name): file descriptor \(fd) is not a socket")
            }
            throw XError("\(action) \(name)", errno: namespace.errno)
        }
        return FileDescriptor(adopting: namespace.value)
    }

    /// The process's environment, from /proc/PID/environ: NUL-separated
    /// NAME=VALUE entries, as the process was started with (bytes, as they are).
    public func environment() throws(XError) -> [[UInt8]] {
        let path = procPath("environ")
        let (fd, err) = FileDescriptor.open(path, O_RDONLY)
        guard let fd, let data = fd.readAll() else {
            throw XError("cannot read the environment of \(name) (\(path))", errno: fd == nil ? err : errno,
                         hint: procHint(err))
        }
        return TargetProcess.environmentEntries(data)
    }

    /// Splits /proc/PID/environ; entries without '=' are left out.
    static func environmentEntries(_ data: [UInt8]) -> [[UInt8]] {
        data.split(separator: 0).map(Array.init).filter { $0.contains(UInt8(ascii: "=")) }
    }

    /// The likely cause of a failed open of a /proc/PID file.
    public func procHint(_ err: Int32) -> String? {
        switch err {
        case ENOENT where access("/proc/self", F_OK) != 0:
            return "/proc is not mounted: mount it"
        case ENOENT, ESRCH:
            return endedHint
        case EACCES, EPERM:
            return "reading another user's process needs ptrace access to it: run as its user or as root"
        default:
            return nil
        }
    }
}
