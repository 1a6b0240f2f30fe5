import Foundation
import Testing

/// What the build ships: generated docs that match the tools, and no shared
/// library a tool does not need (the next link may run in a root that has
/// little more than glibc).
@Suite struct BuildTests {
    static let tools = ["xunshare", "xnsenter", "xmountapi", "xchroot", "xveth"]

    @Test func manPagesAndCompletionsMatchTheTools() throws {
        let docgen = Package.tool("xns-docgen")
        try #require(FileManager.default.isExecutableFile(atPath: docgen), "xns-docgen is built with the tools")
        let result = try run([docgen, "--check", "--man-dir", Package.root + "/man",
                              "--completions-dir", Package.root + "/completions"] + Self.tools.map(Package.tool))
        #expect(result.status == 0, "man/ or completions/ drifted: run 'make docs'\n\(result)")
    }

    // xunshare and xnsenter link libcap-ng for --keep-caps only; xmountapi links libmount only; xveth libnl only.
    @Test(arguments: [("xchroot", ["libcap-ng"], ["libmount", "libnl", "libswift", "libFoundation"]),
                      ("xunshare", ["libcap-ng"], ["libmount", "libnl", "libswift", "libFoundation"]),
                      ("xnsenter", ["libcap-ng"], ["libmount", "libnl", "libswift", "libFoundation"]),
                      ("xmountapi", ["libmount"], ["libcap-ng", "libnl", "libswift", "libFoundation"]),
                      ("xveth", ["libnl-route-3", "libnl-3"], ["libcap-ng", "libmount", "libswift", "libFoundation"])])
    func linksOnlyWhatItNeeds(tool: String, needed: [String], unwanted: [String]) throws {
        let ldd = try run(["ldd", Package.tool(tool)])
        for library in needed { #expect(ldd.stdout.contains(library), "\(tool) should link \(library)\n\(ldd.stdout)") }
        if Package.binaries.hasSuffix("/release") {
            for library in unwanted { #expect(!ldd.stdout.contains(library), "\(tool) must not link \(library)\n\(ldd.stdout)") }
        }
    }
}
