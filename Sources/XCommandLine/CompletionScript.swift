/// The bash, zsh and fish completion scripts of a tool, made from its
/// table: `TOOL --generate-completion-script SHELL` prints one, and
/// xns-docgen writes them to completions/. Options are completed until they
/// stop (at `--` or at the first word that is not an option, as the parser
/// does); then xchroot's NEWROOT is a directory and COMMAND a command line
/// of its own.
public enum CompletionScript {
    public static let shells = ["bash", "zsh", "fish"]

    public static func render(_ table: OptionTable, shell: String) -> String? {
        switch shell {
        case "bash": return bash(table)
        case "zsh": return zsh(table)
        case "fish": return fish(table)
        default: return nil
        }
    }

    /// What a value is completed with.
    enum ValueKind: Equatable {
        case directory, file, choices([String]), text
    }

    static func valueKind(_ option: OptionSpec) -> ValueKind? {
        guard let name = option.value.name else { return nil }
        if !option.choices.isEmpty { return .choices(option.choices) }
        switch name {
        case "DIR": return .directory
        case "FILE", "DEST", "PATH", "DEV", "SRC:DEST": return .file
        default: return .text
        }
    }

    static func identifier(_ table: OptionTable) -> String {
        String(table.name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    // MARK: bash

    static func bash(_ table: OptionTable) -> String {
        let function = "_" + identifier(table)
        let separate = table.options.filter { if case .required = $0.value { return true } else { return false } }
        let separateNames = separate.flatMap { option in ["--" + option.long] + (option.short.map { ["-\($0)"] } ?? []) }
        let words = table.options.flatMap { option -> [String] in
            let long: String
            switch option.value {
            case .none, .optional: long = "--" + option.long
            case .required: long = "--" + option.long + "="
            }
            return (option.short.map { ["-\($0)"] } ?? []) + [long]
        }
        var valueCases: [String] = []
        for option in table.options {
            guard let kind = valueKind(option) else { continue }
            var names = ["--" + option.long]
            if case .required = option.value, let short = option.short { names.append("-\(short)") }
            let reply: String
            switch kind {
            case .directory: reply = "COMPREPLY=($(compgen -d -- \"$cur\"))"
            case .file: reply = "COMPREPLY=($(compgen -f -- \"$cur\"))"
            case .choices(let values): reply = "COMPREPLY=($(compgen -W '\(values.joined(separator: " "))' -- \"$cur\"))"
            case .text: reply = ":"
            }
            valueCases.append("        \(names.joined(separator: "|"))) \(reply) ;;")
        }
        let positionals = table.positionals.count
        let afterOptions = positionals > 0
            ? """
                    if ((COMP_CWORD < i + \(positionals))); then
                        COMPREPLY=($(compgen -d -- "$cur"))
                    elif declare -F _command_offset >/dev/null; then
                        _command_offset $((i + \(positionals)))
                    else
                        COMPREPLY=($(compgen -c -- "$cur"))
                    fi
            """
            : """
                    if declare -F _command_offset >/dev/null; then
                        _command_offset "$i"
                    else
                        COMPREPLY=($(compgen -c -- "$cur"))
                    fi
            """
        return """
            # bash completion for \(table.name), made from its option table (xns-docgen).
            \(function)() {
                local cur=${COMP_WORDS[COMP_CWORD]} i=1 word option= ended=0
                # bash splits --option=value into '--option' '=' 'value'.
                if [[ $cur == = ]]; then
                    cur= option=${COMP_WORDS[COMP_CWORD-1]}
                elif [[ ${COMP_WORDS[COMP_CWORD-1]} == = ]]; then
                    option=${COMP_WORDS[COMP_CWORD-2]}
                fi
                # Options stop at -- or at the first word that is not an option.
                while ((i < COMP_CWORD)); do
                    word=${COMP_WORDS[i]}
                    if [[ ${COMP_WORDS[i+1]} == = ]]; then
                        ((i += 3))
                        continue
                    fi
                    case $word in
                    --) ((i++)); ended=1; break ;;
                    \(separateNames.joined(separator: "|"))) ((i += 2)) ;;
                    -?*) ((i++)) ;;
                    *) ended=1; break ;;
                    esac
                done
                # The current word is the value of the option before it.
                if ((i > COMP_CWORD)) && [[ -z $option ]]; then option=${COMP_WORDS[COMP_CWORD-1]}; fi
                if [[ -n $option ]]; then
                    case $option in
            \(valueCases.joined(separator: "\n"))
                    esac
                    return
                fi
                if ((ended)) || [[ $cur != -* ]]; then
            \(afterOptions)
                    return
                fi
                COMPREPLY=($(compgen -W '\(words.joined(separator: " "))' -- "$cur"))
                [[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace
            }
            complete -F \(function) \(table.name)

            """
    }

    // MARK: zsh

    static func zsh(_ table: OptionTable) -> String {
        var specs: [String] = []
        for option in table.options {
            let description = "[" + zshEscape(option.help) + "]"
            let action: String
            switch valueKind(option) {
            case .directory?: action = "_directories"
            case .file?: action = "_files"
            case .choices(let values)?: action = "(" + values.joined(separator: " ") + ")"
            case .text?, nil: action = ""
            }
            let names = (option.short.map { ["-\($0)"] } ?? []) + ["--" + option.long]
            let exclusion = option.repeats ? "*" : "(" + names.joined(separator: " ") + ")"
            let valueName = zshEscape(option.value.name ?? "")
            for name in names {
                var spec = exclusion + name
                switch option.value {
                case .none:
                    spec += description
                case .required:
                    spec += (name.hasPrefix("--") ? "=" : "+") + description + ":" + valueName + ":" + action
                case .optional:
                    spec += name.hasPrefix("--") ? "=-" + description + "::" + valueName + ":" + action : description
                }
                specs.append("    '" + spec.replacingAll("'", with: "'\\''") + "'")
            }
        }
        for positional in table.positionals {
            specs.append("    ':\(positional.name):_directories'")
        }
        specs.append("    '*::command:_normal'")
        return """
            #compdef \(table.name)
            # zsh completion for \(table.name), made from its option table (xns-docgen).
            _arguments -s -S -A '-*' \\
            \(specs.joined(separator: " \\\n"))

            """
    }

    static func zshEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "[" || character == "]" || character == ":" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    // MARK: fish

    static func fish(_ table: OptionTable) -> String {
        let id = identifier(table)
        let function = "__xns_\(id)_options_done"
        let separate = table.options.filter { if case .required = $0.value { return true } else { return false } }
        let separateNames = separate.flatMap { option in ["--" + option.long] + (option.short.map { ["-\($0)"] } ?? []) }
        var lines = [
            "# fish completion for \(table.name), made from its option table (xns-docgen).",
            "# Options stop at -- or at the first word that is not an option.",
            "function \(function)",
            "    set -l skip 0",
            "    for word in (commandline -opc)[2..-1]",
            "        if test $skip = 1",
            "            set skip 0",
            "            continue",
            "        end",
            "        switch $word",
            "            case --",
            "                return 0",
            "            case \(separateNames.joined(separator: " "))",
            "                set skip 1",
            "            case '-*'",
            "            case '*'",
            "                return 0",
            "        end",
            "    end",
            "    return 1",
            "end",
        ]
        for option in table.options {
            var line = "complete -c \(table.name) -n 'not \(function)'"
            if let short = option.short { line += " -s \(short)" }
            line += " -l \(option.long)"
            switch valueKind(option) {
            case .directory?: line += " -x -a '(__fish_complete_directories)'"
            case .file?: line += " -r -F"
            case .choices(let values)?: line += " -x -a '\(values.joined(separator: " "))'"
            case .text?: line += " -x"
            case nil: break
            }
            if case .optional = option.value { line = line.replacingAll(" -x", with: "").replacingAll(" -r", with: "") }
            line += " -d '" + option.help.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
            lines.append(line)
        }
        if table.positionals.isEmpty {
            lines.append("complete -c \(table.name) -n '\(function)' -x -a '(__fish_complete_subcommand)'")
        } else {
            lines.append("complete -c \(table.name) -n '\(function)' -x -a '(__fish_complete_directories)'")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Every `target` replaced. (Foundation's replacingOccurrences is not
    /// linked, and the standard library's range search would link the
    /// regex modules: a megabyte of the binary for a few lines here.)
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                out += replacement
                index = self.index(index, offsetBy: target.count)
            } else {
                out.append(self[index])
                index = self.index(after: index)
            }
        }
        return out
    }
}
