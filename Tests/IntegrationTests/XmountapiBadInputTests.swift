import Foundation
import Testing

/// Bad input: one line naming the option and the path, exit 125, and every
/// mount this run made before the failing option is undone — the mount table
/// and the root's contents are as they were.
@Suite struct XmountapiBadInputTests {
    /// Runs xmountapi with `options` after --api and --dir=/made-by-this-run (so
    /// there is something to undo), in a private mount namespace; prints the
    /// status and whether a mount appeared or changed (one that is gone may be
    /// another test's, copied into the namespace and detached by the kernel
    /// when its mount point was deleted).
    func failing(_ options: [String], setup: String = "true") throws -> (Outcome, BusyboxRoot) {
        let root = try BusyboxRoot()
        let script = """
            \(setup) && before=$(cat /proc/self/mountinfo) && \
            \(Package.xmountapi) --root \(root.path) --api --dir=/made-by-this-run "$@" -- /bin/echo RAN; status=$?
            after=$(cat /proc/self/mountinfo); added=$(printf '%s\n' "$after" | grep -vxF "$before")
            [ -z "$added" ] && echo same-mounts || echo "CHANGED: $added"
            ls \(root.path) | tr '\\n' ' '; echo; exit $status
            """
        return (try run(inPrivateMountNamespace(["sh", "-c", script, "sh"] + options)), root)
    }

    let rootEntries = "bin dev etc home proc root run sbin sys tmp usr var \n"

    @Test(arguments: [
        (["--bind=/nonexistent-xns:/x"], "xmountapi: --bind: cannot bind '/nonexistent-xns': No such file or directory"),
        (["--tmpfs=/../etc"], "xmountapi: --tmpfs: destination '/../etc' leads out of the root 'ROOT'"),
        (["--ro-bind=/usr:/a/../../usr"], "xmountapi: --ro-bind: destination '/a/../../usr' leads out of the root 'ROOT'"),
        (["--tmpfs=/srv:size=1m,bogus"], "xmountapi: --tmpfs: unknown option 'bogus' for tmpfs on 'ROOT/srv': Invalid argument"),
        (["--tmpfs=/srv:noauto"], "xmountapi: --tmpfs: option 'noauto' is a mount(8)/fstab option, not a mount option (in '/srv:noauto')"),
        (["--overlay=/usr:/tmp:/srv"], "xmountapi: --overlay: '/usr:/tmp:/srv' is not LOWER[:LOWER...]:UPPER:WORK:DEST: an overlay with an upper directory needs a work directory"),
        (["--overlay=/usr:/tmp::/srv"], "xmountapi: --overlay: WORK is empty in '/usr:/tmp::/srv'"),
        (["--tmpfs=/etc/passwd"], "xmountapi: --tmpfs: cannot mount on 'ROOT/etc/passwd': Not a directory"),
        (["--ro-bind=/usr:/etc/passwd"], "xmountapi: --ro-bind: cannot bind '/usr' on 'ROOT/etc/passwd': Not a directory"),
        (["--inaccessible=/nonexistent"], "xmountapi: --inaccessible: cannot find 'ROOT/nonexistent': No such file or directory"),
        (["--remount-ro=/etc"], "xmountapi: --remount-ro: 'ROOT/etc' is not a mount point"),
        (["--host=bogus"], "xmountapi: --host: unknown entry 'bogus' in 'bogus'"),
        (["--cgroup=maybe"], "xmountapi: --cgroup: 'maybe' is neither ro nor rw"),
        (["--bind=/usr:/srv:idmapx"], "xmountapi: --bind: unknown bind option 'idmapx' in '/usr:/srv:idmapx'"),
        (["--propagation=sideways"], "xmountapi: --propagation: 'sideways' is not private, slave, shared or unchanged"),
    ])
    func refusedWithOneLineAndEverythingUndone(options: [String], message: String) throws {
        let (result, root) = try failing(options)
        #expect(result.status == 125, "\(result)")
        let lines = result.stderrLines
        #expect(lines.first == message.replacingOccurrences(of: "ROOT", with: root.path), "\(result)")
        #expect(lines.count <= 2 && (lines.count == 1 || lines[1].hasPrefix("hint: ")), "\(result)")
        #expect(result.stdout == "same-mounts\n" + rootEntries, "\(result)")
    }

    @Test func aSymlinkOutOfTheRootIsRefused() throws {
        let escaping = try BusyboxRoot()
        try FileManager.default.createSymbolicLink(atPath: escaping.path + "/escape", withDestinationPath: "../../../../../../../etc")
        let outcome = try run(inPrivateMountNamespace([Package.xmountapi, "--root", escaping.path, "--tmpfs=/escape/x"]))
        #expect(outcome.status == 125, "\(outcome)")
        #expect(outcome.stderrLines.first == "xmountapi: --tmpfs: destination '/escape/x' leads out of the root '\(escaping.path)'", "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: "/etc/x"))
        // An absolute symlink is followed inside the root, as the process will see it.
        try FileManager.default.createSymbolicLink(atPath: escaping.path + "/abs", withDestinationPath: "/etc")
        let inside = try run(inPrivateMountNamespace(["sh", "-c", "\(Package.xmountapi) --root \(escaping.path) --tmpfs=/abs/inner && grep -c ' \(escaping.path)/etc/inner ' /proc/self/mountinfo"]))
        #expect(inside.status == 0, "\(inside)")
        #expect(inside.stdout == "1\n", "\(inside)")
    }

    @Test func missingMountPointsMadeByTheRunAreRemoved() throws {
        let (result, root) = try failing(["--dir=/a/b/c", "--tmpfs=/made/here", "--bind=/nonexistent-xns:/x"])
        #expect(result.status == 125, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/a"))
        #expect(!FileManager.default.fileExists(atPath: root.path + "/made"))
        #expect(result.stdout.hasPrefix("same-mounts\n"), "\(result)")
    }

    @Test func theRootMustBeADirectory() throws {
        let result = try run(inPrivateMountNamespace([Package.xmountapi, "--root", "/etc/passwd", "--tmp"]))
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xmountapi: --root: cannot open '/etc/passwd': Not a directory"])
    }
}

/// A mount stacked on the process's own root is never seen by it (lookups
/// start at the root dentry below): refused, while the same policy on a root
/// that is entered afterwards works.
@Suite struct XmountapiCurrentRootTests {
    @Test func aMountOnTheCurrentRootIsRefused() throws {
        let dir = try TemporaryDirectory()
        let result = try run(inPrivateMountNamespace([Package.xmountapi, "--read-only=/", "--", "touch", dir.file("written")]))
        #expect(result.status == 125, "\(result)")
        #expect(result.stderrLines.first == "xmountapi: --read-only: cannot mount on the current root '/': neither this process nor COMMAND would see it", "\(result)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("written")))
    }

    @Test func theSamePolicyOnARootEnteredAfterwardsWorks() throws {
        let root = try BusyboxRoot()
        let result = try run(inPrivateMountNamespace([Package.xmountapi, "--root=\(root.path)", "--read-only=/", "--",
                                                      Package.xchroot, "--pivot-root", root.path, "/bin/sh", "-c", "touch /x 2>&1; true"]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Read-only file system"), "\(result)")
    }
}
