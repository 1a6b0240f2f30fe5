import CLinux
import Glibc

/// A namespace kept alive on a file, as util-linux unshare --net=FILE does: the
/// namespace's /proc/PID/ns file bind-mounted on FILE holds a reference, so
/// the namespace outlives its last process; `nsenter --net=FILE` enters it
/// and `umount FILE` lets it go.
public struct NamespaceFile: Equatable, Sendable {
    public var kind: NamespaceKind
    public var path: String

    public init(kind: NamespaceKind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// Before anything is created: FILE must exist and not be a directory,
    /// so that a bad FILE costs nothing to undo.
    public func check() throws(XError) {
        let action = "cannot keep the \(kind.rawValue) namespace on"
        guard !path.isEmpty else {
            throw XError.usage("\(kind.optionName)= needs a FILE", hint: "for example: touch /run/\(kind.procName)-ns && xunshare \(kind.optionName)=/run/\(kind.procName)-ns …")
        }
        // Where util-linux finds out later, binding this process's namespace.
        let operation = FailedOperation.keepNamespace(source: "/proc/\(getpid())/ns/\(kind.unsharedProcName)", file: path)
        switch FileStatus.of(path) {
        case .failure(let error):
            throw XError.step(action, path, errno: error.errno,
                              hint: error.errno == ENOENT ? "create the file first: touch \(path)" : nil).failing(operation)
        case .success(let status) where status.isDirectory:
            throw XError.step(action, path, errno: EISDIR, hint: "FILE is an ordinary file, for example: touch \(path)").failing(operation)
        case .success:
            break
        }
    }

    /// Bind-mounts the namespace files of process `pid` on their FILEs. If one
    /// fails, those already made are unmounted again: all or nothing.
    public static func bind(_ files: [NamespaceFile], of pid: pid_t) throws(XError) {
        var made: [NamespaceFile] = []
        for file in files {
            let source = "/proc/\(pid)/ns/\(file.kind.unsharedProcName)"
            let result = systemCall("mount", "\(traceString(source)), \(traceString(file.path)), NULL, MS_BIND, NULL") {
                mount(source, file.path, nil, xns_MS_BIND, nil)
            }
            if result.failed {
                for done in made.reversed() { done.release() }
                throw XError.step("cannot keep the \(file.kind.rawValue) namespace on", file.path,
                                  errno: result.errno, hint: file.hint(for: result.errno, source: source))
                    .failing(.keepNamespace(source: source, file: file.path))
            }
            made.append(file)
        }
    }

    /// umount(FILE): the namespace goes when nothing else holds it.
    public func release() {
        systemCall("umount2", "\(traceString(path)), MNT_DETACH") { umount2(path, xns_MNT_DETACH) }
    }

    func hint(for err: Int32, source: String) -> String? {
        switch err {
        case EINVAL where kind == .mount:
            return "the kernel refuses it where the new namespace would receive the bind mount itself (FILE's mount is shared and --propagation is not private: use a private mount, mount --bind DIR DIR && mount --make-private DIR); some kernels (6.18) also refuse a namespace created on another CPU than FILE's: pin both to one CPU (taskset -c 0) or try again"
        case ENOENT where access("/proc/self/ns", F_OK) != 0:
            return "keeping a namespace on a file needs /proc mounted"
        case EPERM where Privilege.hasEffective(Privilege.sysAdmin):
            return Privilege.refusedDespite("CAP_SYS_ADMIN", orElse: Privilege.lockedMount)
        case EPERM, EACCES:
            return "bind-mounting needs CAP_SYS_ADMIN where FILE is: run as root, or inside a user and mount namespace of your own"
        default:
            return nil
        }
    }
}
