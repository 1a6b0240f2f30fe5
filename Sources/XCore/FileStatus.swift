import CLinux
import Glibc

/// What the tools need to know of a file: its type, identity, and whether it
/// is the root of a mount (statx STATX_ATTR_MOUNT_ROOT, Linux >= 5.8; on
/// older kernels a device/inode comparison with the parent is used instead).
public struct FileStatus: Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var mode: UInt32
    /// nil when the kernel cannot say.
    public var isMountRoot: Bool?

    public var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
    public var isBlockDevice: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFBLK) }
    public var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }

    /// statx(2) of `path` relative to `directory` (or of `directory` itself
    /// when `path` is empty). Returns the errno on failure.
    public static func of(_ path: String, at directory: Int32 = AT_FDCWD,
                          followSymlinks: Bool = true) -> Result<FileStatus, StatusError> {
        var flags: Int32 = followSymlinks ? 0 : xns_AT_SYMLINK_NOFOLLOW
        if path.isEmpty { flags |= xns_AT_EMPTY_PATH }
        var mountRoot: Int32 = -1
        var device: UInt64 = 0, inode: UInt64 = 0
        var mode: UInt32 = 0
        let result = systemCall("statx", "\(directory == AT_FDCWD ? "AT_FDCWD" : String(directory)), \(traceString(path))",
                                changesState: false) {
            xns_statx_mount(directory, path, flags, &mountRoot, &device, &inode, &mode)
        }
        if result.failed { return .failure(StatusError(errno: result.errno)) }
        return .success(FileStatus(device: device, inode: inode, mode: mode,
                                   isMountRoot: mountRoot < 0 ? nil : mountRoot == 1))
    }

    /// Whether the directory open at `fd` is the root of a mount.
    public static func isMountPoint(directory fd: Int32) -> Bool {
        guard case .success(let status) = FileStatus.of("", at: fd) else { return false }
        if let isMountRoot = status.isMountRoot { return isMountRoot }
        guard case .success(let parent) = FileStatus.of("..", at: fd) else { return false }
        return parent.device != status.device || parent.inode == status.inode
    }
}

/// The errno of a failed call, as an Error for `Result`.
public struct StatusError: Error, Equatable {
    public let errno: Int32

    public init(errno: Int32) {
        self.errno = errno
    }
}

/// statfs(2) f_type of the file system holding `path`.
public func fileSystemType(_ path: String) -> Int64? {
    try? fileSystemTypeOrError(path).get()
}

/// statfs(2) f_type, or the errno of the failed call.
public func fileSystemTypeOrError(_ path: String) -> Result<Int64, StatusError> {
    var type: Int64 = 0
    let result = systemCall("statfs", traceString(path), changesState: false) { xns_statfs_type(path, &type) }
    return result.failed ? .failure(StatusError(errno: result.errno)) : .success(type)
}

/// Whether an f_type is a RAM-backed file system (ramfs, tmpfs): the kind of
/// root an initramfs has, and the only kind whose contents switch_root deletes.
public func isRAMFileSystem(_ type: Int64) -> Bool {
    type == xns_RAMFS_MAGIC || type == xns_TMPFS_MAGIC
}
