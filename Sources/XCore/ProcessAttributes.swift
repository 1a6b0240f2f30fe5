import CLinux

/// prctl(2) switches a tool sets on itself before exec'ing COMMAND.
public enum ProcessAttributes {
    /// no_new_privs: exec can never grant privileges again (setuid bits and
    /// file capabilities are ignored) for the process and its children.
    public static func setNoNewPrivileges() throws(XError) {
        try systemCall("prctl", "PR_SET_NO_NEW_PRIVS, 1") { xns_set_no_new_privs() }
            .orThrow("cannot set no_new_privs")
    }

    /// Keep the permitted capabilities across a change from uid 0 to another uid.
    public static func keepCapabilitiesAcrossSetuid() throws(XError) {
        try systemCall("prctl", "PR_SET_KEEPCAPS, 1") { xns_set_keepcaps(1) }
            .orThrow("cannot keep capabilities across the user id change")
    }
}
