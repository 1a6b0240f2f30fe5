import CLinux
import Glibc

/// A process's credentials as execve(2) recomputes them: the capability sets,
/// the securebits and the ids. `survivesExec` tells whether exec'ing a plain
/// file (no set-user-ID bit, no file capabilities) would leave them exactly
/// as they are — the condition for running the next link in-process
/// (`ExecElision`) without changing what it may do.
struct ExecCredentials: Equatable, Sendable {
    var effective: UInt64
    var permitted: UInt64
    var inheritable: UInt64
    var bounding: UInt64
    var ambient: UInt64
    var securebits: Int32
    var uids: (real: uid_t, effective: uid_t, saved: uid_t)
    var gids: (real: gid_t, effective: gid_t, saved: gid_t)

    static func == (a: ExecCredentials, b: ExecCredentials) -> Bool {
        a.effective == b.effective && a.permitted == b.permitted && a.inheritable == b.inheritable
            && a.bounding == b.bounding && a.ambient == b.ambient && a.securebits == b.securebits
            && a.uids == b.uids && a.gids == b.gids
    }

    /// The calling process's credentials; nil if the kernel would not say.
    static func current() -> ExecCredentials? {
        var effective: UInt64 = 0, permitted: UInt64 = 0, inheritable: UInt64 = 0
        guard xns_capability_sets(&effective, &permitted, &inheritable) == 0 else { return nil }
        var bounding: UInt64 = 0, ambient: UInt64 = 0
        // The kernel keeps the ambient set within permitted ∩ inheritable
        // (capabilities(7)): only those are asked about, one call each —
        // usually none, where asking about every capability was 41 calls
        // at every link of a chain. The kernel answers EINVAL past its last
        // capability.
        let mayBeAmbient = permitted & inheritable
        for capability in 0..<64 {
            let bounded = xns_capability_in_bounding_set(Int32(capability))
            if bounded < 0 { break }
            let bit: UInt64 = 1 << UInt64(capability)
            if bounded == 1 { bounding |= bit }
            if mayBeAmbient & bit != 0, xns_capability_in_ambient_set(Int32(capability)) == 1 { ambient |= bit }
        }
        let securebits = xns_securebits()
        guard securebits >= 0 else { return nil }
        var ruid: uid_t = 0, euid: uid_t = 0, suid: uid_t = 0
        var rgid: gid_t = 0, egid: gid_t = 0, sgid: gid_t = 0
        guard xns_getresuid(&ruid, &euid, &suid) == 0, xns_getresgid(&rgid, &egid, &sgid) == 0 else { return nil }
        return ExecCredentials(effective: effective, permitted: permitted, inheritable: inheritable,
                               bounding: bounding, ambient: ambient, securebits: securebits,
                               uids: (ruid, euid, suid), gids: (rgid, egid, sgid))
    }

    /// What execve(2) of a file without set-id bits or file capabilities
    /// makes of these credentials (capabilities(7), "Transformation of
    /// capabilities during execve()").
    var afterExec: ExecCredentials {
        var next = self
        // The saved ids become the effective ones; KEEP_CAPS is cleared.
        next.uids.saved = uids.effective
        next.gids.saved = gids.effective
        next.securebits &= ~xns_SECBIT_KEEP_CAPS
        let rootIsSpecial = securebits & xns_SECBIT_NOROOT == 0
        if rootIsSpecial && (uids.real == 0 || uids.effective == 0) {
            // Root: the file counts as having every capability: permitted
            // becomes inheritable ∪ bounding, the ambient set is cleared, and
            // effective is all of permitted only for an effective uid 0.
            next.permitted = inheritable | bounding
            next.ambient = 0
            next.effective = uids.effective == 0 ? next.permitted : 0
        } else {
            // Anyone else gets the ambient set, and nothing more.
            next.permitted = ambient
            next.effective = ambient
        }
        return next
    }

    /// Whether exec would leave the credentials as they are.
    var survivesExec: Bool { afterExec == self }
}
