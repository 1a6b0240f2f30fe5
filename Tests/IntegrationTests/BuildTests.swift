import Foundation
import Testing

/// What the build ships: generated docs that match the tools, and one
/// binary that needs few shared libraries (the next link may run in a root
/// that has little more than glibc).
@Suite struct BuildTests {
    static let tools = ["xunshare", "xnsenter", "xmountapi", "xchroot", "xveth"]

    @Test func manPagesAndCompletionsMatchTheTools() throws {
        let docgen = Package.tool("xns-docgen")
        try #require(FileManager.default.isExecutableFile(atPath: docgen), "xns-docgen is built with the tools")
        let result = try run([docgen, "--check", "--man-dir", Package.root + "/man",
                              "--completions-dir", Package.root + "/completions"] + Self.tools.map(Package.tool) + ["xns-compat"])
        #expect(result.status == 0, "man/ or completions/ drifted: run 'make docs'\n\(result)")
    }

    /// The five tools are links to one multicall binary (one inode), which
    /// loads libmount, libnl and libcap-ng on first use, carries the Swift
    /// runtime, libstdc++ and libgcc's unwinder inside and has its relative
    /// relocations packed (release builds; see RELEASE_LINK in the Makefile).
    @Test func theToolsAreOneBinary() throws {
        var identities = Set<[UInt64]>()
        for tool in Self.tools + ["xns"] {
            var status = stat()
            try #require(stat(Package.tool(tool), &status) == 0, "\(tool) is built (make build links the tools to xns)")
            identities.insert([UInt64(status.st_dev), UInt64(status.st_ino)])
        }
        for name in ["unshare", "nsenter", "chroot", "switch_root", "pivot_root"] {
            var status = stat()
            try #require(stat(Package.binaries + "/compat/" + name, &status) == 0, "compat/\(name) is built (make build links it to xns)")
            identities.insert([UInt64(status.st_dev), UInt64(status.st_ino)])
        }
        #expect(identities.count == 1, "every tool and classic name is a hard link to xns")
        let ldd = try run(["ldd", Package.tool("xns")])
        if Package.binaries.hasSuffix("/release") {
            // libmount, libnl and libcap-ng (and libblkid, libselinux,
            // libpcre2 with them) are dlopen'ed by the tools that call them.
            for library in ["libstdc++", "libswift", "libFoundation", "libmount", "libnl", "libblkid", "libselinux",
                            "libcap-ng", "libgcc_s"] {
                #expect(!ldd.stdout.contains(library), "xns must not link \(library)\n\(ldd.stdout)")
            }
            let dynamic = try run(["readelf", "-d", Package.tool("xns")])
            #expect(!dynamic.stdout.contains("RUNPATH") && !dynamic.stdout.contains("RPATH"), "no $ORIGIN search path\n\(dynamic.stdout)")
            #expect(dynamic.stdout.contains("(RELR)"), "relative relocations packed\n\(dynamic.stdout)")
        }
    }
}
