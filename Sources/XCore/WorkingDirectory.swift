import Glibc

/// chdir(2), traced, with the message every tool gives when it fails.
public func changeDirectory(_ path: String, hint: String? = nil) throws(XError) {
    try systemCall("chdir", traceString(path)) { chdir(path) }
        .orThrow("cannot change directory to", path, hint: hint, operation: .chdir(path))
}
