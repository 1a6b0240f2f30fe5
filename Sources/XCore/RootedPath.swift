import CLinux
import Glibc

/// Opening a path as seen from inside a root directory, before the tool has
/// changed root: openat2(RESOLVE_IN_ROOT) makes `..` and absolute symlinks
/// stop at the root, so a crafted symlink in the new root cannot make the
/// tool read a host file. Kernels without openat2 (< 5.6) get a plain openat
/// of the joined path, which is what chroot(8) tools have always done.
public enum RootedPath {
    public static func open(_ path: String, in root: Int32, flags: Int32) -> (FileDescriptor?, Int32) {
        let relative = String(path.drop(while: { $0 == "/" }))
        let target = relative.isEmpty ? "." : relative
        let result = systemCall("openat2", "\(root), \(traceString(target)), {flags=\(openFlagNames(flags | O_CLOEXEC)), resolve=RESOLVE_IN_ROOT}",
                                changesState: false) {
            xns_openat2(root, target, UInt64(flags | O_CLOEXEC), 0, xns_RESOLVE_IN_ROOT)
        }
        if !result.failed { return (FileDescriptor(adopting: result.value), 0) }
        if result.errno == ENOSYS { return FileDescriptor.open(target, flags, at: root) }
        return (nil, result.errno)
    }

    /// The file's bytes, or nil when it cannot be read.
    public static func read(_ path: String, in root: Int32) -> [UInt8]? {
        // O_NONBLOCK: a FIFO planted at /etc/passwd must not hang the tool.
        let (fd, _) = open(path, in: root, flags: O_RDONLY | O_NONBLOCK | O_NOCTTY)
        guard let fd, case .success(let status) = FileStatus.of("", at: fd.raw), status.isRegularFile else { return nil }
        return fd.readAll()
    }
}
