import Foundation
import Testing
import XCore
import XMount
import XCommandLine

/// Destinations resolved inside a root, without privileges (nothing is mounted).
@Suite struct MountPointTests {
    final class Scratch {
        let path: String
        init() throws {
            var template = Array("/tmp/xns-unit-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
            path = String(cString: made)
            try FileManager.default.createDirectory(atPath: path + "/etc/sub", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path + "/etc/file", contents: Data())
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    func resolve(_ destination: String, in scratch: Scratch, create: MountPoint.Creation = .nothing,
                 undo: UndoList = UndoList()) throws -> Result<MountPoint, MountPoint.Problem> {
        let root = try RootDirectory.open(scratch.path).get()
        return MountPoint.resolve(destination, in: root, create: create, undo: undo)
    }

    @Test func plainAndRelativePaths() throws {
        let scratch = try Scratch()
        let point = try resolve("/etc/sub", in: scratch).get()
        #expect(point.inRoot == "/etc/sub")
        #expect(point.path == scratch.path + "/etc/sub")
        #expect(point.isDirectory)
        #expect(try resolve("etc/./sub/../file", in: scratch).get().inRoot == "/etc/file")
        #expect(try resolve("/", in: scratch).get().path == scratch.path)
    }

    @Test func dotDotAboveTheRootIsRefused() throws {
        let scratch = try Scratch()
        #expect(try resolve("/../etc", in: scratch).failureValue == .escapesRoot)
        #expect(try resolve("/etc/../../x", in: scratch).failureValue == .escapesRoot)
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/up", withDestinationPath: "etc/../..")
        #expect(try resolve("/up/etc", in: scratch).failureValue == .escapesRoot)
    }

    @Test func absoluteSymlinksStartAgainAtTheRoot() throws {
        let scratch = try Scratch()
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/etc/sub/abs", withDestinationPath: "/etc")
        let point = try resolve("/etc/sub/abs/file", in: scratch).get()
        #expect(point.inRoot == "/etc/file")
        #expect(!point.isDirectory)
    }

    @Test func missingPathsAreMadeAndRecorded() throws {
        let scratch = try Scratch()
        #expect(try resolve("/new/dir", in: scratch).failureValue == .missing("/new"))
        #expect(try resolve("/etc/file/x", in: scratch).failureValue == .notDirectory("/etc/file"))
        let undo = UndoList()
        let point = try resolve("/new/dir/file", in: scratch, create: .file, undo: undo).get()
        #expect(!point.isDirectory)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/new/dir/file"))
        undo.undoAll()
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/new"))
    }

    @Test func symlinkLoops() throws {
        let scratch = try Scratch()
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/loop", withDestinationPath: "loop")
        #expect(try resolve("/loop/x", in: scratch).failureValue == .tooManySymlinks)
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
