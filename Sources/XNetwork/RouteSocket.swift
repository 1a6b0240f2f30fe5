import CLibNL
import CLinux
import Glibc
import XCore

/// A NETLINK_ROUTE socket through libnl-route-3. A netlink socket talks to the
/// network namespace it was created in, whatever namespace the process is in
/// later. Every request is traced as one readable line, e.g.
/// `xveth[12]: RTM_NEWADDR 10.77.0.1/24 dev vh0 = 0`, followed by the
/// namespace it went to when that is not the current one. The kernel's errno
/// is kept from the NLMSG_ERROR answer (libnl only keeps its own codes).
public final class RouteSocket {
    /// nil in a dry run for a namespace that was not entered: requests are shown only.
    let socket: OpaquePointer?
    /// The namespace, for messages and traces.
    public let namespace: NamespaceSource
    /// The errno of the last NLMSG_ERROR answer, 0 if none.
    fileprivate var kernelError: Int32 = 0

    private init(socket: OpaquePointer?, namespace: NamespaceSource) {
        self.socket = socket
        self.namespace = namespace
    }

    deinit {
        // Closes the fd too.
        if let socket { nl_socket_free(socket) }
    }

    /// Creates and binds the socket (libnl makes it SOCK_CLOEXEC) in the
    /// namespace the process is in now. A socket for another namespace
    /// (`changesState`) is not made in a dry run, since that namespace is not
    /// entered either.
    static func connect(for namespace: NamespaceSource, changesState: Bool) throws(XError) -> RouteSocket {
        guard let socket = nl_socket_alloc() else {
            throw XError("cannot allocate a netlink socket", errno: ENOMEM)
        }
        let result = tracedCall("socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE)", changesState: changesState) {
            errno = 0
            let code = nl_connect(socket, NETLINK_ROUTE)
            if code < 0 {
                errno = systemErrno(errno, for: code) ?? errnoForLibnl(-code)
                return -1
            }
            return nl_socket_get_fd(socket)
        }
        if result.failed {
            nl_socket_free(socket)
            throw XError.step("cannot open a netlink socket in \(namespace.label)", errno: result.errno,
                              hint: NetworkHints.forError(result.errno))
        }
        if Trace.isDryRun && changesState {
            nl_socket_free(socket)
            return RouteSocket(socket: nil, namespace: namespace)
        }
        let made = RouteSocket(socket: socket, namespace: namespace)
        // Answers are matched to requests by reading away stale ones before
        // each request (discardStaleAnswers): libnl's own sequence check
        // would, after one lost answer, refuse every later answer as EPROTO.
        nl_socket_disable_seq_check(socket)
        nl_socket_modify_err_cb(socket, NL_CB_CUSTOM, recordKernelError, Unmanaged.passUnretained(made).toOpaque())
        return made
    }

    /// The socket's fd, -1 when there is none (dry run).
    public var fd: Int32 { socket.map { nl_socket_get_fd($0) } ?? -1 }

    /// Whether requests really reach the kernel (false only in a dry run).
    public var isConnected: Bool { socket != nil }

    /// An fd of the socket's network namespace (ioctl SIOCGSKNS): a handle
    /// for setns(2) and IFLA_NET_NS_FD that needs no /proc. It is only needed
    /// to enter or to move a link, neither of which a dry run does, so a dry
    /// run only shows it (and hands on -2, no fd).
    func namespaceHandle() throws(XError) -> FileDescriptor {
        let fd = self.fd
        let result = systemCall("ioctl", "\(fd), SIOCGSKNS", dryRunValue: -2) { xns_socket_netns(fd) }
        if result.failed {
            throw XError.step("cannot open a handle on \(namespace.label)", errno: result.errno,
                              hint: NetworkHints.forError(result.errno))
        }
        return FileDescriptor(adopting: result.value)
    }

    /// One request. `body` gets the libnl socket and returns libnl's 0 or
    /// -NLE_*; the result carries the kernel's errno. `changesState: false`
    /// requests only look, and are made in a dry run too when they can be.
    func request(_ text: String, changesState: Bool = true, _ body: (OpaquePointer) -> Int32) -> CallResult {
        let call = text + (namespace.traceLabel.map { " (\($0))" } ?? "")
        guard let socket else {
            // Only in a dry run, for a namespace that was not entered.
            return tracedCall(call, changesState: true) { 0 }
        }
        var systemCallFailed = false
        let result = tracedCall(call, changesState: changesState) {
            perform(socket, body, systemCallFailed: &systemCallFailed)
        }
        lastAnswerLost = result.failed && systemCallFailed
        return result
    }

