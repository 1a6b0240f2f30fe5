import Foundation

extension Package {
    static var xnsenter: String { tool("xnsenter") }
}

/// A process started in the background for a test to enter — a chain such
/// as `xunshare … -- sleep 30`. It and everything it started are killed
/// when the value goes away, also when the test fails.
final class Background {
    let process: Process
    private let scratch: TemporaryDirectory

    var pid: pid_t { process.processIdentifier }

    init(_ arguments: [String], environment: [String: String]? = nil) throws {
        scratch = try TemporaryDirectory()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Default signal handling, unblocked, as `run` starts processes.
        process.arguments = ["--default-signal"] + arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        _ = FileManager.default.createFile(atPath: scratch.file("output"), contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("output")))
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    deinit {
        // Every descendant is collected before any is killed, so none is
        // reparented away first.
        let all = [pid] + descendants(of: pid)
        for member in all { kill(member, SIGKILL) }
        process.waitUntilExit()
    }

    /// What the process and its children wrote (stdout and stderr).
    var output: String { (try? String(contentsOfFile: scratch.file("output"), encoding: .utf8)) ?? "" }

    /// The process running `command` once it is there: the started process
    /// itself, or (`forked`) its child — the first process of a new pid
    /// namespace. Waits until it has executed `command`.
    func target(running command: String, forked: Bool = false) throws -> pid_t {
        let found = try waitFor("\(command) in the background\n\(output)") { () -> pid_t? in
            let candidate = forked ? children(of: pid).first : pid
            guard let candidate, processName(candidate) == command else { return nil }
            return candidate
        }
        return found
    }
}

struct Timeout: Error, CustomStringConvertible {
    var description: String
}

/// Polls `probe` every 10 ms until it returns a value, at most `seconds`.
@discardableResult
func waitFor<T>(_ what: String, seconds: Double = 10, _ probe: () -> T?) throws -> T {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let value = probe() { return value }
        usleep(10_000)
    }
    throw Timeout(description: "timed out waiting for \(what)")
}

/// /proc/PID/comm.
func processName(_ pid: pid_t) -> String? {
    (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
}

/// The state letter of /proc/PID/stat: R, S, T (stopped), Z …
func processState(_ pid: pid_t) -> Character? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    return stat[stat.index(close, offsetBy: 2)...].first
}

func children(of pid: pid_t) -> [pid_t] {
    let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
    return text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
}

func descendants(of pid: pid_t) -> [pid_t] {
    children(of: pid).flatMap { [$0] + descendants(of: $0) }
}

/// The namespace a process is in, as readlink shows it: "net:[4026531840]".
func namespace(_ name: String, of pid: pid_t) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/\(name)")
}

/// A network namespace made with `ip netns add`, deleted when the value
/// goes away. Its file is /run/netns/NAME.
final class NetworkNamespace {
    let name: String
    var file: String { "/run/netns/" + name }

    init() throws {
        name = "xns-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let added = try run(["ip", "netns", "add", name])
        guard added.status == 0 else { throw Timeout(description: "ip netns add \(name) failed\n\(added)") }
    }

    deinit {
        _ = try? run(["ip", "netns", "delete", name])
    }
}

/// Every process whose environment holds `token` (a NAME=VALUE entry only
/// the processes of one test carry), found by scanning all of /proc: also
/// those that left the tree they were started in (orphans, reparented).
func processes(carrying token: String) -> [pid_t] {
    let needle = Array(token.utf8)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { pid_t($0) }.filter { pid in
        guard pid != getpid(), let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
        return environ.split(separator: 0).contains { Array($0) == needle }
    }
}

/// The processes carrying `token` that are still there after `seconds`
/// (as "PID NAME"), killed then: what a test left behind, cleaned up even
/// when the test fails.
func leftBehind(carrying token: String, seconds: Double = 5) -> [String] {
    guard (try? waitFor("the processes carrying \(token) to end", seconds: seconds) {
        processes(carrying: token).isEmpty ? true : nil
    }) == nil else { return [] }
    let left = processes(carrying: token)
    let names = left.map { "\($0) \(processName($0) ?? "?")" }
    for pid in left { kill(pid, SIGKILL) }
    return names
}

/// Starts `arguments` (a forking tool), waits until a process below it runs
/// `command`, sends `signal` to the started process, and returns the signal
/// it died of (nil if it exited) and whether `command` outlived it (then it
/// is killed): a tool that died of the signal itself, instead of passing
/// it on and ending as the child did, leaves the child behind.
func signalWhenRunning(_ arguments: [String], command: String, _ signal: Int32) throws -> (died: Int32?, commandLeft: Bool) {
    let started = try Background(arguments)
    let child = try waitFor("\(command) below \(arguments[0])\n\(started.output)") {
        descendants(of: started.pid).first { processName($0) == command }
    }
    kill(started.pid, signal)
    started.process.waitUntilExit()
    let left = kill(child, 0) == 0 && processState(child) != "Z"
    if left { kill(child, SIGKILL) }
    return (started.process.terminationReason == .uncaughtSignal ? started.process.terminationStatus : nil, left)
}
