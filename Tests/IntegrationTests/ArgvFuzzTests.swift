import Foundation
import Testing

/// Random command lines for every tool, built from its real options, random
/// values, separators and odd bytes (not UTF-8, newlines, empty words), and a
/// COMMAND from a safe list. Seeded and reproducible: XNS_FUZZ_SEED chooses
/// the seed, XNS_FUZZ_CASES the number of cases per tool (`make test` a few
/// hundred, `make stress` 10 000).
///
/// Every case runs in new mount (private), network, pid, UTS and IPC
/// namespaces with a proc of their own, the root file system and /run/netns
/// remounted read-only there, under `timeout 10`: a random --pivot-root,
/// --switch-root, --force or mount stays inside, and nothing is written to
/// the machine. The tool must never trap or crash (SIGILL, SIGTRAP, SIGABRT,
/// SIGSEGV: a Swift trap), never print "Fatal error", end with 0, 125, 126,
/// 127 or COMMAND's own status (0 or 1), and with 125 write exactly one
/// `TOOL: ` line (and maybe a hint; trace lines aside).
@Suite(.enabled(if: isRoot, "the cases run in new namespaces"))
struct ArgvFuzzTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["XNS_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_122
    static let defaultCasesPerTool = 300
    static let casesPerTool = ProcessInfo.processInfo.environment["XNS_FUZZ_CASES"].flatMap { Int($0) } ?? defaultCasesPerTool
    /// Cases run by one shell script, so a stress run does not keep 10 000
    /// outputs on disk at once.
    static let batch = 250

    @Test(arguments: FuzzGrammar.tools)
    func randomCommandLinesNeverCrash(_ tool: String) throws {
        let scratch = try TemporaryDirectory()
        try FuzzGrammar.prepare(scratch)
        let grammar = FuzzGrammar(tool: tool, scratch: scratch.path)
        var random = SplitMix64(seed: Self.seed &+ UInt64(FuzzGrammar.tools.firstIndex(of: tool)!) &* 0x9E37_79B9)
        var failures: [String] = []
        var statuses: [Int32: Int] = [:]
        var start = 0
        while start < Self.casesPerTool {
            let count = min(Self.batch, Self.casesPerTool - start)
            let cases = (0..<count).map { _ in grammar.argv(&random) }
            let outputs = try TemporaryDirectory()
            let results = try FuzzRunner.run(tool: Package.tool(tool), cases: cases, outputs: outputs)
            for (offset, result) in results.enumerated() {
                statuses[result.status, default: 0] += 1
                if let problem = FuzzRunner.problem(tool: tool, result) {
                    failures.append("case \(start + offset): \(problem)\n  argv: \(tool) \(FuzzRunner.shellWords(cases[offset]))\n\(result.stderr)")
                }
            }
            start += count
        }
        let summary = statuses.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
        print("fuzz \(tool): seed \(Self.seed), \(Self.casesPerTool) cases, statuses \(summary)")
        #expect(failures.isEmpty, "seed \(Self.seed) (XNS_FUZZ_SEED=\(Self.seed) XNS_FUZZ_CASES=\(Self.casesPerTool)), \(failures.count) failing:\n\(failures.prefix(20).joined(separator: "\n"))")
    }
}

/// A small, fast, seedable generator (SplitMix64): the same seed gives the
/// same cases on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
