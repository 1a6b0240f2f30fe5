import Glibc

/// A NULL-terminated `char *[]` built from Swift strings, for execve(2).
/// The memory is owned by this value; it must outlive the call.
public final class CStringArray {
    public private(set) var pointers: [UnsafeMutablePointer<CChar>?]

    public init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
