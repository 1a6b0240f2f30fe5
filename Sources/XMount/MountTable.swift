import CLibMount
import Glibc
import XCore

/// The mount table of this mount namespace (/proc/self/mountinfo), read by
/// libmount. Used where the new mount API is missing (mount(2) cannot change
/// a tree of mounts in one call, so every mount below a path is remounted in
/// turn), and to explain the kernel's refusals.
public struct MountTable {
    public struct Entry: Equatable {
        public var id: Int32
        public var parent: Int32
        public var target: String
        public var type: String
        public var source: String
        public var vfsOptions: String
        public var fsOptions: String

        public init(id: Int32, parent: Int32, target: String, type: String, source: String,
                    vfsOptions: String, fsOptions: String) {
            self.id = id
            self.parent = parent
            self.target = target
            self.type = type
            self.source = source
            self.vfsOptions = vfsOptions
            self.fsOptions = fsOptions
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    public static let mountInfo = "/proc/self/mountinfo"

    /// The table, or nil when /proc is not mounted.
    public static func read(_ path: String = mountInfo) -> MountTable? {
        guard access(path, R_OK) == 0 else { return nil }
        if Trace.isTracing { Trace.line("mnt_new_table_from_file(\(traceString(path)))") }
        guard let table = mnt_new_table_from_file(path) else { return nil }
        defer { mnt_unref_table(table) }
        guard let iterator = mnt_new_iter(Int32(MNT_ITER_FORWARD)) else { return nil }
        defer { mnt_free_iter(iterator) }
        var entries: [Entry] = []
        var fs: OpaquePointer?
        while mnt_table_next_fs(table, iterator, &fs) == 0, let fs {
            func string(_ get: (OpaquePointer?) -> UnsafePointer<CChar>?) -> String {
                get(fs).map { String(cString: $0) } ?? ""
            }
            entries.append(Entry(id: mnt_fs_get_id(fs), parent: mnt_fs_get_parent_id(fs),
                                 target: string(mnt_fs_get_target), type: string(mnt_fs_get_fstype),
                                 source: string(mnt_fs_get_source), vfsOptions: string(mnt_fs_get_vfs_options),
                                 fsOptions: string(mnt_fs_get_fs_options)))
        }
        return MountTable(entries: entries)
    }

    /// The mount points at `path` and below it, parents before children.
    public func mountPoints(under path: String) -> [String] {
        let prefix = path == "/" ? "/" : path + "/"
        var seen = Set<String>()
        return entries.map(\.target)
            .filter { $0 == path || $0.hasPrefix(prefix) }
            .filter { seen.insert($0).inserted }
            .sorted { $0.split(separator: "/").count < $1.split(separator: "/").count }
    }

    /// Mounts that cover something inside a mount of `type` at `path`: what
    /// makes the kernel call a new proc or sysfs "too revealing" for a user
    /// namespace (it would show what those mounts hide).
    public func overmounts(ofType type: String, at path: String) -> [String] {
        guard entries.contains(where: { $0.target == path && $0.type == type }) else { return [] }
        return mountPoints(under: path).filter { $0 != path }
    }
}
