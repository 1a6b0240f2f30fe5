import Foundation
import Testing

/// libmount and libnl are loaded on first use (Sources/CLazyLibraries): the
/// tools that never call them do not map them, those that do still work, and
/// where a library is missing the tool that needs it says so in one line.
@Suite(.enabled(if: isRoot, "chroot(8) into a test root"))
struct LazyLibraryTests {
    /// A busybox root with `tool` and only the libraries ldd names for it.
    func rootWithoutLazyLibraries(_ tool: String) throws -> BusyboxRoot {
        let root = try BusyboxRoot()
        let script = """
            cp "$2" "$1/bin/$3"
            for lib in $(ldd "$2" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\\//) print $i }'); do
                [ -e "$1$lib" ] || { mkdir -p "$1$(dirname "$lib")"; cp -L "$lib" "$1$lib"; }
            done
            """
        let copied = try run(["sh", "-c", script, "sh", root.path, Package.tool("xns"), tool])
        #expect(copied.status == 0, "\(copied)")
        return root
    }

    @Test func toolsThatDoNotMountOrWireDoNotLoadThem() throws {
        // xunshare --fork stays, as the parent of COMMAND: its maps are read meanwhile.
        let forked = try run(["sh", "-c", "\(Package.xunshare) --fork -- sleep 2 & sleep 0.5; cat /proc/$!/maps; wait"])
        #expect(forked.status == 0, "\(forked)")
        #expect(forked.stdout.contains("/xns") || forked.stdout.contains("xunshare"), "\(forked.stdout.prefix(400))")
        for library in ["libmount", "libnl-route-3", "libblkid", "libselinux"] {
            #expect(!forked.stdout.contains(library), "xunshare mapped \(library)")
        }
    }

    @Test func aMissingLibraryIsOneLineAnd125() throws {
        let root = try rootWithoutLazyLibraries("xmountapi")
        try FileManager.default.createDirectory(atPath: root.path + "/tmp/made", withIntermediateDirectories: true)
        let result = try run(["unshare", "--mount", "--propagation", "private", "chroot", root.path,
                              "/bin/xmountapi", "--force", "--tmpfs=/tmp/made:size=1m", "--", "/bin/true"])
        #expect(result.status == 125, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderrLines.first?.hasPrefix("xmountapi: cannot load 'libmount.so.1': ") == true, "\(result)")
        // Run as `xns xmountapi`, the line names the tool, not argv[0].
        try FileManager.default.copyItem(atPath: root.path + "/bin/xmountapi", toPath: root.path + "/bin/xns")
        let named = try run(["unshare", "--mount", "--propagation", "private", "chroot", root.path,
                             "/bin/xns", "xmountapi", "--force", "--tmpfs=/tmp/made:size=1m", "--", "/bin/true"])
        #expect(named.stderrLines.first?.hasPrefix("xmountapi: cannot load") == true, "\(named)")
        // A tool that needs neither runs in the same root.
        let chroot = try run(["chroot", root.path, "/bin/xmountapi", "--version"])
        #expect(chroot.status == 0, "\(chroot)")
    }
}
