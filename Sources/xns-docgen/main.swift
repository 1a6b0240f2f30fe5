// xns-docgen: renders man/ and completions/ from the tools' option tables.
//
//     xns-docgen [--check] [--date YYYY-MM-DD] --man-dir DIR --completions-dir DIR TOOL...
//
// TOOL xns-compat writes DIR/xns-compat.7, the page of the classic names.
// For each TOOL (xunshare, xnsenter, xchroot, xmountapi, xveth) it writes
// DIR/<tool>.1 in mdoc(7) from the tool's `OptionTable`, and DIR/<tool>.bash,
// .zsh and .fish as `TOOL --generate-completion-script SHELL` prints them
// (the same `CompletionScript` code). Everything is produced before anything
// is written, so an unknown tool leaves the directories as they were.
// With --check nothing is written: every file that differs or is missing is
// listed on stderr and the exit status is 1.
//
// Exit status: 0 success (or no drift), 1 drift found by --check,
// 2 bad usage or a tool that cannot be run or documented.
import Foundation
import XCommandLine
import xchroot
import xmountapi
import xnsenter
import xunshare
import xveth

#if canImport(Glibc)
import Glibc
#endif

struct Failure: Error {
    var message: String
}

struct Options {
    var manDirectory: String?
    var completionsDirectory: String?
    var date = "2026-11-22"
    var check = false
    var tools: [String] = []
}

enum DocGen {
    static let name = "xns-docgen"
    static let shells = ["bash", "zsh", "fish"]

    static let help = """
        USAGE: xns-docgen [--check] [--date YYYY-MM-DD] --man-dir DIR --completions-dir DIR TOOL...

        Renders each TOOL's manual page (DIR/<tool>.1, mdoc) and its bash, zsh
        and fish completion scripts (DIR/<tool>.bash, .zsh, .fish) from the
        tool's option table. Either directory may be left out to skip that
        output.

        OPTIONS:
          --man-dir DIR           Where the manual pages go.
          --completions-dir DIR   Where the completion scripts go.
          --date YYYY-MM-DD       The date in the manual pages (default: 2026-11-22).
          --check                 Write nothing; list every file that differs or is
                                  missing and exit 1 if there is one.
          -h, --help              Show this help.

        EXIT STATUS: 0 done (no drift), 1 drift found by --check, 2 error.

        """

    static func main() -> Int32 {
        do {
            let options = try parse(Array(CommandLine.arguments.dropFirst()))
            return try run(options)
        } catch let failure as Failure {
            writeError("\(name): \(failure.message)\n")
            return 2
        } catch {
            writeError("\(name): \(error)\n")
            return 2
        }
    }

