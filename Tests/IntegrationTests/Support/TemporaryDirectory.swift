import Foundation

/// A directory under /tmp, readable by everyone (rootless tests run as
/// nobody), removed when the value goes away — also when a test fails.
/// Tests only ever mount inside private mount namespaces, so nothing is
/// mounted here by the time it is removed.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/xns-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        path = String(cString: made)
        chmod(path, 0o755)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}
