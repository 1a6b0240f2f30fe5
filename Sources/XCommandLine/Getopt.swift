import CLinux
import Glibc
import XCore

/// glibc's getopt_long(3) over a personality's options. The C library's
/// own parser, not a reimplementation: the real util-linux and coreutils
/// tools read their command lines with it, so abbreviations, permutation,
/// `POSIXLY_CORRECT` and the error lines (`unshare: unrecognized option
/// '--x'`, printed by getopt itself with argv[0]) come out the same.
enum Getopt {
    /// What getopt made of one word or letter.
    enum Event {
        case option(Int, String?)
        /// getopt has printed its error line.
        case error
    }

    /// Reads `argv` (argv[0] included), handing each option to `handle` as
    /// getopt returns it; returns the words after the options, or nil after
    /// an error getopt reported. `handle` returns false to stop the scan
    /// (--help, --version).
    static func scan<Key: ClassicOptionKey>(_ argv: [String], _ keys: Key.Type, permuting: Bool,
                                           _ handle: (Key, String?) throws(XError) -> Bool) throws(XError) -> [String]? {
        let options = Array(Key.allCases)
        // Long-only options get codes above every byte.
        func code(_ index: Int) -> Int32 {
            if let short = options[index].option.short, let ascii = short.asciiValue { return Int32(ascii) }
            return 0x100 + Int32(index)
        }
        var shortString = permuting ? "" : "+"
        // ':' first would silence the missing-value message; util-linux does not.
        for (index, key) in options.enumerated() {
            guard let short = key.option.short else { continue }
            _ = index
            shortString.append(short)
            switch key.option.shortValue {
            case .none: break
            case .required: shortString += ":"
            case .optional: shortString += "::"
            }
        }
        // The C strings live until the scan ends; getopt permutes `words`.
        var names: [UnsafeMutablePointer<CChar>?] = []
        var words: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer {
            for name in names { free(name) }
            for word in words { free(word) }
        }
        var table: [option] = []
        for (index, key) in options.enumerated() {
            guard let long = key.option.long else { continue }
            let name = strdup(long)
            names.append(name)
            let hasArgument: Int32
            switch key.option.value {
            case .none: hasArgument = no_argument
            case .required: hasArgument = required_argument
            case .optional: hasArgument = optional_argument
            }
            table.append(option(name: name, has_arg: hasArgument, flag: nil, val: code(index)))
        }
        table.append(option(name: nil, has_arg: 0, flag: nil, val: 0))

        xns_getopt_reset()
        let count = Int32(argv.count)
        while true {
            var value: UnsafeMutablePointer<CChar>?
            let result = words.withUnsafeMutableBufferPointer { buffer in
                xns_getopt_long(count, buffer.baseAddress, shortString, table, &value)
            }
            if result == -1 { break }
            guard let index = options.indices.first(where: { code($0) == result }) else { return nil }
            if try !handle(options[index], value.map { String(cString: $0) }) { return [] }
        }
        let first = Int(xns_getopt_index())
        return (first..<argv.count).map { words[$0].map { String(cString: $0) } ?? "" }
    }
}
