import Foundation

/// What a finished process left: its exit status (or the signal that killed
/// it) and everything it wrote.
struct Outcome: CustomStringConvertible {
    var status: Int32
    var signal: Int32?
    var stdout: String
    var stderr: String

    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }

    var description: String {
        "status \(status)\(signal.map { " signal \($0)" } ?? "")\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
}

/// Runs a command to completion. stdout and stderr go to files (no pipe
/// deadlock however much either side writes); stdin is /dev/null or `input`.
@discardableResult
func run(_ arguments: [String], environment: [String: String]? = nil, input: String? = nil,
         directory: String? = nil) throws -> Outcome {
    let scratch = try TemporaryDirectory()
    let outURL = URL(fileURLWithPath: scratch.path + "/stdout")
    let errURL = URL(fileURLWithPath: scratch.path + "/stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    // The test runner's threads block signals, and a child inherits the
    // mask: start every process with default signal handling.
    process.arguments = ["--default-signal"] + arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    if let input {
        let inURL = URL(fileURLWithPath: scratch.path + "/stdin")
        try input.write(to: inURL, atomically: true, encoding: .utf8)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
    } else {
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    }
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let killed = process.terminationReason == .uncaughtSignal
    return Outcome(status: killed ? -1 : process.terminationStatus,
                   signal: killed ? process.terminationStatus : nil,
                   stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

/// The environment of the test process with changes, for `run(environment:)`.
func environment(_ changes: [String: String?]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    for (key, value) in changes { env[key] = value }
    return env
}

/// Wraps a command so that it runs in a private mount namespace of its own:
/// whatever it mounts, pivots or switches vanishes with it, even if a test fails.
func inPrivateMountNamespace(_ arguments: [String]) -> [String] {
    ["unshare", "--mount", "--propagation", "private", "--"] + arguments
}

/// The unprivileged user the rootless tests run as.
let nobody: (uid: Int, gid: Int) = (65534, 65534)

/// Wraps a command so that it runs as the unprivileged user `nobody`.
func asNobody(_ arguments: [String]) -> [String] {
    ["setpriv", "--reuid=\(nobody.uid)", "--regid=\(nobody.gid)", "--clear-groups", "--"] + arguments
}

/// Wraps a command so that it runs rootless: as `nobody`, in a new user
/// namespace where it is root, with its own mount namespace.
func rootless(_ arguments: [String]) -> [String] {
    asNobody(["unshare", "--user", "--map-root-user", "--mount", "--"] + arguments)
}

/// Wraps a command so that it runs rootless in a small container: as
/// `nobody`, in new user, mount, pid and network namespaces (what proc and
/// sysfs need to be mountable without privileges).
func rootlessContainer(_ arguments: [String]) -> [String] {
    asNobody(["unshare", "--user", "--map-root-user", "--mount", "--pid", "--net", "--fork", "--"] + arguments)
}

/// Whether the tests run as root (integration tests need it to switch users).
var isRoot: Bool { getuid() == 0 }

/// Runs a shell script (`sh -c`), with `$X` set to the xunshare binary.
@discardableResult
func shell(_ script: String, environment extra: [String: String] = [:]) throws -> Outcome {
    var changes: [String: String?] = ["X": Package.xunshare]
    for (key, value) in extra { changes[key] = value }
    return try run(["sh", "-c", script], environment: environment(changes))
}

/// A shell that lists the fds a command gets, then execs `tool` (a chain
/// link with its options) to list them again as its COMMAND: one process
/// lineage, so the fds the harness hands down are the same on both sides
/// of `--`. (ls lists its own, /proc/self: in a new pid namespace $$ would
/// name another process in the host's /proc.)
func fdsBeforeAndAfter(_ tool: [String]) -> [String] {
    let listing = "ls /proc/self/fd"
    return ["/bin/sh", "-c", "\(listing); echo --; exec \"$@\"", "sh"] + tool + ["/bin/sh", "-c", listing]
}

extension Outcome {
    /// The two lists of `fdsBeforeAndAfter` name the same fds (as sets: the
    /// COMMAND side may be another `ls`, busybox's in a new root).
    var fdsMatch: Bool {
        let halves = stdout.components(separatedBy: "--\n").map { Set($0.split(separator: "\n")) }
        return halves.count == 2 && halves[0] == halves[1]
    }
}

/// Odd environment values: bytes that are not UTF-8, a newline, a tab, an
/// empty value, '=' in the value, spaces at both ends, UTF-8, and 100 000
/// bytes. As bash words for `env -i`.
let oddEnvironment = [#""ODD=$(printf 'a\377b\300')""#, #""NL=$(printf 'one\ntwo')""#, #""TAB=$(printf '\t')""#, "EMPTY=",
                      "EQ=a=b==c", "'SP= lead and trail '", "UTF=é€😀", #""LONG=$(head -c 100000 /dev/zero | tr '\0' x)""#,
                      "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "XNS_LAST=1"]

/// A bash script that runs `env -0` in exactly `oddEnvironment`, then
/// `tool` (a chain link with its options) with `env -0` as its COMMAND, in
/// the same environment: prints "same" if the two are byte-identical, else
/// both, as od shows them.
func environmentBeforeAndAfter(_ tool: [String], env: String = "/usr/bin/env") -> [String] {
    let script = """
        e=(env -i \(oddEnvironment.joined(separator: " ")))
        d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
        "${e[@]}" /usr/bin/env -0 > "$d/before"
        "${e[@]}" "$@" \(env) -0 > "$d/after" || echo "status $?"
        if cmp -s "$d/before" "$d/after"; then echo same; else od -c "$d/before" | head -20; echo --; od -c "$d/after" | head -20; fi
        """
    return ["bash", "-c", script, "bash"] + tool
}

/// The namespace a process of the tests' own is in: "net:[4026531840]".
func hostNamespace(_ name: String) throws -> String {
    try run(["readlink", "/proc/self/ns/\(name)"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}
