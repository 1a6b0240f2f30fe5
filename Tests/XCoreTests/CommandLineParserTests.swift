import Testing
import XCore
@testable import XCommandLine
import xchroot
import xmountapi
import xnsenter
import xunshare
import xveth

/// The tables of the five tools, as the multicall binary has them.
enum ToolTables {
    static let all: [OptionTable] = [xunshareTool, xnsenterTool, xchrootTool, xmountapiTool, xvethTool].map { $0.table }
    static let names = all.map(\.name)
    static func named(_ name: String) -> OptionTable { all.first { $0.name == name }! }
}

/// getopt_long(3) semantics in `+` mode over a small table: what each form
/// of a word means, where the options stop, and the one line of each error.
@Suite struct CommandLineParserTests {
    enum Key: Int, OptionKey {
        case mount, mountProc, fork, userspec, wd, hostname, map

        var spec: OptionSpec {
            switch self {
            case .mount: return .optionalValue("mount", short: "m", value: "FILE", help: "m")
            case .mountProc: return .optionalValue("mount-proc", value: "DIR", help: "mp")
            case .fork: return .flag("fork", short: "f", help: "f")
            case .userspec: return .option("userspec", value: "USER:GROUP", help: "u")
            case .wd: return .option("wd", short: "w", value: "DIR", help: "w")
            case .hostname: return .option("hostname", value: "NAME", help: "h")
            case .map: return .option("map-users", value: "RANGE", help: "mu", repeats: true)
            }
        }
    }

    static let table = OptionTable(name: "xtest", abstract: "A test.", usage: "xtest [OPTION...] [--] [COMMAND [ARG...]]",
                                   discussion: "", keys: Key.self, command: PositionalSpec("COMMAND", help: "c"))
    static let withRoot = OptionTable(name: "xroot", abstract: "A test.", usage: "xroot [OPTION...] NEWROOT [COMMAND]",
                                      discussion: "", keys: Key.self, positionals: [PositionalSpec("NEWROOT", help: "r")],
                                      command: PositionalSpec("COMMAND", help: "c"))

    func parse(_ arguments: [String], _ table: OptionTable = table) throws(XError) -> ParsedCommandLine {
        guard case .run(let line) = try CommandLineParser.parse(arguments, table) else { throw XError("not a run") }
        return line
    }

    /// (key, value) pairs in order.
    func options(_ arguments: [String]) throws(XError) -> [String] {
        try parse(arguments).options(Key.self).map { "\($0.key)" + ($0.occurrence.value.map { "=" + $0 } ?? "") }
    }

    func failure(_ arguments: [String], _ table: OptionTable = table) -> XError? {
        do {
            _ = try CommandLineParser.parse(arguments, table)
            return nil
        } catch {
            return error
        }
    }

    @Test func clusteredShortFlagsAndGluedValues() throws {
        #expect(try options(["-mf"]) == ["mount", "fork"])
        #expect(try options(["-fw/srv", "true"]) == ["fork", "wd=/srv"])
        #expect(try options(["-fw", "/srv", "true"]) == ["fork", "wd=/srv"])
        // The short form of an option with an optional value never takes one.
        #expect(try parse(["-m", "/x"]).command == ["/x"])
    }

    @Test func longForms() throws {
        #expect(try options(["--wd=/a", "--wd", "/b", "--mount", "--mount=/ns", "--mount-proc"]) == ["wd=/a", "wd=/b", "mount", "mount=/ns", "mountProc"])
        // An optional value is attached only: the next word is COMMAND.
        let line = try parse(["--mount", "/ns", "x"])
        #expect(line.command == ["/ns", "x"])
        // `--opt=` is the empty value, never the next word.
        #expect(try options(["--hostname=", "box"]) == ["hostname="])
        #expect(try parse(["--hostname=", "box"]).command == ["box"])
        #expect(try options(["--mount="]) == ["mount="])
        // A value keeps its own '='.
        #expect(try options(["--mount=a=b"]) == ["mount=a=b"])
    }

