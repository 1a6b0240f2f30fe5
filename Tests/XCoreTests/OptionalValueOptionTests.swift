import Testing
@testable import XCommandLine

/// getopt-style optional values (`--mount[=FILE]`) on top of
/// swift-argument-parser: the word-for-word rewrite, the restore of
/// COMMAND's words, and the help text.
@Suite struct OptionalValueOptionTests {
    static let options = [OptionalValueOption("mount", value: "FILE"), OptionalValueOption("kill-child", value: "SIG"),
                          OptionalValueOption("mount-proc", value: "DIR")]

    @Test func companionNames() {
        #expect(Self.options.map(\.companionName) == ["mount-file", "kill-child-sig", "mount-proc-dir"])
        #expect(Self.options[0].flagHelp("x").valueName == "[=FILE]")
    }

    @Test func rewritesOnlyTheAttachedLongForm() {
        let arguments = ["-m", "--mount", "--mount=/run/ns", "-mupf", "--mount-proc=/p", "--mount-proc", "--kill-child=TERM",
                         "--mount=", "--mountx=1", "--mount-procs=2", "---mount=3", "-mount=4"]
        #expect(OptionalValueOption.rewrite(arguments, for: Self.options) == [
            "-m", "--mount", "--mount-file=/run/ns", "-mupf", "--mount-proc-dir=/p", "--mount-proc", "--kill-child-sig=TERM",
            "--mount-file=\u{0}", "--mountx=1", "--mount-procs=2", "---mount=3", "-mount=4",
        ])
        #expect(OptionalValueOption.rewrite(["--mount=x"], for: []) == ["--mount=x"])
        #expect(OptionalValueOption.attachedValue("\u{0}") == "")
        #expect(OptionalValueOption.attachedValue("x") == "x")
        // Values keep their own `=`.
        #expect(OptionalValueOption.rewrite(["--mount=a=b"], for: Self.options) == ["--mount-file=a=b"])
    }

    @Test func commandWordsComeBackUntouched() {
        let original = ["--mount=/x", "--", "echo", "--mount=y", "--kill-child=1"]
        let rewritten = OptionalValueOption.rewrite(original, for: Self.options)
        // The parser captured the last four words (the `--` included).
        let captured = Array(rewritten.suffix(4))
        #expect(OptionalValueOption.restoreCommand(captured: captured, original: original) == ["--", "echo", "--mount=y", "--kill-child=1"])
        #expect(OptionalValueOption.restoreCommand(captured: [], original: original) == [])
    }

    @Test func helpShowsTheOptionalValue() {
        let help = """
            OPTIONS:
              -m, --mount             Create a new mount namespace; implies --mount
                                      --mount and more.
              --mount-proc            Mount proc.
              --kill-child            With --fork: kill.
              --a-very-long-option-name-that-fills-the-column-mount
                                      Something else.
            """
        #expect(OptionalValueOption.decorateHelp(help, for: Self.options) == """
            OPTIONS:
              -m, --mount[=FILE]      Create a new mount namespace; implies --mount
                                      --mount and more.
              --mount-proc[=DIR]      Mount proc.
              --kill-child[=SIG]      With --fork: kill.
              --a-very-long-option-name-that-fills-the-column-mount
                                      Something else.
            """)
    }

    @Test func aLabelWithoutRoomPushesItsDescriptionDown() {
        let line = "  -k, --kill-child  Kill."
        #expect(OptionalValueOption.decorate(line, Self.options[1]) == "  -k, --kill-child[=SIG]\n                    Kill.")
        #expect(OptionalValueOption.decorate("  --mount", Self.options[0]) == "  --mount[=FILE]")
    }
}
