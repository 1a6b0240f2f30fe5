import Glibc
import XCommandLine
import XCore

/// The binary run as `switch_root`: util-linux switch_root(8), as an
/// initramfs /init calls it (`exec switch_root /newroot /sbin/init ARGS`),
/// over the mechanism of xchroot --switch-root (see ClassicMain).
///
/// What is checked before anything moves, where util-linux finds out
/// half-way: NEWROOT must exist and be a mount point, and the init must be
/// an executable file inside it. util-linux would have moved /dev, /proc,
/// /sys and /run into NEWROOT by then, and an initramfs whose init then
/// fails is left without them; here the same lines are printed and nothing
/// has moved.
public let switchRootPersonality: any ClassicTool.Type = ClassicSwitchRoot.self

struct ClassicSwitchRoot: ClassicTool {
    static let name = "switch_root"
    static let dialect = ClassicDialect.utilLinux
    static let permutesArguments = false
    static let usage = ["[options] <newrootdir> <init> <args to init>"]
    static let abstract = "Switch to another filesystem as the root of the mount tree."
    static let version = "switch_root from util-linux \(utilLinuxCompatibility) (xns \(xnsVersion))"

    static let original = "util-linux switch_root(8)"
    static let differences = [
        """
        What can be checked is checked before anything moves: NEWROOT must exist and be a mount point, and the init an executable file inside it. util-linux moves /dev, /proc, /sys and /run first and leaves them moved when it then fails; here the same lines are printed, with the same status, and nothing has moved.
        """,
        """
        A move that fails undoes the moves made before it and ends switch_root (util-linux forces an unmount and goes on). A mount point with no directory in NEWROOT is detached, as with util-linux.
        """,
        "--help prints xns's own text in util-linux's layout, and --version names xns.", "Errors are util-linux's lines; the x-tools' hint lines are not printed. XNS_TRACE=1 (and XNS_DRY_RUN=1) in the environment trace every system call, as for the x-tools.",
    ]

    typealias Option = HelpAndVersionOnly

    var newRoot = ""
    var initArguments: [String] = []

    mutating func read(_ option: Option, _ value: String?) throws(XError) {}

    /// util-linux takes NEWROOT and init from argv[1] and argv[2] as they
    /// are, whatever getopt read: `switch_root -- /x /init` means NEWROOT '--'.
    mutating func readOperands(_ words: [String]) throws(XError) {
        let argv = ProcessArguments.all
        guard argv.count >= 3 else {
            throw XError.usage("not enough arguments")
        }
        newRoot = argv[1]
        initArguments = Array(argv[2...])
        if newRoot.isEmpty || initArguments[0].isEmpty {
            throw XError.usage("bad usage")
        }
    }

    func perform() throws(XError) -> Never {
        let initPath = initArguments[0]
        let (root, openError) = FileDescriptor.directoryHandle(newRoot)
        guard let root else {
            throw Self.sorry(XError("stat of \(newRoot) failed", errno: openError))
        }
        guard FileStatus.isMountPoint(directory: root.raw) else {
            // Where util-linux's move of NEWROOT onto / fails.
            throw Self.sorry(XError("failed to mount moving \(newRoot) to /", errno: EINVAL))
        }
        // execv(init) after the switch: a path inside NEWROOT, relative to its /.
        let inside = initPath.hasPrefix("/") ? initPath : "/" + initPath
        if let problem = ExecutableInspection.problem(with: inside, in: root.raw) {
            // execv's errno: ENOENT also for a missing interpreter.
            let err: Int32
            switch problem {
            case .missing, .interpreterMissing, .scriptInterpreterMissing: err = ENOENT
            case .notRegularFile, .notExecutable: err = EACCES
            }
            // util-linux warns where access(init, X_OK) fails (a directory passes it).
            if problem == .missing || problem == .notExecutable {
                Diagnostics.writeStandardError("\(Diagnostics.toolName): cannot access \(initPath): \(errorDescription(err))\n")
            }
            throw utilLinuxExecFailure(initPath, errno: err)
        }
        let oldRootIsRAM = fileSystemType("/").map(isRAMFileSystem) ?? false
        do {
            try SwitchRoot.perform(newRoot: newRoot)
        } catch {
            throw Self.sorry(error)
        }
        if !oldRootIsRAM {
            // util-linux's warning (its errno is 0), and the old root stays as it was.
            Diagnostics.writeStandardError("\(Diagnostics.toolName): old root filesystem is not an initramfs: Success\n")
        }
        do {
            try NextLink.exec(initArguments, searchesPath: false)
        } catch {
            guard case .execute(let command, let err)? = error.operation else { throw error }
            throw utilLinuxExecFailure(command, errno: err)
        }
    }

    /// util-linux's two lines: what failed, then "failed. Sorry.".
    static func sorry(_ error: XError) -> XError {
        Diagnostics.writeStandardError("\(Diagnostics.toolName): \(Diagnostics.oneLine(error.text))\n")
        return XError("failed. Sorry.")
    }
}
