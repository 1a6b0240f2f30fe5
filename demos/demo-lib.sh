# demo-lib.sh — sourced by every demos/NN-* script; not a demo itself.
#
# It gives each demo the same small vocabulary:
#   say TEXT        a heading for the reader
#   show CMD...     print "$ CMD" and run it (its output goes to the reader)
#   plain CMD...    run a non-x-tool (chroot, mount, unshare…): under --trace,
#                   through strace, so its system calls show like the x-tools'
#   check TEXT CMD  run the test CMD; print "ok: TEXT" or "FAIL: TEXT"
#   has TEXT S      TEXT (captured output) contains the string S
#   has_line TEXT L TEXT has the whole line L
#   finish          exit 1 if any check failed, else 0
#   busybox_root D  build the tiny busybox root of demos/make-busybox-root in D
# and $work, a scratch directory removed on exit (add your own clean-up
# with at_exit 'COMMANDS'; they run newest first, before $work is removed).
#
# Flags every demo takes: --trace (or XNS_TRACE=1 in the environment) shows
# each system call of every link on stderr; -h/--help prints the demo's
# opening comment.
set -eu

demo_dir=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$demo_dir/.." && pwd)
bin=${XNS_BIN:-$repo/.build/release}
for tool in xunshare xnsenter xmountapi xchroot xveth; do
    [ -x "$bin/$tool" ] || { echo "$(basename "$0"): $bin/$tool not found: run 'make build' first (or set XNS_BIN)" >&2; exit 2; }
done
# The x-tools by name, as a reader would type them.
PATH=$bin:$PATH
export PATH

for arg in "$@"; do
    case $arg in
    --trace) XNS_TRACE=1; export XNS_TRACE ;;
    -h | --help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
    esac
done

fails=0
cleanups=''
at_exit() { cleanups="$1
$cleanups"; }
run_cleanups() {
    status=$?
    trap - EXIT HUP INT PIPE TERM
    set +e
    eval "$cleanups"
    rm -rf "$work"
    exit "$status"
}
work=$(mktemp -d /tmp/xns-demo.XXXXXX)
chmod 0755 "$work"
trap run_cleanups EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

say() { printf '\n== %s\n' "$*"; }
# A command as a reader would type it: arguments with spaces or quotes quoted.
quoted() {
    for word in "$@"; do
        case $word in
        '' | *[!A-Za-z0-9_./:=@%+,-]*) printf "'%s' " "$(printf %s "$word" | sed "s/'/'\\\\''/g")" ;;
        *) printf '%s ' "$word" ;;
        esac
    done
}
show() {
    if [ "$1" = plain ]; then shown=$(shift; quoted "$@"); else shown=$(quoted "$@"); fi
    printf '$ %s\n' "$shown"
    "$@" 2>&1
}
check() {
    what=$1
    shift
    if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fails=$((fails + 1)); fi
}
# has_line TEXT LINE: TEXT (captured output, trace lines and all) has LINE.
has_line() { printf '%s\n' "$1" | grep -qxF -- "$2"; }
# has TEXT STRING: TEXT contains STRING.
has() { printf '%s\n' "$1" | grep -qF -- "$2"; }
finish() {
    if [ "$fails" -ne 0 ]; then
        echo
        echo "$(basename "$0"): $fails check(s) failed"
        exit 1
    fi
    echo
    echo "$(basename "$0"): every check passed"
    exit 0
}

# The system calls that matter for isolation, for strace.
traced_calls=execve,unshare,setns,mount,umount2,pivot_root,chroot,sethostname,setuid,setgid,setresuid,setresgid,setgroups,capset,shmget,socketpair,open_tree,move_mount,fsopen,fsmount,mount_setattr
plain() {
    if [ "${XNS_TRACE:-0}" = 1 ] && command -v strace >/dev/null; then
        strace -f -qq -z -e trace="$traced_calls" -e signal=none "$@"
    else
        "$@"
    fi
}

busybox_root() { "$demo_dir/make-busybox-root" "$1"; }