    // MARK: - Command line

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var index = 0
        var dateGiven: String?
        func value(for option: String, inline: String?) throws -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw usage("\(option) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                options.tools += arguments[(index + 1)...]
                break
            }
            if argument.hasPrefix("-"), argument != "-" {
                let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
                let option = parts[0]
                let inline = parts.count > 1 ? parts[1] : nil
                switch option {
                case "--man-dir": options.manDirectory = try value(for: option, inline: inline)
                case "--completions-dir": options.completionsDirectory = try value(for: option, inline: inline)
                case "--date": dateGiven = try value(for: option, inline: inline)
                case "--check" where inline == nil: options.check = true
                case "-h", "--help":
                    FileHandle.standardOutput.write(Data(help.utf8))
                    exit(0)
                default: throw usage("unknown option '\(argument)'")
                }
            } else {
                options.tools.append(argument)
            }
            index += 1
        }
        if let dateGiven {
            guard mdocDate(dateGiven) != nil else { throw usage("--date wants YYYY-MM-DD, not '\(dateGiven)'") }
            options.date = dateGiven
        }
        if options.manDirectory == nil, options.completionsDirectory == nil {
            throw usage("give --man-dir DIR, --completions-dir DIR, or both")
        }
        if options.tools.isEmpty { throw usage("no TOOL given") }
        return options
    }

    static func usage(_ message: String) -> Failure {
        Failure(message: message + " (see '\(name) --help')")
    }

    /// "2026-11-22" → "November 22, 2026", without locale or time zone.
    static func mdocDate(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month) else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...days[month - 1]).contains(day) else { return nil }
        let months = ["January", "February", "March", "April", "May", "June", "July",
                      "August", "September", "October", "November", "December"]
        return "\(months[month - 1]) \(day), \(year)"
    }

    // MARK: - Generating

    /// Every tool's table, by name.
    static let tables: [String: OptionTable] = Dictionary(uniqueKeysWithValues:
        [xunshareTool, xnsenterTool, xchrootTool, xmountapiTool, xvethTool].map { ($0.name, $0.table) })

    /// The classic-name personalities, for xns-compat(7).
    static let personalities: [any ClassicTool.Type] = [unsharePersonality, nsenterPersonality, chrootPersonality,
                                                       switchRootPersonality, pivotRootPersonality]

    static func run(_ options: Options) throws -> Int32 {
        // path → contents, in a fixed order.
        var files: [(path: String, contents: Data)] = []
        for tool in options.tools {
            // A path to a tool (.build/release/xchroot) names it too.
            let name = String(tool.split(separator: "/").last ?? "")
            if name == "xns-compat" {
                if let directory = options.manDirectory {
                    let page = CompatPage(personalities: personalities, date: mdocDate(options.date) ?? options.date).render()
                    files.append((join(directory, "xns-compat.7"), Data(page.utf8)))
                }
                continue
            }
            guard let table = tables[name] else {
                throw Failure(message: "unknown tool '\(tool)' (the tools are \(tables.keys.sorted().joined(separator: ", ")))")
            }
            if let directory = options.manDirectory {
                let page = ManPage(command: CommandInfo(table: table), date: mdocDate(options.date) ?? options.date).render()
                files.append((join(directory, name + ".1"), Data(page.utf8)))
            }
            if let directory = options.completionsDirectory {
                for shell in shells {
                    guard let script = CompletionScript.render(table, shell: shell) else { continue }
                    files.append((join(directory, name + "." + shell), Data(script.utf8)))
                }
            }
        }
        return options.check ? check(files) : try write(files)
    }

    // MARK: - Writing and checking

    static func write(_ files: [(path: String, contents: Data)]) throws -> Int32 {
        for file in files {
            if FileManager.default.contents(atPath: file.path) == file.contents { continue }
            let directory = (file.path as NSString).deletingLastPathComponent
            if !directory.isEmpty, let error = makeDirectories(directory) {
                throw Failure(message: "cannot create directory '\(directory)': \(error)")
            }
            if let error = replaceFile(file.path, with: file.contents) {
                throw Failure(message: "cannot write '\(file.path)': \(error)")
            }
        }
        return 0
    }

    /// Writes a file next to PATH and renames it over PATH, so that a reader
    /// never sees half a file. Returns the reason on failure.
    static func replaceFile(_ path: String, with contents: Data) -> String? {
        let temporary = path + ".xns-docgen-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var failure: String?
        contents.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(temporary) }
        return failure
    }

    static func check(_ files: [(path: String, contents: Data)]) -> Int32 {
        var drifted = 0
        for file in files {
            guard let existing = FileManager.default.contents(atPath: file.path) else {
                writeError("\(name): missing: \(file.path)\n")
                drifted += 1
                continue
            }
            if existing != file.contents {
                writeError("\(name): differs: \(file.path)\n")
                drifted += 1
            }
        }
        if drifted > 0 {
            writeError("\(name): \(drifted) of \(files.count) generated files are out of date; regenerate them (make docs)\n")
            return 1
        }
        return 0
    }

    /// `mkdir -p`. Returns the reason on failure.
    static func makeDirectories(_ path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { return String(cString: strerror(errno)) }
            prefix += "/"
        }
        var status = stat()
        guard stat(path, &status) == 0 else { return String(cString: strerror(errno)) }
        return (status.st_mode & S_IFMT) == S_IFDIR ? nil : String(cString: strerror(ENOTDIR))
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

exit(DocGen.main())
