/// One step of the plan, in command-line order, with the option it came
/// from (for messages: "--ro-bind: cannot bind …").
public struct MountStep: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        /// A fresh file system. `optional`: skipped where the kernel refuses it
        /// for lack of a namespace (--api's /dev/mqueue without an IPC namespace).
        case fileSystem(type: String, source: String, destination: String, options: MountOptions, optional: Bool)
        /// A block device's file system (SOURCE a path, LABEL=, UUID=…,
        /// waited for; `type` nil: read from its superblock).
        case device(source: String, destination: String, type: String?, options: MountOptions)
        /// /proc/sys read-only and the revealing files of proc masked.
        case procRestrictions(proc: String)
        /// Device nodes, symlinks and directories in a fresh /dev.
        case deviceNodes(dev: String)
        /// A recursive bind of a host path (`ifExists`: skip a missing source),
        /// idmapped through a user namespace file ("" for this process's own).
        case bind(source: String, destination: String, flags: MountFlags, ifExists: Bool, idmap: String?)
        case overlay(lower: [String], upper: String?, work: String?, destination: String)
        case directory(String)
        case symlink(target: String, destination: String)
        /// The mount at the path read-only (not the mounts below it).
        case remountReadOnly(String)
        /// The path and every mount below it read-only.
        case readOnly(String)
        /// The path and every mount below it writable again.
        case readWrite(String)
        /// An empty node nobody may read over the path.
        case inaccessible(String)
        /// The terminal on stdin bound on the path, with device access (the
        /// container's /dev/console, as systemd-nspawn binds its pty).
        case console(destination: String)
        /// systemd's container interface: the manager's name in
        /// /run/host/container-manager (the id and the environment are
        /// xmountapi's, see ContainerIdentity).
        case containerManager(name: String)
    }

    public var option: String
    public var action: Action

    public init(_ option: String, _ action: Action) {
        self.option = option
        self.action = action
    }

    /// The step mounts a fresh tmpfs on `destination` (--api's /run, --dev).
    func mountsTmpfs(on destination: String) -> Bool {
        if case .fileSystem("tmpfs", _, destination, _, _) = action { return true }
        return false
    }

    /// The plan line a dry run prints.
    public var description: String {
        switch action {
        case .fileSystem(let type, _, let destination, let options, let optional):
            let text = options.description.isEmpty ? "" : " (\(options.description))"
            return "mount \(type) on \(destination)\(text)\(optional ? ", where the kernel allows it" : "")"
        case .device(let source, let destination, let type, let options):
            let text = options.description.isEmpty ? "" : " (\(options.description))"
            return "mount \(source) (\(type ?? "its file system type")) on \(destination)\(text), once it appears"
        case .procRestrictions(let proc):
            return "make \(proc)/sys read-only, hide \(ProcRestrictions.masked.map { "\(proc)/\($0)" }.joined(separator: ", "))"
        case .deviceNodes(let dev):
            return "make \(DeviceNodes.devices.map(\.name).joined(separator: ", ")) and the symlinks \(DeviceNodes.symlinks.map(\.name).joined(separator: ", ")) in \(dev)"
        case .bind(let source, let destination, let flags, let ifExists, let idmap):
            var extra = [flags.description].filter { !$0.isEmpty }
            if ifExists { extra.append("if it exists") }
            if let idmap { extra.append(idmap.isEmpty ? "idmapped" : "idmapped by \(idmap)") }
            return "bind \(source) on \(destination) recursively" + (extra.isEmpty ? "" : " (\(extra.joined(separator: ", ")))")
        case .overlay(let lower, let upper, let work, let destination):
            let layers = "lower \(lower.joined(separator: ":"))" + (upper.map { ", upper \($0)" } ?? "") + (work.map { ", work \($0)" } ?? "")
            return "mount overlay on \(destination) (\(layers)\(upper == nil ? ", read-only" : ""))"
        case .directory(let path):
            return "make the directory \(path)"
        case .symlink(let target, let destination):
            return "make the symlink \(destination) -> \(target)"
        case .remountReadOnly(let path):
            return "make the mount at \(path) read-only"
        case .readOnly(let path):
            return "make \(path) and every mount below it read-only"
        case .readWrite(let path):
            return "make \(path) and every mount below it writable"
        case .inaccessible(let path):
            return "hide \(path) under an empty node nobody may read"
        case .console(let destination):
            return "bind the terminal on stdin on \(destination) (with device access)"
        case .containerManager(let name):
            return "write '\(name)' into \(ContainerIdentity.managerFile)"
        }
    }
}

/// What --proc adds to a fresh proc: the sysctl tree read-only, and the files
/// that reveal the host (kernel memory, symbols, keys, the sysrq trigger,
/// timers) covered, as systemd-nspawn does.
public enum ProcRestrictions {
    public static let masked = ["kcore", "kallsyms", "keys", "sysrq-trigger", "timer_list"]
}
