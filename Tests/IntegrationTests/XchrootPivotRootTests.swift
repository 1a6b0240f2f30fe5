import Foundation
import Testing

/// --pivot-root: nothing of the old root may stay reachable.
@Suite struct XchrootPivotRootTests {
    /// Run inside the pivoted root: mount /proc and list every mount point.
    static let listMounts = "mount -t proc proc /proc && while read -r id parent dev root point rest; do echo $point; done < /proc/self/mountinfo && cat /etc/marker"

    @Test func pivotsAndDetachesTheOldRoot() throws {
        let root = try BusyboxRoot()
        let result = try run(inPrivateMountNamespace([Package.xchroot, "--pivot-root", root.path, "/bin/sh", "-c", Self.listMounts]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "/\n/proc\ninside the busybox root\n", "\(result)")
    }

    @Test func aNewRootThatIsAlreadyAMountPointIsUsedAsItIs() throws {
        let dir = try TemporaryDirectory()
        let script = """
            mount -t tmpfs -o mode=0755 box \(dir.path) && \(Package.makeBusyboxRoot) \(dir.path) && \
            exec \(Package.xchroot) --pivot-root \(dir.path) /bin/sh -c '\(Self.listMounts); stat -f -c %T /'
            """
        let result = try run(inPrivateMountNamespace(["sh", "-c", script]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "/\n/proc\ninside the busybox root\ntmpfs\n", "\(result)")
    }

    @Test func worksRootless() throws {
        try #require(isRoot, "switching to nobody needs root")
        let root = try BusyboxRoot()
        // As nobody, in its own user namespace: /proc cannot be mounted
        // without a pid namespace, so list / instead and check identity.
        let result = try run(rootless([Package.xchroot, "--pivot-root", root.path, "/bin/sh", "-c", "id -u; cat /etc/marker; ls /"]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("0\ninside the busybox root\n"), "\(result)")
    }

    @Test func aDryRunInTheHostsNamespaceNotesTheRefusal() throws {
        // Only --dry-run is safe here: were the check ever wrong, a real run
        // would pivot the machine running the tests. (The check itself is the
        // one xmountapi's tests exercise for real, both ways.)
        let root = try BusyboxRoot()
        let result = try run([Package.xchroot, "--dry-run", "--pivot-root", root.path, "/bin/true"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("a real run here would stop: refusing to pivot the root in the host's initial mount namespace"), "\(result)")
        #expect(result.stderr.contains("pivot_root(\".\", \".\") (dry run: not made)"), "\(result)")
    }

    @Test func aFailedPivotLeavesNoBindMountBehind() throws {
        // pivot_root fails on a shared mount; the bind of NEWROOT onto itself
        // made for it must be undone. The mounts that appeared are counted (one
        // that is gone may be another test's copy, detached by the kernel).
        let root = try BusyboxRoot()
        let script = """
            mount --make-rshared / && before=$(cat /proc/self/mountinfo) && \
            \(Package.xchroot) --pivot-root \(root.path) /bin/true; status=$?; \
            added=$(cat /proc/self/mountinfo | grep -cvxF "$before"); echo "$status $added"
            """
        let result = try run(["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script])
        let fields = result.stdout.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(fields.count == 2, "\(result)")
        #expect(fields.first == "125", "\(result)")
        #expect(fields.last == "0", "no mount appeared: \(result)")
        #expect(result.stderr.contains("xchroot: cannot pivot the root to '\(root.path)': Invalid argument"))
    }

    @Test func excludesSwitchRoot() throws {
        let result = try run([Package.xchroot, "--pivot-root", "--switch-root", "/", "/bin/true"])
        #expect(result.status == 125)
        #expect(result.stderrLines == ["xchroot: --pivot-root and --switch-root exclude each other"])
    }
}
