import Foundation
import Testing

/// $XNS_OLD_BIN: the binaries built with swift-argument-parser.
let oldParserBinaries = ProcessInfo.processInfo.environment["XNS_OLD_BIN"].flatMap { $0.isEmpty ? nil : $0 }

/// The table-driven parser against the parser it replaced: the fuzz corpus
/// (the same seed and cases as ArgvFuzzTests) and the bad-input matrix, run
/// through the binaries of both in the same throwaway namespaces, must end
/// alike — status, stdout and stderr (PIDs in trace lines aside) — except
/// where the change was made on purpose, each such case named by
/// `DeliberateChange`. XNS_OLD_BIN names the directory of the old binaries
/// (a build of the commit before the switch); without it the suite is skipped.
@Suite(.enabled(if: isRoot && oldParserBinaries != nil,
                "XNS_OLD_BIN names no directory of binaries built with the earlier parser"))
struct ParserDifferentialTests {
    static let oldBinaries = oldParserBinaries

    @Test(arguments: FuzzGrammar.tools)
    func fuzzCasesEndAlike(_ tool: String) throws {
        let scratch = try TemporaryDirectory()
        try FuzzGrammar.prepare(scratch)
        let grammar = FuzzGrammar(tool: tool, scratch: scratch.path)
        var random = SplitMix64(seed: ArgvFuzzTests.seed &+ UInt64(FuzzGrammar.tools.firstIndex(of: tool)!) &* 0x9E37_79B9)
        let cases = (0..<ArgvFuzzTests.casesPerTool).map { _ in grammar.argv(&random) }
        let now = try FuzzRunner.run(tool: Package.tool(tool), cases: cases, outputs: try TemporaryDirectory())
        let before = try FuzzRunner.run(tool: Self.oldBinaries! + "/" + tool, cases: cases, outputs: try TemporaryDirectory())
        var unexplained: [String] = []
        var explained: [String: Int] = [:]
        for (old, new) in zip(before, now) {
            let words = old.arguments.map { String(decoding: $0, as: UTF8.self) }
            let oldOutcome = Self.normalized(old.status, old.stdout, old.stderr)
            let newOutcome = Self.normalized(new.status, new.stdout, new.stderr)
            guard oldOutcome != newOutcome else { continue }
            if let change = DeliberateChange.explaining(tool: tool, words, old: oldOutcome, new: newOutcome) {
                explained[change.rawValue, default: 0] += 1
            } else {
                unexplained.append("\(tool) \(FuzzRunner.shellWords(old.arguments))\n  before: \(oldOutcome)\n  now:    \(newOutcome)")
            }
        }
        if let report = ProcessInfo.processInfo.environment["XNS_DIFF_REPORT"] {
            try unexplained.joined(separator: "\n").write(toFile: "\(report)/\(tool).txt", atomically: true, encoding: .utf8)
        }
        print("parser differential \(tool): \(cases.count) cases, \(explained.values.reduce(0, +)) differ on purpose \(explained.sorted { $0.key < $1.key }), \(unexplained.count) otherwise")
        #expect(unexplained.isEmpty, "\(unexplained.count) cases end differently:\n\(unexplained.prefix(15).joined(separator: "\n"))")
    }

    @Test(arguments: BadInputMatrixTests.cases)
    func badInputEndsAlike(_ row: BadInputMatrixTests.Case) throws {
        let now = try ContainedRun([Package.tool(row.tool)] + row.arguments)
        let before = try ContainedRun([Self.oldBinaries! + "/" + row.tool] + row.arguments)
        let new = Self.normalized(now.status == "status=125" ? 125 : -1, now.result.stdout, now.expandBack(now.result.stderr))
        let old = Self.normalized(before.status == "status=125" ? 125 : -1, before.result.stdout, before.expandBack(before.result.stderr))
        if new != old {
            let change = DeliberateChange.explaining(tool: row.tool, row.arguments, old: old, new: new)
            #expect(change != nil, "\(row.testDescription)\n  before: \(old)\n  now:    \(new)")
        }
    }

    /// Status, stdout and stderr, with the PIDs of trace lines and scratch paths taken out.
    struct Normalized: Equatable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: [String]
        var description: String { "status \(status), stdout \(stdout.debugDescription), stderr \(stderr)" }
    }

    static func normalized(_ status: Int32, _ stdout: String, _ stderr: String) -> Normalized {
        let lines = stderr.split(separator: "\n").map {
            $0.replacingOccurrences(of: #"^(x[a-z]+)\[\d+\]"#, with: "$1[PID]", options: .regularExpression)
        }
        return Normalized(status: status, stdout: stdout, stderr: lines)
    }
}

