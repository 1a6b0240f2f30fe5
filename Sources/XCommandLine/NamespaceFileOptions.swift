import XCore

/// A tool whose namespace options take an optional FILE: xunshare keeps a
/// new namespace on it, xnsenter enters the namespace kept there. The eight
/// options, `--mount[=FILE]` … `--time[=FILE]`, are declared here once; the
/// tool declares the flags and companions that use them.
public protocol NamespaceFileOptions: ChainTool {}

extension NamespaceFileOptions {
    public static var mountNamespace: OptionalValueOption { namespaceFile(.mount) }
    public static var utsNamespace: OptionalValueOption { namespaceFile(.uts) }
    public static var ipcNamespace: OptionalValueOption { namespaceFile(.ipc) }
    public static var netNamespace: OptionalValueOption { namespaceFile(.net) }
    public static var pidNamespace: OptionalValueOption { namespaceFile(.pid) }
    public static var userNamespace: OptionalValueOption { namespaceFile(.user) }
    public static var cgroupNamespace: OptionalValueOption { namespaceFile(.cgroup) }
    public static var timeNamespace: OptionalValueOption { namespaceFile(.time) }

    /// All eight, for `optionalValueOptions`.
    public static var namespaceFileOptions: [OptionalValueOption] {
        [mountNamespace, utsNamespace, ipcNamespace, netNamespace, pidNamespace, userNamespace,
         cgroupNamespace, timeNamespace]
    }

    static func namespaceFile(_ kind: NamespaceKind) -> OptionalValueOption {
        OptionalValueOption(kind.rawValue, value: "FILE")
    }
}
