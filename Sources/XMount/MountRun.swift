import CLinux
import Glibc
import XCore

/// Carries out a plan inside a root, step by step in order. If a step fails,
/// everything the run made before it is undone (newest first) and the error
/// names the option and the path.
public final class MountRun {
    public let root: RootDirectory
    public let undo = UndoList()
    let mounter: Mounter
    private var hiddenNodes: InaccessibleNodes?

    /// How long --mount waits for its device to appear.
    public var deviceWait: Double

    public init(root: RootDirectory, propagation: Propagation, deviceWait: Double = 10) {
        self.root = root
        self.deviceWait = deviceWait
        mounter = Mounter(undo: undo, propagation: propagation)
    }

    /// Whether the mount(2) fallback was used.
    public var usedLegacyAPI: Bool { mounter.usesLegacyAPI }

    public func perform(_ steps: [MountStep]) throws(XError) {
        if Trace.isDryRun {
            for (index, step) in steps.enumerated() {
                Trace.line("plan \(index + 1): \(step.option): \(step.description)")
            }
        }
        // The scratch of the hidden nodes, where it had to be attached, goes
        // when the run ends: the binds made from it stay.
        defer { hiddenNodes?.finish() }
        for step in steps {
            do {
                try run(step)
            } catch {
                undo.undoAll()
                throw error
            }
        }
    }