/// The behaviours the new parser changed on purpose (issue 13), each told
/// from the command line (scanned the way getopt_long scans it, with the
/// tool's options from FuzzGrammar) and the two outcomes.
enum DeliberateChange: String {
    /// getopt_long's abbreviations: `--prop=x` is `--propagation=x`.
    case abbreviation
    /// `-V` is --version on every tool (CONVENTIONS: -V/--version).
    case shortVersion
    /// A required value may begin with '-' (`--userspec -1`, `-S --`).
    case valueBeginningWithDash
    /// A short option's value glued to it, `-wDIR`, `-Gii` (was "unknown option").
    case gluedShortValue
    /// Words after the options are COMMAND's, untouched: the old parser
    /// refused `---` or `-=` anywhere in argv.
    case commandUntouched
    /// An unknown short option is "unknown option '-='" (was "invalid option: -=").
    case unknownOptionWording
    /// A value not among the choices: the choices on a hint line.
    case choicesOnAHintLine
    /// `-f=x`: the flag is named (the old parser named the whole word).
    case clusterWithEquals
    /// --help is made from the table: other wrapping, -V, the completion option.
    case helpText
    /// -h/--help ends the parse where it stands (getopt order): a bad word after it is not reached.
    case helpStopsTheParse
    /// --generate-completion-script takes a SHELL (no autodetection).
    case completionScriptValue
    /// Several errors on one line: a syntax error (unknown option, missing
    /// value) anywhere before COMMAND is reported before a value that does
    /// not convert (a number that is none), which the tool reads after the parse.
    case syntaxBeforeValues

    typealias Outcome = ParserDifferentialTests.Normalized

    static func explaining(tool: String, _ words: [String], old: Outcome, new: Outcome) -> DeliberateChange? {
        let scan = Scan(tool: tool, words: words)
        let oldLine = old.stderr.first ?? ""
        let newLine = new.stderr.first ?? ""
        let parseErrors = ["missing value for", "is invalid for", "unknown option", "does not take any value", "invalid option:"]
        if old.stdout.hasPrefix("OVERVIEW:") && new.stdout.hasPrefix("OVERVIEW:") { return .helpText }
        if scan.abbreviated { return .abbreviation }
        if scan.shortVersion { return .shortVersion }
        if scan.completion { return .completionScriptValue }
        if let word = oldLine.components(separatedBy: "invalid option: ").dropFirst().first {
            if newLine == "\(tool): unknown option \(quotedWord(word))" { return .unknownOptionWording }
            if let index = words.firstIndex(of: word), index >= scan.end { return .commandUntouched }
        }
        if scan.gluedValue, old.status == 125, new.status == 125 || oldLine.contains("unknown option") { return .gluedShortValue }
        // The old parser looked into COMMAND (xchroot: NEWROOT too) for its
        // own options, or rewrote its words.
        let after = words[scan.end...]
        if old.status == 125, after.contains(where: { ["--help", "--generate-completion-script"].contains($0) || $0 == "---" || $0.hasSuffix("=") }),
           !oldLine.contains(quotedWord(words.first { after.contains($0) } ?? "\u{0}")) { return .commandUntouched }
        if new.stdout.hasPrefix("OVERVIEW:"), words[..<scan.end].contains(where: { $0 == "--help" || $0 == "-h" }) { return .helpStopsTheParse }
        if scan.dashValue { return .valueBeginningWithDash }
        if oldLine.contains(". Please provide one of"), oldLine.hasPrefix(newLine),
           new.stderr.dropFirst().first?.hasPrefix("hint: one of") == true { return .choicesOnAHintLine }
        if scan.clusterWithEquals, old.status == 125, new.status == 125 { return .clusterWithEquals }
        if old.status == 125, new.status == 125, new.stderr.filter({ $0.hasPrefix(tool + ": ") }).count == 1,
           parseErrors.contains(where: oldLine.contains), parseErrors.contains(where: newLine.contains) {
            return .syntaxBeforeValues
        }
        return nil
    }

    static func quotedWord(_ word: String) -> String { "'" + word + "'" }

    /// The words as getopt_long reads them with the tool's table.
    struct Scan {
        var end = 0
        var abbreviated = false
        var shortVersion = false
        var completion = false
        var gluedValue = false
        var dashValue = false
        var clusterWithEquals = false

        init(tool: String, words: [String]) {
            let options = FuzzGrammar.options[tool, default: []]
                + [FuzzGrammar.flag("--help", "h"), FuzzGrammar.flag("--version", "V"),
                   FuzzGrammar.valued("--generate-completion-script", .name)]
            var index = 0
            scan: while index < words.count {
                let word = words[index]
                index += 1
                if word == "--" { break scan }
                if word.hasPrefix("--") {
                    let name = String(word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0])
                    let matches = options.filter { $0.long == name }.isEmpty ? options.filter { $0.long.hasPrefix(name) } : options.filter { $0.long == name }
                    if matches.count == 1, matches[0].long != name { abbreviated = true }
                    if name == "--generate-completion-script" { completion = true }
                    if matches.count == 1, matches[0].value != nil, !word.contains("="), index < words.count {
                        if words[index].hasPrefix("-") { dashValue = true }
                        index += 1
                    }
                } else if word.hasPrefix("-"), word != "-" {
                    var letters = Substring(word.dropFirst())
                    while let letter = letters.first {
                        letters = letters.dropFirst()
                        if letter == "V" { shortVersion = true }
                        guard let option = options.first(where: { $0.short == letter }) else { break }
                        if option.value == nil {
                            if letters.first == "=" { clusterWithEquals = true }
                            continue
                        }
                        if !letters.isEmpty {
                            gluedValue = true
                        } else if index < words.count {
                            if words[index].hasPrefix("-") { dashValue = true }
                            index += 1
                        }
                        break
                    }
                } else {
                    index -= 1
                    break scan
                }
            }
            end = index
        }
    }
}

extension ContainedRun {
    /// `text` with this run's scratch directory and ended PID as @TMP and @DEAD.
    func expandBack(_ text: String) -> String {
        text.replacingOccurrences(of: scratch, with: "@TMP").replacingOccurrences(of: "process " + dead, with: "process @DEAD")
    }
}
