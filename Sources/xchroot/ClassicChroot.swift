import CLinux
import Glibc
import XCommandLine
import XCore

/// The binary run as `chroot`: GNU coreutils chroot(1), option for option
/// and message for message (see ClassicMain for the dialect).
public let chrootPersonality: any ClassicTool.Type = ClassicChroot.self

struct ClassicChroot: ClassicTool {
    static let name = "chroot"
    static let dialect = ClassicDialect.coreutils
    static let permutesArguments = false
    static let usage = ["[OPTION]... NEWROOT [COMMAND [ARG]...]"]
    static let abstract = "Run COMMAND with root directory set to NEWROOT. Without COMMAND, run '\"$SHELL\" -i' (default: '/bin/sh -i')."
    static let version = "chroot (xns) \(xnsVersion), compatible with GNU coreutils 9"

    static let original = "GNU coreutils chroot(1)"
    static let differences = [
        """
        User and group names (--userspec, --groups) are looked up in the new root's /etc/passwd and /etc/group files, not through NSS: no NSS module is loaded into the process, so users known only to LDAP or sssd are not found.
        """,
        """
        A control character in a name is escaped as \\n or \\xHH in every message, where coreutils writes the shell's $'\\n' form in "cannot change root directory" and octal escapes elsewhere.
        """,
        "--help prints xns's own text, and --version names xns. XNS_TRACE=1 in the environment traces every system call.",
    ]

    enum Option: Int, ClassicOptionKey {
        case groups, userspec, skipChdir, help, version

        var option: ClassicOption {
            switch self {
            case .groups: return ClassicOption("groups", value: .required("G_LIST"), help: "specify supplementary groups as g1,g2,..,gN")
            case .userspec: return ClassicOption("userspec", value: .required("USER:GROUP"), help: "specify user and group (ID or name) to use")
            case .skipChdir: return ClassicOption("skip-chdir", help: "do not change working directory to '/'")
            // coreutils has no -h or -V.
            case .help: return ClassicOption("help", help: "display this help and exit", role: .help)
            case .version: return ClassicOption("version", help: "output version information and exit", role: .version)
            }
        }
    }

    var groups: String?
    var userspec: String?
    var skipChdir = false
    var newRoot = ""
    var command: [String] = []

    mutating func read(_ option: Option, _ value: String?) throws(XError) {
        switch option {
        case .groups: groups = value
        case .userspec: userspec = value
        case .skipChdir: skipChdir = true
        case .help, .version: break
        }
    }

    mutating func readOperands(_ words: [String]) throws(XError) {
        guard let first = words.first else { throw XError.usage("missing operand") }
        newRoot = first
        command = Array(words.dropFirst())
    }

    func perform() throws(XError) -> Never {
        // The locale is read as coreutils reads it, at the start: inside the
        // new root its files may be missing.
        Self.quotesTypographically = xns_locale_is_utf8() == 1
        let isOldRoot = Self.isCurrentRoot(newRoot)
        if skipChdir && !isOldRoot {
            throw XError.usage("option --skip-chdir only permitted if NEWROOT is old '/'")
        }
        // coreutils changes root first and reads the user and group
        // databases inside, through NSS; here they are read from the new
        // root's /etc/passwd and /etc/group (the same files, without loading
        // the root's NSS modules into this process).
        try systemCall("chroot", traceString(newRoot)) { Glibc.chroot(newRoot) }
            .orThrow("cannot change root directory to", newRoot)
        if !skipChdir {
            try systemCall("chdir", "\"/\"") { chdir("/") }.orThrow("cannot chdir to root directory")
        }
        let credentials = try resolveCredentials()
        try apply(credentials)
        let argv = command.isEmpty ? [Environment.value("SHELL") ?? "/bin/sh", "-i"] : command
        do {
            try NextLink.exec(argv)
        } catch {
            // coreutils' line for any exec failure; 127 only when not found.
            guard case .execute(let name, let err)? = error.operation else { throw error }
            throw XError("failed to run command \(Self.localeQuoted(name))", errno: err,
                         status: err == ENOENT ? ExitStatus.notFound : ExitStatus.cannotExecute)
        }
    }

