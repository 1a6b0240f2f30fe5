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
            // The name is used where readdir left it: a switch_root frees
            // tens of thousands of entries, and a Swift String for each (made,
            // then turned back into a C string for every call) costs more
            // than the unlinkat itself.
            let failed = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> Bool in
                let name = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                if isDotOrDotDot(name) { return false }
                var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard fstatat(dirFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return true }
                    isDirectory = info.st_mode & S_IFMT == S_IFDIR
                }
                if isDirectory {
                    let child = openat(dirFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    guard child >= 0 else { return true }
                    var info = stat()
                    let sameDevice = fstat(child, &info) == 0 && UInt64(info.st_dev) == device
                    if sameDevice { failures += removeContents(of: child, device: device) }
                    close(child)
                    if !sameDevice { return false }
                }
                let result = systemCall("unlinkat", "\(dirFD), \(traceString(String(cString: name))), \(isDirectory ? "AT_REMOVEDIR" : "0")") {
                    unlinkat(dirFD, name, isDirectory ? xns_AT_REMOVEDIR : 0)
                }
                return result.failed
            }
            if failed { failures += 1 }
        }
        return failures
    }

    static func isDotOrDotDot(_ name: UnsafePointer<CChar>) -> Bool {
        name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0))
    }
}
