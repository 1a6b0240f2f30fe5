import Foundation
import Testing

/// The completion scripts made from the option tables: what each tool
/// prints is what completions/ holds, each shell accepts its script, and
/// bash completes options, their values, and COMMAND after the options.
@Suite struct CompletionScriptTests {
    static let tools = ["xunshare", "xnsenter", "xmountapi", "xchroot", "xveth"]

    @Test(arguments: tools)
    func printedScriptsAreTheInstalledOnes(_ tool: String) throws {
        for shell in ["bash", "zsh", "fish"] {
            let printed = try run([Package.tool(tool), "--generate-completion-script", shell])
            #expect(printed.status == 0)
            let file = try String(contentsOfFile: "\(Package.root)/completions/\(tool).\(shell)", encoding: .utf8)
            #expect(printed.stdout == file, "\(tool) \(shell)")
        }
        let bad = try run([Package.tool(tool), "--generate-completion-script=tcsh"])
        #expect(bad.status == 125)
        #expect(bad.stderrLines.first == "\(tool): the value 'tcsh' is invalid for '--generate-completion-script <SHELL>'")
    }

    @Test(arguments: tools)
    func everyShellAcceptsItsScript(_ tool: String) throws {
        for (shell, flag) in [("bash", "-n"), ("zsh", "-n"), ("fish", "--no-execute")] {
            guard let path = ["/usr/bin/", "/bin/"].map({ $0 + shell }).first(where: FileManager.default.isExecutableFile) else {
                Issue.record("\(shell) is not installed (make deps installs it)")
                continue
            }
            let result = try run([path, flag, "\(Package.root)/completions/\(tool).\(shell)"])
            #expect(result.status == 0, "\(tool).\(shell): \(result)")
        }
    }

    /// COMPREPLY for the words, the last one being completed.
    func bashCompletes(_ tool: String, _ words: [String]) throws -> [String] {
        let quoted = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = """
            source '\(Package.root)/completions/\(tool).bash'
            compopt() { :; }
            COMP_WORDS=(\(tool) \(quoted)); COMP_CWORD=\(words.count)
            _\(tool); printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try run(["bash", "-c", script])
        #expect(result.status == 0, "\(result)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesOptionsValuesAndCommands() throws {
        #expect(try bashCompletes("xunshare", ["--prop"]) == ["--propagation="])
        #expect(try bashCompletes("xunshare", ["--mount-p"]) == ["--mount-proc"])
        #expect(try bashCompletes("xunshare", ["--propagation", "s"]) == ["shared", "slave"])
        #expect(try bashCompletes("xunshare", ["--propagation", "=", "u"]) == ["unchanged"])
        #expect(try bashCompletes("xunshare", ["-S"]) == ["-S"])
        // After the options: a command, whatever it looks like.
        #expect(try bashCompletes("xunshare", ["-m", "--", "--m"]).isEmpty)
        #expect(try bashCompletes("xunshare", ["-m", "ech"]).contains("echo"))
        // xchroot: NEWROOT is a directory, then COMMAND.
        let scratch = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: scratch.file("rootdir"), withIntermediateDirectories: false)
        FileManager.default.createFile(atPath: scratch.file("rootfile"), contents: nil)
        #expect(try bashCompletes("xchroot", ["--pivot-root", scratch.file("root")]) == [scratch.file("rootdir")])
        #expect(try bashCompletes("xchroot", ["--wd", "/", scratch.file("/root"), "ech"]).contains("echo"))
    }
}
