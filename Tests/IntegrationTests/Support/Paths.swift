import Foundation

/// Where the package and the built tools are.
enum Package {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// The directory of the tool binaries: $XNS_BIN (the Makefile sets it to
    /// the release build), else the release build if there is one, else debug.
    static let binaries: String = {
        if let bin = ProcessInfo.processInfo.environment["XNS_BIN"], !bin.isEmpty { return bin }
        let release = root + "/.build/release"
        if FileManager.default.isExecutableFile(atPath: release + "/xchroot") { return release }
        return root + "/.build/debug"
    }()

    static func tool(_ name: String) -> String { binaries + "/" + name }

    static var xchroot: String { tool("xchroot") }
    static var xunshare: String { tool("xunshare") }
    static var xmountapi: String { tool("xmountapi") }

    static let makeBusyboxRoot = root + "/demos/make-busybox-root"
    static let copyWithLibraries = root + "/demos/copy-with-libraries"
    static let fixtures = root + "/Tests/IntegrationTests/Fixtures"
}

/// A fresh busybox root (see demos/make-busybox-root) in a temporary directory.
final class BusyboxRoot {
    let directory: TemporaryDirectory
    var path: String { directory.path }

    init() throws {
        directory = try TemporaryDirectory()
        let made = try run([Package.makeBusyboxRoot, directory.path])
        guard made.status == 0 else { throw POSIXError(.EIO) }
    }

    /// Writes a file inside the root (path relative to the root), with a mode.
    func write(_ relative: String, _ contents: String, mode: Int = 0o644) throws {
        let path = self.path + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try contents.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode_t(mode))
    }
}
