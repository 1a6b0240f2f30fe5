import CLinux
import Glibc

/// The host name and NIS domain name of a UTS namespace.
public enum HostNames {
    /// The kernel's limit (__NEW_UTS_LEN) for both names.
    public static let maximumLength = 64

    /// Checks a name before anything is created.
    public static func check(_ name: String, option: String) throws(XError) {
        if name.utf8.count > maximumLength {
            throw XError.usage("\(option) is longer than \(maximumLength) bytes: \(quoted(name))")
        }
    }

    public static func setHostName(_ name: String) throws(XError) {
        let bytes = Array(name.utf8)
        try systemCall("sethostname", "\(traceString(name)), \(bytes.count)") {
            xns_sethostname(name, bytes.count)
        }.orThrow("cannot set the host name to", name, hint: hint, operation: .sethostname)
    }

    public static func setDomainName(_ name: String) throws(XError) {
        let bytes = Array(name.utf8)
        try systemCall("setdomainname", "\(traceString(name)), \(bytes.count)") {
            xns_setdomainname(name, bytes.count)
        }.orThrow("cannot set the domain name to", name, hint: hint, operation: .setdomainname)
    }

    /// Why an EPERM came: xunshare sets the names only in a UTS namespace of
    /// its own, so "add --uts" would not help.
    static var hint: String {
        Privilege.hasEffective(Privilege.sysAdmin) ? Privilege.refusedDespite("CAP_SYS_ADMIN")
            : "the names need CAP_SYS_ADMIN in the user namespace that owns the UTS namespace: add --user --map-root-user"
    }
}
