// swift-tools-version:6.0
//
// xns: small single-purpose Linux binaries that are chained with exec to
// isolate a process. Each tool's command line is a target of its own
// (Sources/TOOL); mechanisms live in XCore and in one small module per C
// library. The five are linked into one multicall executable, `xns`, which
// the build installs as links named xunshare, xnsenter, xchroot, xmountapi
// and xveth: a chain of x-tools then runs in one process (XCore's
// ExecElision) instead of starting the Swift runtime once per link.
import PackageDescription

let package = Package(
    name: "xns",
    products: [
        .executable(name: "xns", targets: ["xns"]),
    ],
    // No package dependencies: each tool's command line is a table of its
    // own (XCommandLine), parsed without reflection.
    dependencies: [],
    targets: [
        // C shim: Linux calls and constants that the Glibc module does not export.
        .target(name: "CLinux"),
        // libcap-ng (headers only: see CLazyLibraries), used only by tools that change capabilities.
        .systemLibrary(
            name: "CCapNG",
            pkgConfig: "libcap-ng",
            providers: [.apt(["libcap-ng-dev"])]),
        // libnl-route-3 (headers only: see CLazyLibraries), used only by tools that talk rtnetlink (veth, addresses, routes).
        .systemLibrary(
            name: "CLibNL",
            pkgConfig: "libnl-route-3.0",
            providers: [.apt(["libnl-route-3-dev"])]),

        // libmount (headers only: see CLazyLibraries; option strings, the mount table), used only by tools that mount.
        .systemLibrary(
            name: "CLibMount",
            pkgConfig: "mount",
            providers: [.apt(["libmount-dev"])]),

        // libmount, libnl-route-3 and libcap-ng loaded on first use (dlopen),
        // not at every start of every tool: the modules above declare their
        // functions, this target defines them (see LazyLibraries.c).
        .target(name: "CLazyLibraries", dependencies: ["CLibMount", "CLibNL", "CCapNG"], exclude: ["LazySymbols.def"]),

        // Mechanisms: system calls with typed errors, exec, tracing, roots.
        .target(name: "XCore", dependencies: ["CLinux"]),
        .target(name: "XCapabilities", dependencies: ["XCore", "CCapNG", "CLazyLibraries"]),
        // Mounts: the new mount API with its mount(2) fallback, the plan of
        // xmountapi, destinations resolved inside a root, the undo list.
        .target(name: "XMount", dependencies: ["XCore", "CLinux", "CLibMount", "CLazyLibraries"]),
        // Network namespaces, veth pairs, addresses and routes through libnl.
        .target(name: "XNetwork", dependencies: ["XCore", "CLinux", "CLibNL", "CLazyLibraries"]),

        // The command-line glue shared by every tool: the option tables, a
        // getopt_long parser over them, --help and completion scripts made
        // from them, how a tool starts and maps usage errors to status 125.
        .target(name: "XCommandLine", dependencies: ["XCore", "CLazyLibraries"]),

        .target(
            name: "xunshare",
            dependencies: [
                "XCore", "XCapabilities", "XCommandLine",
            ]),
        .target(
            name: "xnsenter",
            dependencies: [
                "XCore", "XCapabilities", "XCommandLine",
            ]),
        .target(
            name: "xchroot",
            dependencies: [
                "XCore", "XCapabilities", "XCommandLine",
            ]),

        .target(
            name: "xmountapi",
            dependencies: [
                "XCore", "XMount", "XCommandLine",
            ]),

        .target(
            name: "xveth",
            dependencies: [
                "XCore", "XNetwork", "XCommandLine",
            ]),

        // The multicall binary: the five tools above, chosen by the name it runs as.
        .executableTarget(
            name: "xns",
            dependencies: ["XCommandLine", "xunshare", "xnsenter", "xchroot", "xmountapi", "xveth"]),

        // Developer tool: renders man/ and completions/ from the tools'
        // option tables.
        .executableTarget(
            name: "xns-docgen",
            dependencies: ["XCommandLine", "xunshare", "xnsenter", "xchroot", "xmountapi", "xveth"],
            path: "Sources/xns-docgen"),

        // Unit tests of the mechanisms, the command-line parser and the tools'
        // tables: no privileges.
        .testTarget(name: "XCoreTests", dependencies: ["XCore", "XCapabilities", "XCommandLine", "XMount", "XNetwork",
                                                      "xunshare", "xnsenter", "xchroot", "xmountapi", "xveth"]),
        // Integration tests: run the built binaries for real (root and rootless).
        .testTarget(name: "IntegrationTests", exclude: ["Fixtures"]),
    ]
)
