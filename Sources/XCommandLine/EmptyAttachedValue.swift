/// `--NAME=` with nothing after `=`. getopt_long(3) gives the option the
/// empty value; swift-argument-parser takes it for no value and uses the
/// *next* word instead, so `xunshare --setuid= 5 true` would run as uid 5
/// and `xchroot --wd= / sh` would take '/' for the directory and 'sh' for
/// NEWROOT.
///
/// The words are first marked, one word for one word (`--NAME=` becomes
/// `--NAME=<NUL>`, a byte no word of a real argv can hold), so that a
/// parse tells where the options end without taking the next word. Then,
/// before COMMAND only, each marked word becomes two, `--NAME` and "", which
/// the parser reads as the empty value, and the arguments are parsed again.
public enum EmptyAttachedValue {
    static let marker = "\u{0}"

    /// `--NAME=` → `--NAME=<NUL>`; every other word as it is.
    public static func mark(_ arguments: [String]) -> [String] {
        arguments.map { isEmptyAttached($0) ? $0 + marker : $0 }
    }

    /// Whether the words before COMMAND (the last `commandCount` words)
    /// hold a marked word.
    public static func marked(_ arguments: [String], commandCount: Int) -> Bool {
        arguments.dropLast(commandCount).contains { $0.hasSuffix("=" + marker) }
    }

    /// The marked words before COMMAND as `--NAME` and ""; COMMAND, the
    /// last `commandCount` words, from `original`, untouched.
    public static func split(_ arguments: [String], commandCount: Int, original: [String]) -> [String] {
        let options = arguments.dropLast(commandCount).flatMap { word -> [String] in
            guard word.hasSuffix("=" + marker) else { return [word] }
            return [String(word.dropLast(2)), ""]
        }
        return options + original.suffix(commandCount)
    }

    /// A parse error's message as the user typed the value: '' for the marker.
    public static func unmark(_ message: String) -> String {
        String(message.filter { $0 != Character(marker) })
    }

    static func isEmptyAttached(_ word: String) -> Bool {
        word.count > 3 && word.hasPrefix("--") && word.hasSuffix("=") && word.dropLast().firstIndex(of: "=") == nil
    }
}