    @Test func requiredValuesMayBeginWithADash() throws {
        #expect(try options(["--userspec", "-1", "--wd", "--fork"]) == ["userspec=-1", "wd=--fork"])
        #expect(try options(["-w", "-f"]) == ["wd=-f"])
    }

    @Test func abbreviations() throws {
        #expect(try options(["--user=nobody"]) == ["userspec=nobody"])
        #expect(try options(["--fo", "--host", "h"]) == ["fork", "hostname=h"])
        // An exact name wins over the longer names it begins.
        #expect(try options(["--mount"]) == ["mount"])
        #expect(try options(["--mount-p=/p"]) == ["mountProc=/p"])
        let ambiguous = failure(["--m"])
        #expect(ambiguous?.message == "option '--m' is ambiguous; possibilities: '--mount' '--mount-proc' '--map-users'")
        #expect(ambiguous?.hint == "write more of the name")
        #expect(failure(["--mo=x"])?.message == "option '--mo' is ambiguous; possibilities: '--mount' '--mount-proc'")
        // The common options are abbreviated the same way.
        #expect(try CommandLineParser.parse(["--vers"], Self.table) == .version)
        #expect(try CommandLineParser.parse(["--he"], Self.table) == .help)
        #expect(try parse(["--tr"]).trace)
        #expect(try parse(["--dry"]).dryRun)
    }

    @Test func optionsStopAtTheFirstNonOptionOrDoubleDash() throws {
        #expect(try parse(["-f", "ls", "-f", "--help"]).command == ["ls", "-f", "--help"])
        #expect(try parse(["--", "--fork"]).command == ["--fork"])
        #expect(try parse(["-f", "--", "--", "x"]).command == ["--", "x"])
        #expect(try parse(["-", "x"]).command == ["-", "x"])
        #expect(try parse([]).command == [])
        #expect(try parse(["--"]).command == [])
    }

    @Test func positionalBeforeCommand() throws {
        let line = try parse(["-f", "/srv", "sh", "-c", "--fork"], Self.withRoot)
        #expect(line.positionals == ["/srv"])
        #expect(line.command == ["sh", "-c", "--fork"])
        #expect(try parse(["--", "-odd", "/x"], Self.withRoot).positionals == ["-odd"])
        #expect(failure(["-f"], Self.withRoot)?.message == "missing expected argument '<NEWROOT>'")
    }

    @Test func errorsAreOneLine() {
        #expect(failure(["--bogus"])?.message == "unknown option '--bogus'")
        #expect(failure(["--bogus=1"])?.message == "unknown option '--bogus'")
        #expect(failure(["-z"])?.message == "unknown option '-z'")
        #expect(failure(["-fz"])?.message == "unknown option '-z'")
        #expect(failure(["--fork=1"])?.message == "the option '--fork' does not take any value, but '1' was specified.")
        #expect(failure(["-f="])?.message == "the option '-f' does not take any value, but '' was specified.")
        #expect(failure(["-mf=x"])?.message == "the option '-f' does not take any value, but 'x' was specified.")
        #expect(failure(["--wd"])?.message == "missing value for '--wd <DIR>'")
        #expect(failure(["-fw"])?.message == "missing value for '-w <DIR>'")
        #expect(failure(["--generate-completion-script"])?.message == "missing value for '--generate-completion-script <SHELL>'")
        // A newline in a word stays inside the quotes.
        #expect(failure(["--a\nb"])?.message == "unknown option '--a\\nb'")
    }

    @Test func helpVersionAndCompletionEndTheParseWhereTheyStand() throws {
        #expect(try CommandLineParser.parse(["-f", "--help", "--bogus"], Self.table) == .help)
        #expect(try CommandLineParser.parse(["-fh"], Self.table) == .help)
        // getopt hands back -h before it reads the rest of the cluster.
        #expect(try CommandLineParser.parse(["-hz"], Self.table) == .help)
        #expect(try CommandLineParser.parse(["-Vw"], Self.table) == .version)
        #expect(try CommandLineParser.parse(["-V"], Self.table) == .version)
        #expect(try CommandLineParser.parse(["--generate-completion-script", "zsh"], Self.table) == .completionScript("zsh"))
        // An error before them wins, as in getopt loops.
        #expect(failure(["--bogus", "--help"])?.message == "unknown option '--bogus'")
        // After the options, --help is COMMAND's.
        #expect(try parse(["ls", "--help"]).command == ["ls", "--help"])
    }

