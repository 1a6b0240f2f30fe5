import Glibc
import CLinux

/// Deletes everything below a directory without crossing into other file
/// systems (a mount point below it, such as the new root, is left alone) and
/// without following symlinks: what switch_root does to free an initramfs.
/// Works on directory fds only, so no path can be redirected while it runs.
public enum RecursiveRemoval {
    /// Returns the number of entries that could not be removed.
    @discardableResult
    public static func removeContents(of directory: Int32, device: UInt64) -> Int {
        let dirFD = fcntl(directory, F_DUPFD_CLOEXEC, 0)
        guard dirFD >= 0, let stream = fdopendir(dirFD) else { return 1 }
        defer { closedir(stream) }
        var failures = 0
        while let entry = readdir(stream) {
            let name = directoryEntryName(entry)
            if name == "." || name == ".." { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard fstatat(dirFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { failures += 1; continue }
                isDirectory = info.st_mode & S_IFMT == S_IFDIR
            }
            if isDirectory {
                let child = openat(dirFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { failures += 1; continue }
                var info = stat()
                let sameDevice = fstat(child, &info) == 0 && UInt64(info.st_dev) == device
                if sameDevice { failures += removeContents(of: child, device: device) }
                close(child)
                if !sameDevice { continue }
            }
            let result = systemCall("unlinkat", "\(dirFD), \(traceString(name)), \(isDirectory ? "AT_REMOVEDIR" : "0")") {
                unlinkat(dirFD, name, isDirectory ? xns_AT_REMOVEDIR : 0)
            }
            if result.failed { failures += 1 }
        }
        return failures
    }
}
