import Testing
@testable import XCommandLine

/// swift-argument-parser's passthrough capture keeps a leading `--` and
/// captures unknown options and a late `--help`; classify sorts them out.
@Suite struct CapturedCommandTests {
    @Test func noCommand() {
        #expect(CapturedCommand.classify([]) == .command([]))
        #expect(CapturedCommand.classify(["--"]) == .command([]))
    }

    /// After `--` everything is COMMAND, even what looks like our options.
    @Test func afterDoubleDash() {
        #expect(CapturedCommand.classify(["--", "ls"]) == .command(["ls"]))
        #expect(CapturedCommand.classify(["--", "--help"]) == .command(["--help"]))
        #expect(CapturedCommand.classify(["--", "--", "x"]) == .command(["--", "x"]))
    }

    /// COMMAND's own options are passed on untouched.
    @Test func plainCommand() {
        #expect(CapturedCommand.classify(["ls", "-l"]) == .command(["ls", "-l"]))
        #expect(CapturedCommand.classify(["sh", "-c", "--help"]) == .command(["sh", "-c", "--help"]))
        // A lone dash is an operand (a command named "-"), not an option.
        #expect(CapturedCommand.classify(["-"]) == .command(["-"]))
    }

    @Test func helpAndVersion() {
        #expect(CapturedCommand.classify(["--help"]) == .help)
        #expect(CapturedCommand.classify(["-h"]) == .help)
        #expect(CapturedCommand.classify(["--help", "ls"]) == .help)
        #expect(CapturedCommand.classify(["--version"]) == .version)
        #expect(CapturedCommand.classify(["--experimental-dump-help"]) == .helpDump)
    }

    /// Only the first word counts: it names the bad option in the message.
    @Test func unknownOptions() {
        #expect(CapturedCommand.classify(["--bogus", "x"]) == .unknownOption("--bogus"))
        #expect(CapturedCommand.classify(["-x"]) == .unknownOption("-x"))
        #expect(CapturedCommand.classify(["-hx"]) == .unknownOption("-hx"))
        #expect(CapturedCommand.classify(["--help=yes"]) == .unknownOption("--help=yes"))
        #expect(CapturedCommand.classify(["--versions"]) == .unknownOption("--versions"))
    }
}

extension CapturedCommandTests {
    /// xns-docgen's request reaches a tool whose COMMAND capture starts at once.
    @Test func dumpHelpRequest() {
        #expect(CapturedCommand.classify(["--experimental-dump-help"]) == .helpDump)
    }
}

/// The words that keep swift-argument-parser's completion-script probe on.
@Suite struct CompletionProbeTests {
    @Test func onlyACommandLineThatCannotAskForHelpSkipsTheProbe() {
        for words in [["-m", "-p", "--fork", "--", "sh", "-c", "true"], ["--root=/srv", "--proc"], ["/srv/box", "true"]] {
            #expect(!CompletionProbe.mayAskForCompletionOrHelp(words), "\(words)")
        }
        for words in [["--generate-completion-script", "bash"], ["--generate-completion-script=zsh"], ["-mh"], ["-h"],
                      ["--help"], ["help"], ["--experimental-dump-help"], ["-m", "--", "sh", "--help"]] {
            #expect(CompletionProbe.mayAskForCompletionOrHelp(words), "\(words)")
        }
    }
}
