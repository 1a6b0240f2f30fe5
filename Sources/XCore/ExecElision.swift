import CLinux
import Glibc

/// Exec elision: when the next link is this very binary — the build
/// installs the five tools as links to one multicall file — it runs in this
/// process instead of being exec'ed, so a chain of x-tools starts the Swift
/// runtime and parses with a cold cache once, not once per link.
///
/// It is done only where the outcome is the one execve(2) would give: the
/// file execvp(3) would run is the file this process was started from (same
/// device and inode, found by the same PATH search in the current root), it
/// is executable by the effective ids on a mount without noexec, it has no
/// set-id bit and no file capabilities, and exec would leave the
/// credentials as they are (`ExecCredentials.survivesExec`: not, for
/// instance, after unshare(CLONE_NEWUSER) without a root mapping, where
/// exec drops every capability). Then what exec does is done by hand: the
/// close-on-exec fds are closed, caught signals go back to their default
/// action, the process name becomes the file's, and the next tool sees the
/// argv execve would have passed. What stays different is only what a
/// process cannot change about itself: /proc/PID/cmdline still shows the
/// first link's command line, and the memory the earlier links used is not
/// given back. `XNS_EXEC_ELISION=0` turns it off (every link is exec'ed).
public enum ExecElision {
    /// Runs the tool named by `argv[0]` (or the file name of `path`) in this
    /// process; set by the multicall binary's main. nil: never elide.
    nonisolated(unsafe) public static var runner: ((_ path: String, _ argv: [String]) -> Never)?

    public static let switchVariable = "XNS_EXEC_ELISION"

    /// Without /proc the close-on-exec fds are found by probing every fd
    /// number; past this many an exec is cheaper.
    static let probeLimit = 4096

    /// Runs `argv` here instead of execve(`path`, `argv`) when that is
    /// equivalent (see above); returns when it is not, and the caller execs.
    /// `pointers` are the argv words execve would get, NULL-terminated.
    public static func runIfSameBinary(path: String, argv: [String], pointers: [UnsafeMutablePointer<CChar>?]) {
        guard let runner, isEnabled, isThisBinary(path), let credentials = ExecCredentials.current(),
              credentials.survivesExec,
              let closing = OpenDescriptors.closeOnExec(probeLimit: probeLimit) else { return }
        if Trace.isTracing {
            Trace.line("execve(\(traceString(path)), [\(argv.map(traceString).joined(separator: ", "))]) not made: the same binary runs it in this process")
        }
        for fd in closing { close(fd) }
        resetCaughtSignals()
        _ = xns_set_process_name(fileName(of: path))
        // execve copies argv into the new image; here a copy that is never
        // freed stands in for it (the next tool keeps pointers into it).
        let words = pointers.compactMap { $0 }
        let copy = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: words.count + 1)
        for (index, word) in words.enumerated() { copy[index] = strdup(word) }
        copy[words.count] = nil
        xns_set_arguments(Int32(words.count), UnsafePointer(copy))
        runner(path, argv)
    }

    static var isEnabled: Bool {
        guard let value = getenv(switchVariable) else { return true }
        return String(cString: value) != "0"
    }

    /// Whether execve(`path`) would run the file this process came from,
    /// with no privilege change and no failure.
    static func isThisBinary(_ path: String) -> Bool {
        var device: UInt64 = 0, inode: UInt64 = 0
        var other = stat()
        guard xns_executable_identity(&device, &inode) == 0, stat(path, &other) == 0,
              UInt64(other.st_dev) == device, UInt64(other.st_ino) == inode,
              other.st_mode & S_IFMT == S_IFREG, other.st_mode & (S_ISUID | S_ISGID) == 0,
              faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) == 0,
              xns_mounted_noexec(path) == 0 else { return false }
        // File capabilities would be granted by exec: ENODATA means none.
        return xns_file_capabilities_size(path) < 0 && (errno == ENODATA || errno == ENOTSUP)
    }

    /// execve(2) resets every caught signal to its default action (ignored
    /// ones stay ignored, the mask and pending signals stay).
    static func resetCaughtSignals() {
        let defaultAction = unsafeBitCast(SIG_DFL, to: Int.self)
        let ignore = unsafeBitCast(SIG_IGN, to: Int.self)
        for signal in 1..<Int32(65) where signal != SIGKILL && signal != SIGSTOP {
            var action = sigaction()
            guard sigaction(signal, nil, &action) == 0 else { continue }
            let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
            if handler != defaultAction && handler != ignore {
                Glibc.signal(signal, SIG_DFL)
            }
        }
    }
}
