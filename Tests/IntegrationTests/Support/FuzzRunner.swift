import Foundation

/// Runs fuzz cases (argv as raw bytes) in one bash script, each in namespaces
/// of its own with the root file system read-only, and judges the outcomes.
enum FuzzRunner {
    struct Result {
        var arguments: [[UInt8]]
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Every case: new mount (private), network, pid, UTS and IPC
    /// namespaces, a proc of their own, / (and /dev, /run/netns) remounted
    /// read-only, `timeout 10`. stdin is /dev/null; the shell is /bin/true.
    static let script = #"""
        T=$1 O=$2
        c() {
            n=$1; shift
            unshare --mount --propagation private --net --pid --fork --uts --ipc --mount-proc -- \
                sh -c 'mount -o remount,bind,ro / || exit 99
                       for m in /dev /run/netns; do mount -o remount,bind,ro "$m" 2>/dev/null; done
                       exec timeout -k 2 10 "$@"' sh "$T" "$@" </dev/null >"$O/$n.out" 2>"$O/$n.err"
            echo "$n $?" >> "$O/status"
        }
        """#

    static func run(tool: String, cases: [[[UInt8]]], outputs: TemporaryDirectory) throws -> [Result] {
        var text = script + "\n"
        for (index, arguments) in cases.enumerated() {
            text += "c \(index) " + shellWords(arguments) + "\n"
        }
        try text.write(toFile: outputs.file("cases.sh"), atomically: true, encoding: .utf8)
        let env = environment(["SHELL": "/bin/true", "XNS_TRACE": nil, "XNS_DRY_RUN": nil])
        let ran = try IntegrationTests.run(["bash", outputs.file("cases.sh"), tool, outputs.path], environment: env)
        let statuses = (try? String(contentsOfFile: outputs.file("status"), encoding: .utf8)) ?? ""
        var byCase: [Int: Int32] = [:]
        for line in statuses.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let index = Int(fields[0]), let status = Int32(fields[1]) { byCase[index] = status }
        }
        return cases.enumerated().map { index, arguments in
            func read(_ name: String) -> String {
                let data = FileManager.default.contents(atPath: outputs.file(name)) ?? Data()
                return String(decoding: data, as: UTF8.self)
            }
            return Result(arguments: arguments, status: byCase[index] ?? -1,
                          stdout: read("\(index).out"), stderr: byCase[index] == nil ? "case did not run: \(ran)" : read("\(index).err"))
        }
    }

    /// What is wrong with one outcome, or nil.
    static func problem(tool: String, _ result: Result) -> String? {
        let commandOwn: Set<Int32> = result.arguments.contains(Array("/bin/false".utf8)) ? [1] : []
        let allowed = Set<Int32>([0, 125, 126, 127]).union(commandOwn)
        if !allowed.contains(result.status) {
            let signals: [Int32: String] = [132: "SIGILL (a Swift trap)", 133: "SIGTRAP (a Swift trap)", 134: "SIGABRT",
                                            135: "SIGBUS", 139: "SIGSEGV", 124: "timed out after 10 s", 137: "SIGKILL", 99: "the read-only guard failed"]
            return "status \(result.status)\(signals[result.status].map { " (\($0))" } ?? "")"
        }
        if result.stderr.contains("Fatal error") { return "\"Fatal error\" on stderr" }
        guard result.status == 125 else { return nil }
        if !result.stdout.isEmpty { return "status 125 with output on stdout: \(result.stdout.prefix(200))" }
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast(result.stderr.hasSuffix("\n") ? 1 : 0)
        let errors = lines.filter { $0.hasPrefix(tool + ": ") }
        let others = lines.filter { !$0.hasPrefix(tool + ": ") && !$0.hasPrefix("hint: ") && !$0.hasPrefix(tool + "[") }
        if errors.count != 1 || !others.isEmpty {
            return "status 125 with \(errors.count) '\(tool): ' lines and \(others.count) other lines"
        }
        return nil
    }

    /// The words as bash reads them back byte for byte: $'\xHH...'.
    static func shellWords(_ words: [[UInt8]]) -> String {
        words.map { word in
            word.isEmpty ? "''" : "$'" + word.map { byte in
                (0x20...0x7E).contains(byte) && byte != 0x27 && byte != 0x5C
                    ? String(UnicodeScalar(byte)) : String(format: "\\x%02x", byte)
            }.joined() + "'"
        }.joined(separator: " ")
    }
}