    /// A request without a trace line of its own (a poll that traces once
    /// for all its requests): 0, or -1 with the errno `request` would give.
    func untracedRequest(_ body: (OpaquePointer) -> Int32) -> Int32 {
        guard let socket else { return 0 }
        var systemCallFailed = false
        let value = perform(socket, body, systemCallFailed: &systemCallFailed)
        lastAnswerLost = value < 0 && systemCallFailed
        return value
    }

    private func perform(_ socket: OpaquePointer, _ body: (OpaquePointer) -> Int32, systemCallFailed: inout Bool) -> Int32 {
        discardStaleAnswers()
        kernelError = 0
        errno = 0
        let code = body(socket)
        let systemError = errno
        if code >= 0 { return 0 }
        // The kernel's answer, else the errno of the sendmsg or recvmsg.
        let failedCall = kernelError == 0 ? systemErrno(systemError, for: code) : nil
        systemCallFailed = failedCall != nil
        errno = kernelError != 0 ? kernelError : failedCall ?? errnoForLibnl(-code)
        return -1
    }

    /// Whether the last request failed without an answer from the kernel (a
    /// sendmsg or recvmsg that failed): the kernel may have carried it out.
    public private(set) var lastAnswerLost = false

    /// rtnetlink answers a request before sendmsg returns. An answer a failed
    /// recvmsg left queued (or an ACK libnl did not wait for after a lookup
    /// whose last recvmsg failed) would be taken by the next request for its
    /// own: it is read away first. Traced only when there was one.
    private func discardStaleAnswers() {
        let fd = self.fd
        guard fd >= 0 else { return }
        // The buffer only once something is there: usually nothing is, and
        // zeroing 32 KB before every request was a fifth of xveth's work.
        var buffer: [UInt8] = []
        while true {
            var pending = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pending, 1, 0) == 1 else { return }
            if buffer.isEmpty { buffer = [UInt8](repeating: 0, count: 32768) }
            let result = systemCall("recv", "\(fd), …, \(buffer.count), MSG_DONTWAIT", changesState: false) {
                Int32(truncatingIfNeeded: buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) })
            }
            if result.failed ? result.errno != EINTR : result.value <= 0 { return }
        }
    }
}

/// libnl's error callback: keeps the kernel's errno, then stops as libnl's own handler would.
private let recordKernelError: nl_recvmsg_err_cb_t = { _, message, argument in
    if let message, let argument {
        Unmanaged<RouteSocket>.fromOpaque(argument).takeUnretainedValue().kernelError = -message.pointee.error
    }
    return Int32(NL_STOP.rawValue)
}

/// The errno of the system call whose failure libnl turned into `code`
/// (-NLE_*), when errno still holds it: ENOBUFS or EMFILE rather than the
/// ENOMEM or EPROTO its NLE_NOMEM or NLE_FAILURE would be read back as.
func systemErrno(_ err: Int32, for code: Int32) -> Int32? {
    err != 0 && nl_syserr2nlerr(err) == -code ? err : nil
}

/// The errno for a libnl error that did not come from the kernel.
func errnoForLibnl(_ code: Int32) -> Int32 {
    switch code {
    case NLE_NOMEM: return ENOMEM
    case NLE_BAD_SOCK: return EBADF
    case NLE_INTR: return EINTR
    case NLE_AGAIN: return EAGAIN
    case NLE_EXIST: return EEXIST
    case NLE_INVAL: return EINVAL
    case NLE_RANGE: return ERANGE
    case NLE_MSGSIZE: return EMSGSIZE
    case NLE_OPNOTSUPP: return EOPNOTSUPP
    case NLE_AF_NOSUPPORT: return EAFNOSUPPORT
    case NLE_OBJ_NOTFOUND: return ENOENT
    case NLE_NODEV: return ENODEV
    case NLE_BUSY: return EBUSY
    case NLE_NOACCESS: return EACCES
    case NLE_PERM: return EPERM
    default: return EPROTO
    }
}
