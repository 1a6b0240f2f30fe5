import Foundation
import Testing

/// --NS=FILE: namespaces kept alive on files, entered afterwards with
/// util-linux nsenter, released by umount; all or nothing. Every test runs
/// in a private mount namespace of its own, so no bind mount can leak.
@Suite struct XunsharePersistenceTests {
    /// On one CPU: this kernel (6.18) numbers new mount namespaces per CPU,
    /// and refuses (EINVAL, its loop check) to keep one that got a lower
    /// number than the namespace it is kept in — as util-linux unshare is
    /// refused. Created on one CPU, the numbers grow.
    func inPrivateNamespace(_ script: String) throws -> Outcome {
        try run(["taskset", "-c", "0"] + inPrivateMountNamespace(["sh", "-c", script]), environment: environment(["X": Package.xunshare]))
    }

    @Test func keptNamespacesAreEnteredWithNsenterAndReleasedByUmount() throws {
        let dir = try TemporaryDirectory()
        let d = dir.path
        let script = """
            mount -t tmpfs t \(d) && touch \(d)/uts \(d)/net \(d)/ipc \(d)/mount \(d)/cgroup \(d)/user
            $X --uts=\(d)/uts --net=\(d)/net --ipc=\(d)/ipc --mount=\(d)/mount --cgroup=\(d)/cgroup --user=\(d)/user -r --hostname=kept \
                sh -c 'for n in uts net ipc mnt cgroup user; do readlink /proc/self/ns/$n; done' > \(d)/inside || exit 1
            nsenter --uts=\(d)/uts hostname
            for n in uts net ipc mount cgroup user; do
                nsenter --$n=\(d)/$n readlink /proc/self/ns/$(echo $n | sed s/mount/mnt/)
            done > \(d)/entered
            cmp \(d)/inside \(d)/entered && echo same
            umount \(d)/uts \(d)/net \(d)/ipc \(d)/mount \(d)/cgroup \(d)/user && echo released
            grep nsfs /proc/self/mountinfo | grep -c " \(d)/"
            """
        let result = try inPrivateNamespace(script)
        #expect(result.stdout == "kept\nsame\nreleased\n0\n", "\(result)")
    }

    @Test func pidAndTimeAreKeptThroughTheirForChildrenFiles() throws {
        let dir = try TemporaryDirectory()
        let d = dir.path
        let script = """
            mount -t tmpfs t \(d) && touch \(d)/pid \(d)/time
            $X --pid=\(d)/pid --time=\(d)/time --fork --boottime=100000 sh -c 'readlink /proc/self/ns/pid /proc/self/ns/time' > \(d)/inside || exit 1
            for n in pid time; do echo "$n:[$(stat -L -c %i \(d)/$n)]"; done > \(d)/kept
            cmp \(d)/inside \(d)/kept && echo same
            stat -f -c %T \(d)/pid
            umount \(d)/pid \(d)/time && echo released
            """
        let result = try inPrivateNamespace(script)
        #expect(result.stdout == "same\nnsfs\nreleased\n", "\(result)")
    }

    /// A mount namespace kept on a shared mount that the new namespace still
    /// receives is refused by the kernel: one line, 125, the other files
    /// unmounted again, and COMMAND never ran.
    @Test(arguments: ["", "--fork"])
    func aFailureKeepsNothing(fork: String) throws {
        let dir = try TemporaryDirectory()
        let d = dir.path
        let script = """
            mount -t tmpfs t \(d) && mount --make-shared \(d) && touch \(d)/uts \(d)/net \(d)/mnt
            $X \(fork) --propagation=unchanged --uts=\(d)/uts --net=\(d)/net --mount=\(d)/mnt sh -c 'echo COMMAND ran'
            echo status=$?
            grep nsfs /proc/self/mountinfo | grep -c " \(d)/"
            """
        let result = try inPrivateNamespace(script)
        #expect(result.stdout == "status=125\n0\n", "\(fork): \(result)")
        #expect(result.stderrLines.first == "xunshare: cannot keep the mount namespace on '\(d)/mnt': Invalid argument", "\(fork): \(result)")
        #expect(result.stderrLines.count == 2 && result.stderrLines[1].hasPrefix("hint: the kernel refuses it where the new namespace would receive the bind mount itself"), "\(result)")
    }

    /// Unlike util-linux, the default private propagation is set before the
    /// bind mount, so a shared mount can hold a mount namespace.
    @Test func aSharedMountCanKeepAPrivateMountNamespace() throws {
        let dir = try TemporaryDirectory()
        let d = dir.path
        let script = """
            mount -t tmpfs t \(d) && mount --make-shared \(d) && touch \(d)/mnt
            $X --mount=\(d)/mnt readlink /proc/self/ns/mnt > \(d)/inside || exit 1
            nsenter --mount=\(d)/mnt readlink /proc/self/ns/mnt | cmp - \(d)/inside && echo same
            umount \(d)/mnt && echo released
            """
        let result = try inPrivateNamespace(script)
        #expect(result.stdout == "same\nreleased\n", "\(result)")
    }

    @Test func aMissingFileIsBadInput() throws {
        let dir = try TemporaryDirectory()
        let result = try run([Package.xunshare, "--net=\(dir.file("missing"))", "--fork", "echo", "ran"])
        #expect(result.status == 125)
        #expect(result.stdout == "")
        #expect(result.stderrLines == ["xunshare: cannot keep the net namespace on '\(dir.file("missing"))': No such file or directory",
                                       "hint: create the file first: touch \(dir.file("missing"))"])
        let directory = try run([Package.xunshare, "--uts=\(dir.path)", "true"])
        #expect(directory.status == 125)
        #expect(directory.stderrLines.first == "xunshare: cannot keep the uts namespace on '\(dir.path)': Is a directory")
        let empty = try run([Package.xunshare, "--ipc=", "true"])
        #expect(empty.status == 125)
        #expect(empty.stderrLines.first == "xunshare: --ipc= needs a FILE")
    }

    @Test func rootlessInsideAUserNamespaceOfItsOwn() throws {
        try #require(isRoot, "switching to nobody needs root")
        let dir = try TemporaryDirectory()
        let d = dir.path
        // nobody is root in the outer user namespace and may bind-mount there.
        let script = """
            mount -t tmpfs -o mode=0777 t \(d) && touch \(d)/net \(d)/mnt
            \(Package.xunshare) --user --map-root-user --net=\(d)/net --mount=\(d)/mnt readlink /proc/self/ns/net > \(d)/inside || exit 1
            nsenter --net=\(d)/net readlink /proc/self/ns/net | cmp - \(d)/inside && echo same
            umount \(d)/net \(d)/mnt && echo released
            """
        let result = try run(["taskset", "-c", "0"] + rootless(["sh", "-c", script]))
        #expect(result.stdout == "same\nreleased\n", "\(result)")
    }
}
