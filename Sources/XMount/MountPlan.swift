import XCore

/// The plan: the command line's mount options turned into steps, in the
/// order they were given (bubblewrap semantics: a later step may stack on an
/// earlier one, `--read-write` inside an earlier `--read-only`). Only syntax is
/// checked here; nothing is looked at on disk.
public enum MountPlan {
    /// The value of an option whose value may be left out (`--proc` means
    /// `--proc=/proc`). (A switch, not a dictionary: a [String: String]
    /// made at start-up costs the runtime a scan of every protocol
    /// conformance in the binary, to find String's Hashable.)
    public static func optionalValueDefault(_ name: String) -> String? {
        switch name {
        case "--proc": "/proc"
        case "--sys": "/sys"
        case "--dev": "/dev"
        case "--mqueue": "/dev/mqueue"
        case "--cgroup": "ro"
        default: nil
        }
    }
    /// The host files --host=etc binds (proot -R's convenience set).
    public static let hostFiles = ["resolv.conf", "hosts", "passwd", "group", "localtime"]

    public static func steps(_ options: [(name: String, value: String?)]) throws(XError) -> [MountStep] {
        var steps: [MountStep] = []
        for (name, value) in options {
            let added = try self.steps(name, value ?? optionalValueDefault(name) ?? "")
            // They write into the container's /run and /dev: a tmpfs of this
            // run, never the tree's own directories.
            if name == "--container", !steps.contains(where: { $0.mountsTmpfs(on: "/run") }) {
                throw XError.usage("--container goes after --api or --run", hint: "it writes into the container's /run, which must be a tmpfs of its own")
            }
            if name == "--console", !steps.contains(where: { $0.mountsTmpfs(on: "/dev") }) {
                throw XError.usage("--console goes after --api or --dev", hint: "it binds the terminal on the container's /dev/console, in a /dev of its own")
            }
            steps += added
        }
        return steps
    }

