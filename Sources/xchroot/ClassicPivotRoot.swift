import CLinux
import Glibc
import XCommandLine
import XCore

/// The binary run as `pivot_root`: util-linux pivot_root(8), one
/// pivot_root(2) of NEW_ROOT and PUT_OLD as given, nothing more (no chdir,
/// no exec; see ClassicMain).
public let pivotRootPersonality: any ClassicTool.Type = ClassicPivotRoot.self

struct ClassicPivotRoot: ClassicTool {
    static let name = "pivot_root"
    static let dialect = ClassicDialect.utilLinux
    /// util-linux's getopt permutes: `pivot_root a b -V` is --version.
    static let permutesArguments = true
    static let usage = ["[options] new_root put_old"]
    static let abstract = "Change the root filesystem."
    static let version = "pivot_root from util-linux \(utilLinuxCompatibility) (xns \(xnsVersion))"

    static let original = "util-linux pivot_root(8)"
    static let differences = [
        "None in what it does: one pivot_root(2) of NEW_ROOT and PUT_OLD, as given.",
        "--help prints xns's own text in util-linux's layout, and --version names xns.", "Errors are util-linux's lines; the x-tools' hint lines are not printed. XNS_TRACE=1 (and XNS_DRY_RUN=1) in the environment trace every system call, as for the x-tools.",
    ]

    typealias Option = HelpAndVersionOnly

    var newRoot = ""
    var putOld = ""

    mutating func read(_ option: Option, _ value: String?) throws(XError) {}

    /// util-linux counts argv as it came (`pivot_root -- a b` is bad usage)
    /// and takes argv[1] and argv[2].
    mutating func readOperands(_ words: [String]) throws(XError) {
        let argv = ProcessArguments.all
        guard argv.count == 3 else { throw XError.usage("bad usage") }
        (newRoot, putOld) = (argv[1], argv[2])
    }

    func perform() throws(XError) -> Never {
        try systemCall("pivot_root", "\(traceString(newRoot)), \(traceString(putOld))") { xns_pivot_root(newRoot, putOld) }
            .orThrow("failed to change root from `\(newRoot)' to `\(putOld)'")
        exit(0)
    }
}
