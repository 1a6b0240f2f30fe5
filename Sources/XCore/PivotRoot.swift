import Glibc
import CLinux

/// pivot_root(2) into NEWROOT in a private mount namespace, leaving nothing of
/// the old root reachable: the old root is stacked under the new one by
/// pivot_root(".", ".") and then detached with umount2(MNT_DETACH).
public enum PivotRoot {
    public static func pivot(to newRoot: String, rootDirectory: Int32) throws(XError) {
        // pivot_root needs NEWROOT to be a mount point: bind it onto itself.
        var boundHere = false
        if !FileStatus.isMountPoint(directory: rootDirectory) {
            try systemCall("mount", "\(traceString(newRoot)), \(traceString(newRoot)), NULL, MS_BIND|MS_REC, NULL") {
                mount(newRoot, newRoot, nil, xns_MS_BIND | xns_MS_REC, nil)
            }.orThrow("cannot bind-mount onto itself the new root", newRoot, hint: mountHint)
            boundHere = true
        }
        do throws(XError) {
            try changeDirectory(newRoot)
            try systemCall("pivot_root", "\".\", \".\"") { xns_pivot_root(".", ".") }
                .orThrow("cannot pivot the root to", newRoot, hint: pivotHint)
        } catch {
            if boundHere {
                systemCall("umount2", "\(traceString(newRoot)), MNT_DETACH") { umount2(newRoot, xns_MNT_DETACH) }
            }
            throw error
        }
        // The old root now sits on top of "."; detach it and everything under it.
        try systemCall("umount2", "\".\", MNT_DETACH") { umount2(".", xns_MNT_DETACH) }
            .orThrow("cannot detach the old root after pivoting to", newRoot)
        try changeDirectory("/")
    }

    static var mountHint: String {
        geteuid() == 0 ? "is the path on a read-only or locked mount?"
            : "mounting needs CAP_SYS_ADMIN: run as root, or first xunshare --user --map-root-user --mount"
    }

    static var pivotHint: String {
        "pivot_root refuses shared mounts and the initial rootfs: run inside xunshare --mount (private propagation); in an initramfs use --switch-root"
    }
}