    static func steps(_ option: String, _ value: String) throws(XError) -> [MountStep] {
        func step(_ action: MountStep.Action) -> MountStep { MountStep(option, action) }
        switch option {
        case "--api":
            return proc(option, "/proc") + sys(option, "/sys") + dev(option, "/dev")
                + [devpts(option), shm(option), mqueue(option, "/dev/mqueue", optional: true), run(option), tmp(option)]
        case "--initramfs":
            // What an initramfs /init needs in the initial mount namespace:
            // the kernel's own file systems, without a container's masks.
            return [fileSystem(option, "proc", "/proc", .restricted), fileSystem(option, "sysfs", "/sys", .restricted),
                    fileSystem(option, "devtmpfs", "/dev", MountFlags(noSetuid: true), [FileSystemParameter("mode", "0755")]),
                    devpts(option), shm(option), run(option)]
        case "--mount":
            // SOURCE:DEST[:FSTYPE[:OPTIONS]]; SOURCE may be UUID=…, whose value has no ':'.
            let fields = value.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw XError.usage("\(option): \(quoted(value)) is not SOURCE:DEST[:FSTYPE[:OPTIONS]]",
                                   hint: "for example \(option)=UUID=2f6c…:/newroot or \(option)=/dev/vda1:/newroot:ext4:rw")
            }
            var options = MountOptions()
            if fields.count == 4 {
                switch MountOptions.parse(fields[3]) {
                case .success(let parsed): options = parsed
                case .failure(let refusal):
                    throw XError.usage("\(option): option \(quoted(refusal.option)) \(refusal.reason) (in \(quoted(value)))")
                }
            }
            // Read-only unless OPTIONS say rw: an initramfs mounts the root so,
            // and the init remounts it (fsck first).
            if options.flags.readOnly == nil { options.flags.readOnly = true }
            let type = fields.count >= 3 && !fields[2].isEmpty && fields[2] != "auto" ? fields[2] : nil
            return [step(.device(source: fields[0], destination: try path(option, fields[1]), type: type, options: options))]
        case "--console": return [step(.console(destination: "/dev/console"))]
        case "--container":
            guard ContainerIdentity.isValidManagerName(value) else {
                throw XError.usage("\(option): \(quoted(value)) is not a name", hint: "letters, digits, '-', '_' and '.', as systemd's container=… values: --container=xns")
            }
            return [step(.containerManager(name: value))]
        case "--proc": return proc(option, try path(option, value))
        case "--sys": return sys(option, try path(option, value))
        case "--dev": return dev(option, try path(option, value))
        case "--devpts": return [devpts(option)]
        case "--shm": return [shm(option)]
        case "--mqueue": return [mqueue(option, try path(option, value), optional: false)]
        case "--run": return [run(option)]
        case "--tmp": return [tmp(option)]
        case "--cgroup":
            guard value == "ro" || value == "rw" else {
                throw XError.usage("--cgroup: \(quoted(value)) is neither ro nor rw", hint: "--cgroup mounts cgroup2 read-only; --cgroup=rw writable")
            }
            let flags = MountFlags.restricted.merging(MountFlags(readOnly: value == "ro"))
            return [step(.fileSystem(type: "cgroup2", source: "cgroup2", destination: "/sys/fs/cgroup",
                                     options: MountOptions(flags: flags), optional: false))]
        case "--bind", "--ro-bind", "--dev-bind", "--bind-try", "--ro-bind-try":
            let fields = value.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 2 || fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw XError.usage("\(option): \(quoted(value)) is not SRC:DEST", hint: "for example \(option)=/srv/data:/data")
            }
            var idmap: String?
            if fields.count == 3 {
                let (name, namespace) = split(fields[2], atFirst: "=")
                guard name == "idmap", namespace?.isEmpty != true else {
                    throw XError.usage("\(option): unknown bind option \(quoted(fields[2])) in \(quoted(value))",
                                       hint: "the only one is idmap (this process's user namespace) or idmap=/proc/PID/ns/user")
                }
                idmap = namespace ?? ""
            }
            let readOnly = option.hasPrefix("--ro-")
            let flags = MountFlags(readOnly: readOnly ? true : nil, noSetuid: true, noDevices: option == "--dev-bind" ? nil : true)
            return [step(.bind(source: fields[0], destination: fields[1], flags: flags,
                               ifExists: option.hasSuffix("-try"), idmap: idmap))]
        case "--tmpfs":
            let (destination, optionText) = split(value, atFirst: ":")
            let dest = try path(option, destination)
            var options = MountOptions()
            if let optionText {
                switch MountOptions.parse(optionText) {
                case .success(let parsed): options = parsed
                case .failure(let refusal):
                    throw XError.usage("\(option): option \(quoted(refusal.option)) \(refusal.reason) (in \(quoted(value)))",
                                       hint: "per-mount options are ro, nosuid, nodev, noexec, nosymfollow, noatime, relatime, strictatime (and rw, suid, dev, exec); anything else goes to tmpfs (size=, mode=, nr_inodes=, uid=, gid=)")
                }
            }
            options = options.withDefaults([FileSystemParameter("mode", "0755")], flags: .noSetuidNoDevices)
            return [step(.fileSystem(type: "tmpfs", source: "tmpfs", destination: dest, options: options, optional: false))]
        case "--overlay", "--ro-overlay":
            let fields = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let readOnly = option == "--ro-overlay"
            let layout = readOnly ? "LOWER[:LOWER...]:DEST" : "LOWER[:LOWER...]:UPPER:WORK:DEST"
            guard fields.count >= (readOnly ? 2 : 4) else {
                throw XError.usage("\(option): \(quoted(value)) is not \(layout)\(readOnly ? "" : ": an overlay with an upper directory needs a work directory")",
                                   hint: readOnly ? "for example --ro-overlay=/layer1:/layer2:/usr" : "WORK is an empty directory on the same file system as UPPER; for a read-only overlay use --ro-overlay=LOWER:LOWER...:DEST")
            }
            let lowerCount = fields.count - (readOnly ? 1 : 3)
            let names = Array(repeating: "LOWER", count: lowerCount) + (readOnly ? ["DEST"] : ["UPPER", "WORK", "DEST"])
            if let empty = fields.indices.first(where: { fields[$0].isEmpty }) {
                throw XError.usage("\(option): \(names[empty]) is empty in \(quoted(value))", hint: "the form is \(option)=\(layout)")
            }
            return [step(.overlay(lower: Array(fields.prefix(lowerCount)), upper: readOnly ? nil : fields[lowerCount],
                                  work: readOnly ? nil : fields[lowerCount + 1], destination: fields[fields.count - 1]))]
        case "--dir": return [step(.directory(try path(option, value)))]
        case "--symlink":
            guard let colon = value.lastIndex(of: ":"), colon != value.startIndex, value.index(after: colon) != value.endIndex else {
                throw XError.usage("\(option): \(quoted(value)) is not TARGET:DEST", hint: "for example --symlink=usr/lib:/lib")
            }
            return [step(.symlink(target: String(value[..<colon]), destination: String(value[value.index(after: colon)...])))]
        case "--remount-ro": return [step(.remountReadOnly(try path(option, value)))]
        case "--read-only": return [step(.readOnly(try path(option, value)))]
        case "--read-write": return [step(.readWrite(try path(option, value)))]
        case "--inaccessible": return [step(.inaccessible(try path(option, value)))]
        case "--host":
            var steps: [MountStep] = []
            for entry in value.split(separator: ",").map(String.init) {
                let paths: [String]
                if entry == "etc" {
                    paths = hostFiles.map { "/etc/" + $0 }
                } else if hostFiles.contains(entry) {
                    paths = ["/etc/" + entry]
                } else if entry.hasPrefix("/") {
                    paths = [entry]
                } else {
                    throw XError.usage("--host: unknown entry \(quoted(entry)) in \(quoted(value))",
                                       hint: "entries are \(hostFiles.joined(separator: ", ")), etc (all of them), or absolute paths of host directories")
                }
                steps += paths.map { step(.bind(source: $0, destination: $0, flags: MountFlags(readOnly: true, noSetuid: true, noDevices: true),
                                                ifExists: true, idmap: nil)) }
            }
            if steps.isEmpty { throw XError.usage("--host: the list is empty", hint: "for example --host=etc,/usr") }
            return steps
        default:
            return []
        }
    }

    static func path(_ option: String, _ value: String) throws(XError) -> String {
        if value.isEmpty { throw XError.usage("\(option): the path is empty") }
        return value
    }

    static func split(_ value: String, atFirst separator: Character) -> (String, String?) {
        guard let index = value.firstIndex(of: separator) else { return (value, nil) }
        return (String(value[..<index]), String(value[value.index(after: index)...]))
    }

    // ---- the API file systems (what systemd-nspawn mounts) --------------------

    static func fileSystem(_ option: String, _ type: String, _ destination: String, _ flags: MountFlags,
                           _ parameters: [FileSystemParameter] = [], optional: Bool = false, source: String? = nil) -> MountStep {
        MountStep(option, .fileSystem(type: type, source: source ?? type, destination: destination,
                                      options: MountOptions(flags: flags, parameters: parameters), optional: optional))
    }

    static func proc(_ option: String, _ destination: String) -> [MountStep] {
        [fileSystem(option, "proc", destination, .restricted), MountStep(option, .procRestrictions(proc: destination))]
    }

    static func sys(_ option: String, _ destination: String) -> [MountStep] {
        [fileSystem(option, "sysfs", destination, MountFlags.restricted.merging(.readOnly))]
    }

    static func dev(_ option: String, _ destination: String) -> [MountStep] {
        [fileSystem(option, "tmpfs", destination, MountFlags(noSetuid: true, noExec: true),
                    [FileSystemParameter("mode", "0755"), FileSystemParameter("size", "4m")]),
         MountStep(option, .deviceNodes(dev: destination))]
    }

    static func devpts(_ option: String) -> MountStep {
        fileSystem(option, "devpts", "/dev/pts", MountFlags(noSetuid: true, noExec: true),
                   [FileSystemParameter("newinstance"), FileSystemParameter("ptmxmode", "0666"), FileSystemParameter("mode", "0620")])
    }

    static func shm(_ option: String) -> MountStep {
        fileSystem(option, "tmpfs", "/dev/shm", .noSetuidNoDevices, [FileSystemParameter("mode", "1777")])
    }

    static func mqueue(_ option: String, _ destination: String, optional: Bool) -> MountStep {
        fileSystem(option, "mqueue", destination, .restricted, optional: optional)
    }

    static func run(_ option: String) -> MountStep {
        fileSystem(option, "tmpfs", "/run", .noSetuidNoDevices, [FileSystemParameter("mode", "0755")])
    }

    static func tmp(_ option: String) -> MountStep {
        fileSystem(option, "tmpfs", "/tmp", .noSetuidNoDevices, [FileSystemParameter("mode", "1777")])
    }
}
