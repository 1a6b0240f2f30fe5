import Glibc
import Testing
@testable import XCore

/// Whether an inherited directory leads into a root: climbing ".." from it
/// meets the root, or stops at the top without meeting it.
@Suite struct InheritedDirectoriesTests {
    @Test func aDirectoryBelowTheRootLeadsIntoIt() throws {
        var template = Array("/tmp/xns-unit-XXXXXX".utf8CString)
        let base = String(cString: try #require(mkdtemp(&template)))
        defer { _ = rmdir(base + "/root/etc/deep"); _ = rmdir(base + "/root/etc"); _ = rmdir(base + "/root"); _ = rmdir(base + "/outside"); _ = rmdir(base) }
        for directory in ["/root", "/root/etc", "/root/etc/deep", "/outside"] { mkdir(base + directory, 0o755) }
        let root = open(base + "/root", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let deep = open(base + "/root/etc/deep", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let outside = open(base + "/outside", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(root); close(deep); close(outside) }
        let top = try #require(InheritedDirectories.identity(root))
        #expect(InheritedDirectories.leads(root, to: top))
        #expect(InheritedDirectories.leads(deep, to: top))
        #expect(!InheritedDirectories.leads(outside, to: top))
        #expect(InheritedDirectories.isDirectory(outside))
    }
}