    func run(_ step: MountStep) throws(XError) {
        switch step.action {
        case .fileSystem(let type, let source, let destination, let options, let optional):
            let target = try resolve(step, destination, create: .directory, needsDirectory: true)
            do {
                try mounter.mountFileSystem(type, source: source, options: options, at: target)
            } catch {
                if optional, error.errno == EPERM {
                    if Trace.isTracing { Trace.line("\(step.option): \(type) on \(target.path) skipped: the kernel refuses it here") }
                    return
                }
                throw MountHints.failure(step, "cannot mount \(type) on", target.path, error, type: type)
            }
        case .device(let source, let destination, let type, let options):
            let target = try resolve(step, destination, create: .directory, needsDirectory: true)
            let device = try BlockDevice.waitFor(source, seconds: deviceWait, option: step.option)
            guard let type = type ?? BlockDevice.fileSystemType(device) ?? (Trace.isDryRun ? "auto" : nil) else {
                throw XError("\(step.option): cannot tell the file system type of \(device)",
                             hint: "name it: \(step.option)=\(source):\(destination):ext4")
            }
            do {
                try mounter.mountFileSystem(type, source: device, options: options, readOnlyFileSystem: true, at: target)
            } catch {
                throw MountHints.failure(step, "cannot mount \(device) (\(type)) on", target.path, error, type: type, blockDevice: true)
            }
        case .console(let destination):
            guard let terminal = ttyname(0).map({ String(cString: $0) }) else {
                let error = XError("\(step.option): stdin is not a terminal", errno: errno == 0 ? ENOTTY : errno,
                                   hint: "xunshare --console=interactive (or read-only, passive) gives the chain a pseudo-terminal for it")
                // A dry run of xunshare --console makes no terminal for this link.
                if Trace.isDryRun { Trace.line("a real run here would stop: \(error.message) (dry run: going on)"); return }
                throw error
            }
            let target = try resolve(step, destination, create: .file)
            do {
                try mounter.bind(.host(terminal), to: target, flags: MountFlags(noSetuid: true, noExec: true))
            } catch {
                throw MountHints.failure(step, "cannot bind the terminal \(quoted(terminal)) on", target.path, error)
            }
        case .containerManager(let name):
            let target = try resolve(step, ContainerIdentity.managerFile, create: .file)
            try ContainerIdentity.writeManager(name, to: target.path, option: step.option)
        case .procRestrictions(let proc):
            let sys = try resolve(step, proc + "/sys", create: .nothing, needsDirectory: true)
            try bindOntoItself(step, sys, flags: .readOnly, recursive: true, action: "cannot make read-only")
            for name in ProcRestrictions.masked {
                guard let target = try resolve(step, proc + "/" + name, create: .nothing, skipMissing: true) else { continue }
                try cover(step, target)
            }
        case .deviceNodes(let dev):
            let target = try resolve(step, dev, create: .nothing, needsDirectory: true)
            do {
                try DeviceNodes.populate(target, mounter: mounter)
            } catch {
                throw MountHints.failure(step, "cannot make the device nodes in", target.path, error)
            }
        case .bind(let source, let destination, let flags, let ifExists, let idmap):
            let sourcePath = absolutePath(source)
            let status: FileStatus
            switch FileStatus.of(sourcePath) {
            case .success(let found): status = found
            case .failure(let failure):
                if ifExists, failure.errno == ENOENT || failure.errno == ENOTDIR {
                    if Trace.isTracing { Trace.line("\(step.option): \(sourcePath) does not exist: skipped") }
                    return
                }
                throw XError.step("\(step.option): cannot bind", source, errno: failure.errno,
                                  hint: failure.errno == ENOENT && !ifExists ? "\(step.option)-try skips a source that does not exist" : nil)
            }
            let target = try resolve(step, destination, create: status.isDirectory ? .directory : .file)
            try checkKind(step, target, directory: status.isDirectory, source: sourcePath)
            var userNamespace: FileDescriptor?
            if let idmap {
                let file = idmap.isEmpty ? "/proc/self/ns/user" : idmap
                let (handle, err) = FileDescriptor.open(file, O_RDONLY)
                guard let handle else {
                    throw XError.step("\(step.option): cannot open the user namespace", file, errno: err,
                                      hint: idmap.isEmpty ? "an idmapped bind needs /proc mounted" : "idmap=FILE names a user namespace, such as /proc/PID/ns/user")
                }
                userNamespace = handle
            }
            do {
                try mounter.bind(.host(sourcePath), to: target, flags: flags, idmapFrom: userNamespace?.raw)
            } catch {
                throw MountHints.failure(step, "cannot bind \(quoted(sourcePath)) on", target.path, error, idmap: idmap != nil)
            }
        case .overlay(let lower, let upper, let work, let destination):
            var layers: [String] = []
            var named = lower.map { ("LOWER", $0) }
            if let upper, let work { named += [("UPPER", upper), ("WORK", work)] }
            for (name, path) in named {
                let absolute = absolutePath(path)
                switch FileStatus.of(absolute) {
                case .success(let status) where status.isDirectory: layers.append(absolute)
                case .success: throw XError.step("\(step.option): \(name)", path, errno: ENOTDIR)
                case .failure(let failure): throw XError.step("\(step.option): \(name)", path, errno: failure.errno)
                }
            }
            let target = try resolve(step, destination, create: .directory, needsDirectory: true)
            var parameters = [FileSystemParameter("lowerdir", layers.prefix(lower.count).joined(separator: ":"))]
            if upper != nil {
                parameters += [FileSystemParameter("upperdir", layers[lower.count]), FileSystemParameter("workdir", layers[lower.count + 1])]
            }
            if MountHints.inUserNamespace { parameters.append(FileSystemParameter("userxattr")) }
            let options = MountOptions(flags: MountFlags(readOnly: upper == nil ? true : nil), parameters: parameters)
            do {
                try mounter.mountFileSystem("overlay", source: "overlay", options: options, at: target)
            } catch {
                throw MountHints.failure(step, "cannot mount overlay on", target.path, error, type: "overlay")
            }
        case .directory(let path):
            _ = try resolve(step, path, create: .directory, needsDirectory: true)
        case .symlink(let linkTarget, let destination):
            try makeSymlink(step, linkTarget, at: destination)
        case .remountReadOnly(let path):
            let target = try resolve(step, path, create: .nothing)
            if !Trace.isDryRun, !FileStatus.isMountPoint(directory: target.fd) {
                throw XError("\(step.option): \(quoted(target.path)) is not a mount point",
                             hint: "--read-only=PATH makes any path read-only (with the mounts below it)")
            }
            try bindOntoItself(step, target, flags: .readOnly, recursive: false, action: "cannot make read-only")
        case .readOnly(let path):
            let target = try resolve(step, path, create: .nothing)
            try bindOntoItself(step, target, flags: .readOnly, recursive: true, action: "cannot make read-only")
        case .readWrite(let path):
            let target = try resolve(step, path, create: .nothing)
            try bindOntoItself(step, target, flags: MountFlags(readOnly: false), recursive: true, action: "cannot make writable")
        case .inaccessible(let path):
            let target = try resolve(step, path, create: .nothing)
            try cover(step, target)
        }
    }

    /// A bind of the path onto itself, with flags: a change that unmounting
    /// the bind takes back (the mounts that were there stay untouched).
    func bindOntoItself(_ step: MountStep, _ target: MountPoint, flags: MountFlags, recursive: Bool, action: String) throws(XError) {
        do {
            try mounter.bind(BindSource(directory: target.fd, path: "", hostPath: target.path), to: target,
                             flags: flags, flagsRecursive: recursive)
        } catch {
            throw MountHints.failure(step, action, target.path, error)
        }
    }