    @Test func typedValues() throws {
        let line = try parse(["-w", "12", "--hostname=x", "--userspec", "+7"])
        let given = line.options(Key.self).map(\.occurrence)
        #expect(try given[0].integer(Int32.self) == 12)
        #expect(try given[2].integer(UInt32.self) == 7)
        #expect(throws: XError.usage("the value 'x' is invalid for '--hostname <NAME>'")) { try given[1].integer(Int64.self) }
        #expect(given[0].label == "'-w <DIR>'")
        enum Mode: String { case on, off }
        #expect(throws: XError.usage("the value 'x' is invalid for '--hostname <NAME>'", hint: "one of 'on', 'off'")) {
            try given[1].choice(["on", "off"], as: Mode.self)
        }
    }
}

/// The five tools' tables: names unique and well-formed, so that no
/// option hides another and every abbreviation means one thing.
@Suite struct OptionTableTests {
    @Test(arguments: ToolTables.names)
    func namesAreUnique(_ name: String) {
        let table = ToolTables.named(name)
        let longs = table.options.map(\.long)
        #expect(Set(longs).count == longs.count, "\(table.name): \(longs)")
        let shorts = table.options.compactMap(\.short)
        #expect(Set(shorts).count == shorts.count, "\(table.name): \(shorts)")
        for option in table.options {
            #expect(!option.long.isEmpty && !option.long.hasPrefix("-") && !option.long.contains("="), "\(table.name): \(option.long)")
            #expect(!option.help.isEmpty, "\(table.name) --\(option.long) has no help")
            if let short = option.short { #expect(short != "-" && short != "=") }
        }
    }

    @Test(arguments: ToolTables.names)
    func everyOptionParsesInEachOfItsForms(_ name: String) throws {
        let table = ToolTables.named(name)
        let after = table.positionals.map { _ in "p" } + ["cmd"]
        for (index, option) in table.options.enumerated() {
            var forms: [[String]] = []
            switch option.value {
            case .none: forms = [["--" + option.long]] + (option.short.map { [["-\($0)"]] } ?? [])
            case .optional: forms = [["--" + option.long], ["--" + option.long + "=v"]]
            case .required: forms = [["--" + option.long, "v"], ["--" + option.long + "=v"]] + (option.short.map { [["-\($0)v"], ["-\($0)", "v"]] } ?? [])
            }
            for form in forms {
                switch try CommandLineParser.parse(form + after, table) {
                case .run(let line):
                    #expect(line.occurrences.map(\.option) == [index], "\(table.name) \(form)")
                    #expect(line.positionals + line.command == after)
                case .help, .version, .completionScript:
                    #expect(option.section == nil && ["help", "version", "generate-completion-script"].contains(option.long), "\(form)")
                }
            }
        }
    }

    @Test(arguments: ToolTables.names)
    func helpListsEveryOption(_ name: String) {
        let table = ToolTables.named(name)
        let help = HelpText.render(table)
        #expect(help.hasPrefix("OVERVIEW: "))
        #expect(help.contains("\nUSAGE: " + table.usage + "\n"))
        for option in table.options {
            #expect(help.contains("--" + option.long), "\(table.name) --help lacks --\(option.long)")
        }
        #expect(help.split(separator: "\n").allSatisfy { $0.count <= 80 || !$0.contains(" ") }, "a line is wider than 80 columns")
    }

    @Test func optionalValuesShowInHelp() {
        let help = HelpText.render(ToolTables.all[0])
        #expect(help.contains("  -m, --mount[=FILE]      Create a new mount namespace"))
        #expect(help.contains("  -S, --setuid <UID>      Run COMMAND"))
        #expect(help.contains("  -V, --version           Show the version."))
    }
}
