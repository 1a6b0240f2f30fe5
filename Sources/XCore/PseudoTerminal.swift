import CLinux
import Glibc

/// A pseudo-terminal pair for a forked child's console (xunshare --console):
/// the child gets the slave as its controlling terminal and stdio, the
/// parent relays the master (ConsoleRelay). Opened before the fork, in the
/// host's /dev/pts, where xmountapi --console finds the slave again by the
/// name of the child's stdin.
public final class PseudoTerminal {
    public let master: FileDescriptor
    public let slave: FileDescriptor
    public let name: String

    public init() throws(XError) {
        var buffer = [CChar](repeating: 0, count: 128)
        let opened = systemCall("posix_openpt", "O_RDWR|O_NOCTTY|O_CLOEXEC (granted, unlocked)") {
            xns_open_pseudo_terminal(&buffer, buffer.count)
        }
        let raw = try opened.orThrow("--console: cannot open a pseudo-terminal", "/dev/ptmx",
                                     hint: "is devpts mounted on /dev/pts, with /dev/ptmx?")
        master = FileDescriptor(adopting: raw)
        name = String(cString: buffer)
        // Through the master: a path could name another devpts instance.
        let peer = systemCall("ioctl", "\(raw), TIOCGPTPEER, O_RDWR|O_NOCTTY|O_CLOEXEC") { xns_open_pty_peer(raw) }
        if !peer.failed {
            slave = FileDescriptor(adopting: peer.value)
        } else if peer.errno == EINVAL || peer.errno == ENOTTY {
            // Before Linux 4.13: by its name.
            let (opened, err) = FileDescriptor.open(name, O_RDWR | O_NOCTTY)
            guard let opened else { throw XError.step("--console: cannot open", name, errno: err) }
            slave = opened
        } else {
            throw XError.step("--console: cannot open the pseudo-terminal's slave", name, errno: peer.errno)
        }
    }

    /// In the child: a session of its own, with the slave as its controlling
    /// terminal and as stdin, stdout and stderr.
    public func becomeConsole() throws(XError) {
        try systemCall("setsid", "") { setsid() }.orThrow("--console: cannot start a session")
        let fd = slave.raw
        try systemCall("ioctl", "\(fd), TIOCSCTTY, 0") { xns_set_controlling_terminal(fd) }
            .orThrow("--console: cannot make the controlling terminal", name)
        for target: Int32 in 0...2 {
            try systemCall("dup2", "\(fd), \(target)") { dup2(fd, target) }.orThrow("--console: cannot reopen standard stream \(target) on", name)
        }
    }
}
