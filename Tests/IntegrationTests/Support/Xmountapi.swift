import Foundation

/// Runs `xmountapi OPTIONS --root ROOT -- xchroot [CHROOT...] ROOT /bin/sh -c SCRIPT`,
/// after `setup` (a shell command run first, in the same namespaces), wrapped
/// by `wrap` (a private mount namespace by default, so everything mounted
/// vanishes with the process, even if the test fails).
func xmountapi(_ root: BusyboxRoot, _ options: [String], then script: String, chroot: [String] = [],
               setup: String? = nil, environment env: [String: String]? = nil,
               wrap: ([String]) -> [String] = inPrivateMountNamespace) throws -> Outcome {
    let chain = [Package.xmountapi] + options + ["--root", root.path, "--", Package.xchroot] + chroot + [root.path, "/bin/sh", "-c", script]
    guard let setup else { return try run(wrap(chain), environment: env) }
    return try run(wrap(["sh", "-c", "\(setup) && exec \"$@\"", "sh"] + chain), environment: env)
}

/// The paths proc hides that exist on this kernel.
var maskedProcFiles: [String] {
    ["kcore", "kallsyms", "keys", "sysrq-trigger", "timer_list"].filter { FileManager.default.fileExists(atPath: "/proc/" + $0) }
}
