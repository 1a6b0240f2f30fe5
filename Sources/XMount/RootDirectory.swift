import CLinux
import Glibc
import XCore

/// The directory every destination is inside (`--root`, default /): an
/// O_PATH handle on it, and its absolute path for messages and for the
/// mount(2) fallback.
public final class RootDirectory {
    public let path: String
    public let handle: FileDescriptor

    init(path: String, handle: FileDescriptor) {
        self.path = path
        self.handle = handle
    }

    /// Opens `path` (relative to the working directory if not absolute).
    public static func open(_ path: String) -> Result<RootDirectory, StatusError> {
        let absolute = absolutePath(path)
        let (handle, err) = FileDescriptor.directoryHandle(absolute)
        guard let handle else { return .failure(StatusError(errno: err)) }
        return .success(RootDirectory(path: absolute, handle: handle))
    }

    /// The host path of a path inside the root ("/proc" → "/srv/box/proc").
    public func hostPath(_ inRoot: String) -> String {
        if path == "/" { return inRoot.isEmpty ? "/" : inRoot }
        return inRoot == "/" || inRoot.isEmpty ? path : path + inRoot
    }
}

/// `path` made absolute against the working directory, without resolving
/// symlinks; `.` and `..` components and repeated slashes are folded.
public func absolutePath(_ path: String) -> String {
    var base = ""
    if !path.hasPrefix("/"), let pointer = getcwd(nil, 0) {
        base = String(cString: pointer)
        free(pointer)
    }
    var parts: [String] = []
    for part in (base + "/" + path).split(separator: "/") {
        switch part {
        case ".": continue
        case "..": _ = parts.popLast()
        default: parts.append(String(part))
        }
    }
    return joinedPath(parts)
}

/// "/" followed by `names` separated by "/" ("/" for none). Written out: the
/// standard library's joined(separator:) is not specialized here, and its
/// generic form asks the runtime for conformances (a scan of every
/// conformance record the first time) at every start.
func joinedPath(_ names: [String]) -> String {
    var path = ""
    for name in names {
        path.append("/")
        path.append(name)
    }
    return path.isEmpty ? "/" : path
}
