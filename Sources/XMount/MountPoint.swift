import CLinux
import Glibc
import XCore

/// A destination inside the root, resolved: an O_PATH handle on it (mounts
/// are attached through the handle, so nothing can swap the path between the
/// check and the mount), its canonical path inside the root, and its host path.
public struct MountPoint {
    /// nil only in a dry run, for a destination that would be created first.
    public let handle: FileDescriptor?
    public let inRoot: String
    public let path: String
    public let isDirectory: Bool

    public var fd: Int32 { handle?.raw ?? -1 }

    /// strace -y style: `5</srv/box/proc>`.
    public var traceName: String { handle == nil ? "<\(path)>" : "\(fd)<\(path)>" }

    /// What to create when the destination (or a directory on the way) is missing.
    public enum Creation {
        case nothing, directory, file
    }

    /// Why a destination cannot be used.
    public enum Problem: Error, Equatable {
        /// `..` or a relative symlink would climb above the root.
        case escapesRoot
        case missing(String)
        case notDirectory(String)
        case tooManySymlinks
        case failed(String, errno: Int32)
    }

    /// Resolves `destination` inside `root` one component at a time, as the
    /// process will see it after changing root: an absolute symlink starts
    /// again at the root, `..` goes up — and a `..` (written, or in a symlink)
    /// that would leave the root is refused rather than clamped. Missing
    /// components are created as `create` says (directories on the way); what
    /// is created is recorded in `undo`.
    public static func resolve(_ destination: String, in root: RootDirectory, create: Creation,
                               undo: UndoList) -> Result<MountPoint, Problem> {
        var stack: [(handle: FileDescriptor, name: String)] = [(root.handle, "")]
        var pending = components(destination)
        var symlinks = 0
        func canonical(_ extra: [String] = []) -> String {
            joinedPath(stack.dropFirst().map(\.name) + extra)
        }
        while !pending.isEmpty {
            let name = pending.removeFirst()
            if name == ".." {
                if stack.count == 1 { return .failure(.escapesRoot) }
                stack.removeLast()
                continue
            }
            let parent = stack[stack.count - 1].handle.raw
            let isLast = pending.isEmpty
            var (handle, err) = FileDescriptor.open(name, xns_O_PATH | O_NOFOLLOW, at: parent)
            if handle == nil, err == ENOENT {
                let kind: Creation = isLast ? create : (create == .nothing ? .nothing : .directory)
                let hostPath = root.hostPath(canonical([name]))
                if Trace.isDryRun {
                    // It may be made by an earlier step of the plan, which a dry run does not make.
                    if kind != .nothing { _ = make(name, at: parent, as: kind, hostPath: hostPath) }
                    let inRoot = canonical([name] + pending)
                    return .success(MountPoint(handle: nil, inRoot: inRoot, path: root.hostPath(inRoot),
                                               isDirectory: create != .file || !isLast))
                }
                if kind == .nothing { return .failure(.missing(canonical([name]))) }
                if let problem = make(name, at: parent, as: kind, hostPath: hostPath) { return .failure(problem) }
                undo.created(hostPath, isDirectory: kind == .directory)
                (handle, err) = FileDescriptor.open(name, xns_O_PATH | O_NOFOLLOW, at: parent)
            }
            guard let handle else { return .failure(.failed("cannot open", errno: err)) }
            let status: FileStatus
            switch FileStatus.of("", at: handle.raw, followSymlinks: false) {
            case .success(let found): status = found
            case .failure(let failure): return .failure(.failed("cannot inspect", errno: failure.errno))
            }
            if status.mode & UInt32(S_IFMT) == UInt32(S_IFLNK) {
                symlinks += 1
                if symlinks > 40 { return .failure(.tooManySymlinks) }
                let target: String
                switch readLink(name, at: parent) {
                case .success(let found): target = found
                case .failure(let failure): return .failure(.failed("cannot read the symlink", errno: failure.errno))
                }
                if target.hasPrefix("/") { stack.removeSubrange(1...) }
                pending = components(target) + pending
                continue
            }
            if !isLast && !status.isDirectory { return .failure(.notDirectory(canonical([name]))) }
            stack.append((handle, name))
        }
        let inRoot = canonical()
        let last = stack[stack.count - 1].handle
        let isDirectory: Bool
        if case .success(let status) = FileStatus.of("", at: last.raw) { isDirectory = status.isDirectory } else { isDirectory = false }
        return .success(MountPoint(handle: last, inRoot: inRoot, path: root.hostPath(inRoot), isDirectory: isDirectory))
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    static func make(_ name: String, at parent: Int32, as kind: Creation, hostPath: String) -> Problem? {
        let result: CallResult
        if kind == .directory {
            result = systemCall("mkdirat", "\(parent), \(traceString(name)), 0755") { mkdirat(parent, name, 0o755) }
        } else {
            result = systemCall("openat", "\(parent), \(traceString(name)), O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0644") {
                let fd = openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
                if fd >= 0 { close(fd) }
                return fd < 0 ? -1 : 0
            }
        }
        return result.failed ? .failed(kind == .directory ? "cannot create the directory" : "cannot create the file", errno: result.errno) : nil
    }

    static func readLink(_ name: String, at parent: Int32) -> Result<String, StatusError> {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let result = systemCall("readlinkat", "\(parent), \(traceString(name))", changesState: false) {
            Int32(readlinkat(parent, name, &buffer, buffer.count - 1))
        }
        if result.failed { return .failure(StatusError(errno: result.errno)) }
        return .success(String(decoding: buffer.prefix(Int(result.value)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
