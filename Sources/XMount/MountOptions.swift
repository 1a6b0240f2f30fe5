import CLibMount
import Glibc

/// A file-system parameter handed to the kernel: `size=1m` (key and value)
/// or `noswap` (a flag, no value). fsconfig(2) FSCONFIG_SET_STRING or
/// FSCONFIG_SET_FLAG; for mount(2) they are joined into its data string.
public struct FileSystemParameter: Equatable, Sendable {
    public var key: String
    public var value: String?

    public init(_ key: String, _ value: String? = nil) {
        self.key = key
        self.value = value
    }

    public var text: String { value.map { "\(key)=\($0)" } ?? key }
}

/// A mount option string such as `size=64m,mode=1777,noexec`, split the way
/// mount(8) splits it — by libmount — into the per-mount flags (ro, nosuid,
/// nodev, noexec, atime…) and the parameters of the file system itself. An
/// option that only makes sense to mount(8) or fstab (noauto, user, x-…) or
/// that is an operation rather than a property (bind, remount, move) is refused
/// here; file-system parameters are left to the kernel to judge.
public struct MountOptions: Equatable, Sendable {
    public var flags: MountFlags
    public var parameters: [FileSystemParameter]

    public init(flags: MountFlags = MountFlags(), parameters: [FileSystemParameter] = []) {
        self.flags = flags
        self.parameters = parameters
    }

    /// Why an option string was refused: the offending option.
    public struct Refusal: Error, Equatable {
        public var option: String
        public var reason: String

        public init(option: String, reason: String) {
            self.option = option
            self.reason = reason
        }
    }

    /// The per-mount options this tool understands, with what each one sets.
    static let flagOptions: [String: @Sendable (inout MountFlags) -> Void] = [
        "ro": { $0.readOnly = true }, "rw": { $0.readOnly = false },
        "nosuid": { $0.noSetuid = true }, "suid": { $0.noSetuid = false },
        "nodev": { $0.noDevices = true }, "dev": { $0.noDevices = false },
        "noexec": { $0.noExec = true }, "exec": { $0.noExec = false },
        "nosymfollow": { $0.noSymlinkFollow = true }, "symfollow": { $0.noSymlinkFollow = false },
        "nodiratime": { $0.noDirectoryAccessTime = true }, "diratime": { $0.noDirectoryAccessTime = false },
        "relatime": { $0.accessTime = .relatime }, "noatime": { $0.accessTime = .noatime },
        "strictatime": { $0.accessTime = .strictatime },
    ]

    public static func parse(_ text: String) -> Result<MountOptions, Refusal> {
        var user: UnsafeMutablePointer<CChar>?
        var vfs: UnsafeMutablePointer<CChar>?
        var fs: UnsafeMutablePointer<CChar>?
        defer { free(user); free(vfs); free(fs) }
        if mnt_split_optstr(text, &user, &vfs, &fs, 0, 0) != 0 {
            return .failure(Refusal(option: text, reason: "cannot be parsed"))
        }
        if let first = options(in: user).first {
            return .failure(Refusal(option: first.text, reason: "is a mount(8)/fstab option, not a mount option"))
        }
        var flags = MountFlags()
        for option in options(in: vfs) {
            guard option.value == nil, let apply = flagOptions[option.key] else {
                return .failure(Refusal(option: option.text, reason: "is not supported here"))
            }
            apply(&flags)
        }
        let parameters = options(in: fs)
        if let empty = parameters.first(where: { $0.key.isEmpty }) {
            return .failure(Refusal(option: empty.text, reason: "has no name"))
        }
        return .success(MountOptions(flags: flags, parameters: parameters))
    }

    /// The options of a libmount option string, in order (libmount handles quoting).
    static func options(in string: UnsafeMutablePointer<CChar>?) -> [FileSystemParameter] {
        var cursor: UnsafeMutablePointer<CChar>? = string
        if cursor == nil { return [] }
        var result: [FileSystemParameter] = []
        var name: UnsafeMutablePointer<CChar>?
        var value: UnsafeMutablePointer<CChar>?
        var nameSize = 0, valueSize = 0
        while mnt_optstr_next_option(&cursor, &name, &nameSize, &value, &valueSize) == 0 {
            guard let name else { break }
            let key = text(name, nameSize)
            result.append(FileSystemParameter(key, value.map { text($0, valueSize) }))
        }
        return result
    }

    static func text(_ pointer: UnsafeMutablePointer<CChar>, _ count: Int) -> String {
        pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    /// Parameters with `overrides` replacing those of the same key.
    public func withDefaults(_ defaults: [FileSystemParameter], flags defaultFlags: MountFlags) -> MountOptions {
        let keys = Set(parameters.map(\.key))
        return MountOptions(flags: defaultFlags.merging(flags),
                            parameters: defaults.filter { !keys.contains($0.key) } + parameters)
    }

    /// For mount(2): the parameters joined into its data string.
    public var data: String { parameters.map(\.text).joined(separator: ",") }

    /// As mount(8) would show them: flags, then parameters.
    public var description: String {
        [flags.description, data].filter { !$0.isEmpty }.joined(separator: ",")
    }
}
