import XCore

/// What `CommandLineParser` found: every option in the order given, the
/// positional words, and COMMAND as it came.
public struct ParsedCommandLine: Equatable {
    /// One option as given.
    public struct Occurrence: Equatable {
        /// Its index in the table's options.
        public let option: Int
        /// The name as the messages show it, in the form the user typed:
        /// `-t` or `--target` (an abbreviation shown in full).
        public let spelled: String
        /// The value, if one was given.
        public let value: String?
        /// The value's placeholder (FILE), for messages.
        public let valueName: String?
        /// The option, if it is one that every tool has.
        public let common: CommonOption?

        init(option: Int, spec: OptionSpec, spelled: String, value: String?, table: OptionTable) {
            self.option = option
            self.spelled = spelled
            self.value = value
            self.valueName = spec.value.name
            self.common = option >= table.ownCount ? CommonOption(rawValue: option - table.ownCount) : nil
        }

        /// `'--monotonic <SECONDS>'`: the option in messages about its value.
        public var label: String {
            quoted(spelled + (valueName.map { " <\($0)>" } ?? ""))
        }

        /// The value of an option that requires one (the parser made sure).
        public var text: String { value ?? "" }

        /// The value as an integer of type T: decimal, with an optional sign.
        public func integer<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(XError) -> T {
            guard let number = T(text) else { throw invalid() }
            return number
        }

        /// The value as one of `choices`.
        public func choice<T: RawRepresentable>(_ choices: [String], as type: T.Type = T.self) throws(XError) -> T where T.RawValue == String {
            guard let chosen = T(rawValue: text) else {
                throw XError.usage("the value \(quoted(text)) is invalid for \(label)",
                                   hint: "one of " + choices.map { quoted($0) }.joined(separator: ", "))
            }
            return chosen
        }

        /// A value the option cannot take.
        public func invalid() -> XError {
            XError.usage("the value \(quoted(text)) is invalid for \(label)")
        }
    }

    public var occurrences: [Occurrence] = []
    public var positionals: [String] = []
    public var command: [String] = []

    public init() {}

    /// The tool's own options, as cases of its `OptionKey`, in the order
    /// given. Inlinable, so that it is specialized for each tool's `Key`.
    @inlinable
    public func options<Key: OptionKey>(_ keys: Key.Type) -> [(key: Key, occurrence: Occurrence)] {
        occurrences.compactMap { occurrence in
            guard occurrence.common == nil, let key = Key(rawValue: occurrence.option) else { return nil }
            return (key, occurrence)
        }
    }

    /// --trace and --dry-run, which every tool has.
    public var trace: Bool { occurrences.contains { $0.common == .trace } }
    public var dryRun: Bool { occurrences.contains { $0.common == .dryRun } }
}
