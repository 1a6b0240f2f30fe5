import CCapNG
import CLazyLibraries
import Glibc
import XCore

/// Narrowing the capabilities COMMAND gets, through libcap-ng. Everything not
/// kept is removed from every set: bounding (so exec cannot regain it),
/// effective, permitted, inheritable and ambient. What is kept is also raised
/// in the ambient set, so COMMAND keeps it even when it does not run as root.
public enum Capabilities {
    /// What systemd-nspawn leaves a container (its --capability list, without
    /// the net_admin it adds for a private network): an OS's init boots with
    /// these, and cannot load modules, reach raw I/O or set the clock.
    public static let containerSet = ["audit_control", "audit_write", "chown", "dac_override", "dac_read_search", "fowner",
                                      "fsetid", "ipc_owner", "kill", "lease", "linux_immutable", "mknod", "net_bind_service",
                                      "net_broadcast", "net_raw", "setfcap", "setgid", "setpcap", "setuid", "sys_admin",
                                      "sys_boot", "sys_chroot", "sys_nice", "sys_ptrace", "sys_resource", "sys_tty_config"]

    /// Loads libcap-ng, which is otherwise loaded when it is first called
    /// (CLazyLibraries): a tool that will change capabilities calls this
    /// before it changes its root or mount namespace, where the library's
    /// file may not be.
    public static func loadLibrary() {
        xns_lazy_libraries_load_capng()
    }

    /// Parses `LIST` of `--keep-caps=LIST`: comma-separated names, with or
    /// without `cap_`, in any case (`net_bind_service`, `CAP_SYS_ADMIN`), or
    /// numbers; `container` stands for those of `containerSet` this process
    /// has in its bounding set (a named capability it lacks is an error when
    /// it is applied; a set keeps what there is, as nspawn's does).
    public static func parse(_ list: String) throws(XError) -> [UInt32] {
        var capabilities: [UInt32] = []
        var items: [Substring] = []
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            guard item.lowercased() == "container" else { items.append(item); continue }
            capng_get_caps_process()
            items += containerSet.filter { capng_have_capability(CAPNG_BOUNDING_SET, UInt32(capng_name_to_capability($0))) != 0 }
                .map { Substring($0) }
        }
        for item in items {
            var name = item.lowercased()
            if name.hasPrefix("cap_") { name.removeFirst(4) }
            let number: Int32
            if let value = Int32(name) {
                number = capng_capability_to_name(UInt32(max(value, 0))) == nil ? -1 : value
            } else {
                number = name.isEmpty ? -1 : capng_name_to_capability(name)
            }
            guard number >= 0 else {
                throw XError.usage("unknown capability \(quoted(String(item))) in --keep-caps",
                                   hint: "use names such as net_bind_service or cap_sys_admin (see capabilities(7))")
            }
            if !capabilities.contains(UInt32(number)) { capabilities.append(UInt32(number)) }
        }
        return capabilities
    }

    /// The name used in traces: "cap_net_admin".
    public static func name(_ capability: UInt32) -> String {
        capng_capability_to_name(capability).map { "cap_" + String(cString: $0) } ?? String(capability)
    }

    /// Removes every capability but `keep` from the bounding set. Needs
    /// CAP_SETPCAP, so it runs before the user id changes.
    public static func limitBoundingSet(keeping keep: [UInt32]) throws(XError) {
        capng_clear(CAPNG_SELECT_BOUNDS)
        for capability in keep { capng_update(CAPNG_ADD, CAPNG_BOUNDING_SET, capability) }
        try apply(CAPNG_SELECT_BOUNDS, "bounding", keep)
    }

    /// Sets the effective, permitted and inheritable sets to `keep` and raises
    /// `keep` in the ambient set. Runs after the user id changed.
    public static func limitProcessSets(keeping keep: [UInt32]) throws(XError) {
        capng_clear(CAPNG_SELECT_CAPS)
        capng_clear(CAPNG_SELECT_AMBIENT)
        let sets = capng_type_t(rawValue: CAPNG_EFFECTIVE.rawValue | CAPNG_PERMITTED.rawValue
                                | CAPNG_INHERITABLE.rawValue | CAPNG_AMBIENT.rawValue)
        for capability in keep { capng_update(CAPNG_ADD, sets, capability) }
        try apply(capng_select_t(rawValue: CAPNG_SELECT_CAPS.rawValue | CAPNG_SELECT_AMBIENT.rawValue),
                  "effective/permitted/inheritable/ambient", keep)
    }

    static func apply(_ select: capng_select_t, _ sets: String, _ keep: [UInt32]) throws(XError) {
        let kept = keep.isEmpty ? "none" : keep.map(name).joined(separator: ",")
        let result = systemCall("capng_apply", "\(sets) sets, keep=\(kept)") {
            capng_apply(select) == 0 ? 0 : -1
        }
        if result.failed {
            throw XError("cannot limit the \(sets) capability sets to \(kept)",
                         errno: result.errno == 0 ? EPERM : result.errno,
                         hint: "changing the bounding set needs CAP_SETPCAP; keeping a capability needs it in the permitted set")
        }
    }
}

extension Capabilities {
    /// util-linux unshare --keep-caps: every capability in the permitted set
    /// is also raised in the inheritable and ambient sets, so that COMMAND
    /// keeps them across exec even when it does not run as uid 0 (the
    /// capabilities a new user namespace grants its creator would be lost).
    public static func raisePermittedToAmbient() throws(XError) {
        let result = systemCall("capng_apply", "inheritable/ambient sets += permitted") {
            guard capng_get_caps_process() == 0 else { return -1 }
            var raised: [UInt32] = []
            var capability: UInt32 = 0
            while capng_capability_to_name(capability) != nil {
                if capng_have_capability(CAPNG_PERMITTED, capability) == 1 { raised.append(capability) }
                capability += 1
            }
            let sets = capng_type_t(rawValue: CAPNG_INHERITABLE.rawValue | CAPNG_AMBIENT.rawValue)
            for capability in raised { capng_update(CAPNG_ADD, sets, capability) }
            return capng_apply(capng_select_t(rawValue: CAPNG_SELECT_CAPS.rawValue | CAPNG_SELECT_AMBIENT.rawValue)) == 0 ? 0 : -1
        }
        if result.failed {
            throw XError("cannot raise the permitted capabilities into the ambient set",
                         errno: result.errno == 0 ? EPERM : result.errno)
        }
    }
}
