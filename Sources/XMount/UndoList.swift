import CLinux
import Glibc
import XCore

/// Everything a run has made so far — mounts, and the directories and files
/// created as mount points — so that a failed step can take it all back,
/// newest first: nothing half-mounted is left, even in a private namespace.
public final class UndoList {
    enum Entry {
        case mount(String)
        case created(String, isDirectory: Bool)
    }

    private(set) var entries: [Entry] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    public func mounted(_ path: String) { entries.append(.mount(path)) }

    public func created(_ path: String, isDirectory: Bool) { entries.append(.created(path, isDirectory: isDirectory)) }

    /// Undoes everything, newest first. Best effort: a failure here cannot be
    /// helped, and the first error is what the user needs to see.
    public func undoAll() {
        while let entry = entries.popLast() {
            switch entry {
            case .mount(let path):
                systemCall("umount2", "\(traceString(path)), MNT_DETACH|UMOUNT_NOFOLLOW") {
                    umount2(path, xns_MNT_DETACH | xns_UMOUNT_NOFOLLOW)
                }
            case .created(let path, let isDirectory):
                systemCall("unlinkat", "AT_FDCWD, \(traceString(path)), \(isDirectory ? "AT_REMOVEDIR" : "0")") {
                    unlinkat(AT_FDCWD, path, isDirectory ? xns_AT_REMOVEDIR : 0)
                }
            }
        }
    }
}
