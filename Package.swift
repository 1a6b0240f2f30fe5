// swift-tools-version:6.0
//
// xns: small single-purpose Linux binaries that are chained with exec to
// isolate a process. Every tool is one executable target (the manual and
// completion generator needs exactly one target per product); mechanisms live
// in XCore and in one small module per C library, so that a tool links only
// the shared libraries it really uses (the next link of a chain may run in a
// root that has little more than glibc).
import PackageDescription

let package = Package(
    name: "xns",
    products: [
        .executable(name: "xunshare", targets: ["xunshare"]),
        .executable(name: "xnsenter", targets: ["xnsenter"]),
        .executable(name: "xchroot", targets: ["xchroot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // C shim: Linux calls and constants that the Glibc module does not export.
        .target(name: "CLinux"),
        // libcap-ng, used only by tools that change capabilities.
        .systemLibrary(
            name: "CCapNG",
            pkgConfig: "libcap-ng",
            providers: [.apt(["libcap-ng-dev"])]),

        // Mechanisms: system calls with typed errors, exec, tracing, roots.
        .target(name: "XCore", dependencies: ["CLinux"]),
        .target(name: "XCapabilities", dependencies: ["XCore", "CCapNG"]),

        // The command-line glue shared by every tool: how a tool starts,
        // parses, reports usage errors and maps them to exit status 125.
        .target(
            name: "XCommandLine",
            dependencies: [
                "XCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .executableTarget(
            name: "xunshare",
            dependencies: [
                "XCore", "XCapabilities", "XCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "xnsenter",
            dependencies: [
                "XCore", "XCapabilities", "XCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "xchroot",
            dependencies: [
                "XCore", "XCapabilities", "XCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Developer tool: renders man/ and completions/ from the tools' own
        // --experimental-dump-help and --generate-completion-script output.
        .executableTarget(name: "xns-docgen", path: "Sources/xns-docgen"),

        // Unit tests of the mechanisms and the command-line glue: no privileges.
        .testTarget(name: "XCoreTests", dependencies: ["XCore", "XCapabilities", "XCommandLine"]),
        // Integration tests: run the built binaries for real (root and rootless).
        .testTarget(name: "IntegrationTests", exclude: ["Fixtures"]),
    ]
)