    /// --userspec and --groups the coreutils way: names or numbers; a user
    /// without a group takes its primary group, and its supplementary
    /// groups unless --groups names them; a number no user has needs a group.
    func resolveCredentials() throws(XError) -> Credentials {
        guard userspec != nil || groups != nil else { return Credentials() }
        let (root, err) = FileDescriptor.directoryHandle("/")
        guard let root else { throw XError("cannot open the new root", errno: err) }
        let database = UserDatabase(root: root.raw)
        var credentials = Credentials()
        var userName: String?
        if let userspec {
            // USER:GROUP, or the old USER.GROUP when USER has no ':' at all.
            let separator: Character = userspec.contains(":") ? ":" : "."
            let parts = userspec.split(separator: separator, maxSplits: 1, omittingEmptySubsequences: false)
            var userPart = String(parts[0])
            var groupPart = parts.count > 1 ? String(parts[1]) : ""
            if separator == ".", database.user(named: userspec) != nil || Self.number(userspec) != nil {
                (userPart, groupPart) = (userspec, "")
            } else if separator == ".", parts.count > 1 {
                Diagnostics.writeStandardError("\(Diagnostics.toolName): warning: '.' should be ':'\n")
            }
            if !userPart.isEmpty {
                if let user = database.user(named: userPart) {
                    credentials.uid = user.uid
                    if groupPart.isEmpty { credentials.gid = user.gid }
                    userName = user.name
                } else if let uid = Self.number(userPart) {
                    credentials.uid = uid
                    if let user = database.user(id: uid) {
                        if groupPart.isEmpty { credentials.gid = user.gid }
                        userName = user.name
                    }
                } else {
                    throw XError("invalid user")
                }
            }
            if !groupPart.isEmpty {
                if let group = database.group(named: groupPart) {
                    credentials.gid = group.gid
                } else if let gid = Self.number(groupPart) {
                    credentials.gid = gid
                } else {
                    throw XError("invalid group")
                }
            }
            if let uid = credentials.uid, credentials.gid == nil {
                throw XError("no group specified for unknown uid: \(Int32(bitPattern: uid))")
            }
        }
        if let groups {
            // Empty items are skipped; --groups= alone clears the groups.
            var ids: [UInt32] = []
            for name in groups.split(separator: ",") {
                let word = String(name)
                if let group = database.group(named: word) {
                    ids.append(group.gid)
                } else if let gid = Self.number(word) {
                    ids.append(gid)
                } else {
                    throw XError("invalid group \(Self.localeQuoted(word))")
                }
            }
            if ids.isEmpty && !groups.isEmpty { throw XError("invalid group list \(Self.localeQuoted(groups))") }
            credentials.groups = ids
        } else if let userName, let gid = credentials.gid {
            credentials.groups = database.groupIDs(of: userName, primary: gid)
        } else if credentials.uid != nil {
            // A number no user has: no supplementary groups at all.
            credentials.groups = []
        }
        return credentials
    }

    /// setgroups, setgid, setuid, in coreutils' words.
    func apply(_ credentials: Credentials) throws(XError) {
        do {
            try credentials.apply()
        } catch {
            switch error.operation {
            case .setgroups?: throw XError("failed to set supplemental groups", errno: error.errno)
            case .setgid?: throw XError("failed to set group-ID", errno: error.errno)
            case .setuid?: throw XError("failed to set user-ID", errno: error.errno)
            default: throw error
            }
        }
    }

    /// coreutils' quote(): ‘NAME’ where the locale's charset is UTF-8 (as
    /// coreutils finds it, from LC_ALL, LC_CTYPE or LANG), 'NAME' elsewhere.
    nonisolated(unsafe) static var quotesTypographically = false

    static func localeQuoted(_ name: String) -> String {
        let plain = quoted(name)
        guard quotesTypographically else { return plain }
        return "\u{2018}" + plain.dropFirst().dropLast() + "\u{2019}"
    }

    /// A decimal id (coreutils also takes a leading '+').
    static func number(_ text: String) -> UInt32? {
        let digits = text.hasPrefix("+") ? String(text.dropFirst()) : text
        guard let value = UInt32(digits), value != UInt32.max else { return nil }
        return value
    }

    /// Whether NEWROOT is the current root (coreutils: same device and inode as '/').
    static func isCurrentRoot(_ path: String) -> Bool {
        guard case .success(let target) = FileStatus.of(path), case .success(let root) = FileStatus.of("/") else { return false }
        return target.device == root.device && target.inode == root.inode
    }
}