    func cover(_ step: MountStep, _ target: MountPoint) throws(XError) {
        let nodes = hiddenNodes ?? InaccessibleNodes(mounter: mounter, places: [root.path, "/run", "/tmp"])
        hiddenNodes = nodes
        do {
            try nodes.cover(target)
        } catch {
            throw MountHints.failure(step, "cannot hide", target.path, error)
        }
    }

    func makeSymlink(_ step: MountStep, _ linkTarget: String, at destination: String) throws(XError) {
        let parts = MountPoint.components(destination)
        guard let name = parts.last, name != "..", name != "." else {
            throw XError.usage("\(step.option): \(quoted(destination)) does not name a symlink")
        }
        let parent = try resolve(step, joinedPath(Array(parts.dropLast())), create: .directory, needsDirectory: true)
        let hostPath = parent.path == "/" ? "/" + name : parent.path + "/" + name
        let made = systemCall("symlinkat", "\(traceString(linkTarget)), \(parent.traceName), \(traceString(name))") {
            symlinkat(linkTarget, parent.fd, name)
        }
        if made.errno == EEXIST, case .success(let existing) = MountPoint.readLink(name, at: parent.fd), existing == linkTarget {
            return
        }
        if made.failed { throw XError.step("\(step.option): cannot make the symlink", hostPath, errno: made.errno) }
        undo.created(hostPath, isDirectory: false)
    }

    /// The destination inside the root, or an error that names the option.
    func resolve(_ step: MountStep, _ path: String, create: MountPoint.Creation, needsDirectory: Bool = false) throws(XError) -> MountPoint {
        try resolve(step, path, create: create, needsDirectory: needsDirectory, skipMissing: false)!
    }

    func resolve(_ step: MountStep, _ path: String, create: MountPoint.Creation, needsDirectory: Bool = false,
                 skipMissing: Bool) throws(XError) -> MountPoint? {
        switch MountPoint.resolve(path, in: root, create: create, undo: undo) {
        case .success(let target):
            if let handle = target.handle, isProcessRoot(handle.raw) {
                // A mount stacked on the process's own root is never seen:
                // path lookups start at the root dentry below it.
                throw XError("\(step.option): cannot mount on the current root \(quoted(target.path)): neither this process nor COMMAND would see it",
                             hint: "mount into a root that is entered afterwards: --root=DIR … -- xchroot --pivot-root DIR")
            }
            if needsDirectory, !target.isDirectory, target.handle != nil {
                throw XError.step("\(step.option): cannot mount on", target.path, errno: ENOTDIR,
                                  hint: "\(step.option) needs a directory there")
            }
            return target
        case .failure(let problem):
            switch problem {
            case .escapesRoot:
                throw XError("\(step.option): destination \(quoted(path)) leads out of the root \(quoted(root.path))",
                             hint: "destinations are resolved inside the root as the process will see them there; a '..' (written or in a symlink) may not climb above it")
            case .missing(let inRoot):
                if skipMissing { return nil }
                throw XError.step("\(step.option): cannot find", root.hostPath(inRoot), errno: ENOENT)
            case .notDirectory(let inRoot):
                throw XError.step("\(step.option): cannot resolve \(quoted(path)):", root.hostPath(inRoot), errno: ENOTDIR)
            case .tooManySymlinks:
                throw XError.step("\(step.option): cannot resolve", path, errno: ELOOP)
            case .failed(let what, let err):
                throw XError.step("\(step.option): \(what)", root.hostPath(path.hasPrefix("/") ? path : "/" + path), errno: err,
                                  hint: err == EROFS ? "the root is read-only there: make the mount point beforehand, or mount a --tmpfs above it first"
                                      : err == EACCES ? "the mount point is missing and this user may not create it: make it in the root beforehand" : nil)
            }
        }
    }

    /// Whether `fd` is this process's root directory.
    func isProcessRoot(_ fd: Int32) -> Bool {
        guard case .success(let target) = FileStatus.of("", at: fd),
              case .success(let root) = FileStatus.of("/") else { return false }
        return target.device == root.device && target.inode == root.inode
    }

    func checkKind(_ step: MountStep, _ target: MountPoint, directory: Bool, source: String) throws(XError) {
        guard target.handle != nil, target.isDirectory != directory else { return }
        throw XError.step("\(step.option): cannot bind \(quoted(source)) on", target.path, errno: directory ? ENOTDIR : EISDIR,
                          hint: directory ? "a directory can only be bound onto a directory" : "a file can only be bound onto a file")
    }
}
