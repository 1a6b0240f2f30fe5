import CLinux
import Glibc

/// Directories a process inherited open (fds without close-on-exec, which
/// COMMAND inherits in turn). Through one that lies outside a root,
/// fchdir(2) and ".." lead out of any chroot or pivoted root — a detached old
/// root stays readable through an fd — so a root meant as a boundary
/// (xchroot --pivot-root) must not be entered with one.
public enum InheritedDirectories {
    /// The first inherited fd (3 and above) open on a directory that is not
    /// `root` or below it; nil if there is none. `root` is a handle on the
    /// directory. (Without /proc every possible fd is probed: see
    /// `OpenDescriptors.list`.)
    public static func firstOutside(root: Int32) -> Int32? {
        guard let top = identity(root) else { return nil }
        for fd in OpenDescriptors.list() where fd >= 3 && fd != root {
            let flags = fcntl(fd, F_GETFD)
            guard flags >= 0, flags & FD_CLOEXEC == 0, isDirectory(fd) else { continue }
            if !leads(fd, to: top) { return fd }
        }
        return nil
    }

    /// Whether climbing ".." from `fd` meets the directory `top` before it
    /// stops (at the process's root, or at the top of a detached tree).
    static func leads(_ fd: Int32, to top: (dev_t, ino_t)) -> Bool {
        var current = openat(fd, ".", xns_O_PATH | O_DIRECTORY | O_CLOEXEC)
        defer { if current >= 0 { close(current) } }
        for _ in 0..<4096 {
            guard current >= 0, let here = identity(current) else { return true }
            if here == top { return true }
            let parent = openat(current, "..", xns_O_PATH | O_DIRECTORY | O_CLOEXEC)
            guard parent >= 0, let above = identity(parent) else {
                if parent >= 0 { close(parent) }
                return true
            }
            close(current)
            current = parent
            if above == here { return false }
        }
        return false
    }

    static func identity(_ fd: Int32) -> (dev_t, ino_t)? {
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        return (status.st_dev, status.st_ino)
    }

    static func isDirectory(_ fd: Int32) -> Bool {
        var status = stat()
        return fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}
