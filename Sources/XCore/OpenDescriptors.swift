import Glibc

/// The file descriptors a process has open.
public enum OpenDescriptors {
    /// The open fds, in increasing order, from /proc/self/fd. Without /proc
    /// every fd below the soft RLIMIT_NOFILE (at most 65536) is returned as a
    /// candidate, which costs the caller a system call per possible fd.
    public static func list() -> [Int32] {
        listed() ?? Array(0..<Int32(min(softLimit(), 65536)))
    }

    /// Every fd with close-on-exec set: those execve(2) would close. nil
    /// without /proc when more than `probeLimit` fds would have to be probed.
    public static func closeOnExec(probeLimit: Int) -> [Int32]? {
        let limit = softLimit()
        guard let candidates = listed() ?? (limit <= probeLimit ? Array(0..<Int32(limit)) : nil) else { return nil }
        return candidates.filter { fd in
            let flags = fcntl(fd, F_GETFD)
            return flags >= 0 && flags & FD_CLOEXEC != 0
        }
    }

    /// /proc/self/fd's entries; nil without /proc.
    static func listed() -> [Int32]? {
        let listing = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard listing >= 0 else { return nil }
        guard let stream = fdopendir(listing) else {
            close(listing)
            return nil
        }
        defer { closedir(stream) }
        var fds: [Int32] = []
        while let entry = readdir(stream) {
            if let fd = Int32(directoryEntryName(entry)), fd != listing { fds.append(fd) }
        }
        return fds.sorted()
    }

    static func softLimit() -> Int {
        var limits = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return 1024 }
        return Int(min(limits.rlim_cur, 1 << 30))
    }
}
