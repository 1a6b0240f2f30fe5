import Glibc

/// Reopens stdin, stdout and stderr on a terminal device, as busybox
/// switch_root -c does for an init that must talk to the console.
public enum Console {
    public static func reopenStandardStreams(on device: String) throws(XError) {
        let result = systemCall("openat", "AT_FDCWD, \(traceString(device)), O_RDWR|O_CLOEXEC") {
            open(device, O_RDWR | O_CLOEXEC)
        }
        let fd = try result.orThrow("cannot open the console", device)
        for target: Int32 in 0...2 {
            if fd == target {
                // open() reused a closed standard fd: dup2 would do nothing,
                // and O_CLOEXEC would close it at exec. Clear the flag instead.
                try systemCall("fcntl", "\(fd), F_SETFD, 0") { fcntl(fd, F_SETFD, 0) }
                    .orThrow("cannot reopen standard stream \(target) on", device)
                continue
            }
            try systemCall("dup2", "\(fd), \(target)") { dup2(fd, target) }
                .orThrow("cannot reopen standard stream \(target) on", device)
        }
        if fd > 2 { close(fd) }
    }
}
