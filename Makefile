# xns — build, test, demo, docs, install.
#
#   make demo      set up a fresh Debian 12 machine (as root), run an isolated
#                  shell in a tiny busybox root built on the spot, then two
#                  isolated shells wired by a veth pair that ping and talk TCP
#   make demos     run every teaching demo of demos/NN-* (as root; each
#                  exits non-zero if what it shows is not true)
#   make test      set up, build, and run the whole test suite, then the boot test
#   make boot-test boot Debian's cloud kernel under qemu with an initramfs whose
#                  /init mounts and switch_roots with x-tools alone (Tests/Boot)
#   make stress    the whole test suite with the long runs of the reliability
#                  suite: 10 000 random command lines per tool (XNS_FUZZ_SEED=N
#                  repeats a run; make test tries a few hundred)
#   make docs      regenerate man/ and completions/ from the tools
#   make bench     measure xns against util-linux, coreutils, iproute2, bubblewrap and
#                  systemd-nspawn in one run; writes BENCHMARKS.md
#   make install   install binaries, man pages and completions under PREFIX
SHELL := /bin/bash
PREFIX ?= /usr/local
DESTDIR ?=
export PATH := /opt/swift/usr/bin:$(PATH)

TOOLS := xunshare xnsenter xmountapi xchroot xveth
# The classic names the same binary answers to as a drop-in (xns-compat(7)):
# the build puts their links in $(RELEASE)/compat, `make install-compat`
# under $(COMPAT_DIR).
CLASSIC := unshare nsenter chroot switch_root pivot_root
COMPAT_DIR ?= $(PREFIX)/lib/xns/compat
# Debian packages the build, the tests and the demo need (zsh and fish: the
# completion scripts are checked in the shells they are for).
APT_PACKAGES := pkg-config libmount-dev libblkid-dev libcap-ng-dev libnl-route-3-dev libstdc++-12-dev patchelf busybox-static uidmap util-linux e2fsprogs \
	iproute2 iputils-ping mandoc zsh fish $(DEMO_PACKAGES) $(BOOT_PACKAGES)
# What the teaching demos (demos/NN-*) use besides busybox: a C compiler for
# the chroot escape, strace for --trace of the non-x links, perl and binutils.
DEMO_PACKAGES := gcc libc6-dev strace perl binutils procps

# The boot tests: qemu and cpio (Tests/Boot, demo 09 --qemu), debootstrap for
# the Debian tree SystemdBootTests and demo 06 boot (demos/make-debian-tree).
BOOT_PACKAGES := qemu-system-x86 cpio debootstrap

RELEASE := .build/release
# Release builds carry the Swift runtime inside the binary: the tools must run
# in a root that has glibc but no Swift. They carry libstdc++ too (the Swift
# runtime needs it): loading it costs every start of a tool, as its 4,300
# symbol relocations are three quarters of the start-up work of a Swift
# program that does nothing. libmount, libnl and libcap-ng stay shared, and
# are loaded only by the tools that call them (below). No $ORIGIN in the run
# path: the loader would search the binary's directory for every library
# first.
STATIC_LIBS := .build-static-libs
# The link, for the loader's sake (each flag measured by benchmarks/startup.py):
#  - lld with packed relative relocations (DT_RELR, glibc 2.36 and later:
#    the binary says so in a version need): the 17,000 pointers in Swift's
#    metadata are relocated from a 3 KB bitmap instead of a 400 KB table;
#  - no --export-dynamic (swiftc's default): nothing looks symbols up in the
#    executable, and the Swift runtime's dladdr at start-up (finding its
#    backtracer) scans every exported symbol;
#  - libgcc's unwinder linked in (the static libstdc++ is its only user):
#    one shared library less to map and relocate.
RELEASE_LINK := -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic \
	-Xswiftc -Xclang-linker -Xswiftc -static-libgcc
RELEASE_FLAGS := -c release --static-swift-stdlib --disable-local-rpath -Xlinker -L$(abspath $(STATIC_LIBS)) $(RELEASE_LINK)
# libmount, libnl and libcap-ng are loaded on first use (Sources/CLazyLibraries):
# the binary references none of their symbols, but SwiftPM puts pkg-config's -l
# options where no --as-needed reaches them, so their DT_NEEDED entries are
# taken out after the link (the check refuses a binary that still needs them).
LAZY_LIBRARIES := libmount.so.1 libnl-route-3.so.200 libnl-3.so.200 libcap-ng.so.0

# What `make bench` measures against.
BENCH_PACKAGES := hyperfine bubblewrap systemd-container busybox-static python3 iproute2 time valgrind

.PHONY: all deps static-libs build test boot-test stress docs check-docs demo demos bench install install-compat clean

all: build

deps:
	@missing=$$(for p in $(APT_PACKAGES) $(EXTRA_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# The five tools are one multicall binary, xns; each tool is a hard link to
# it (one inode: see ExecElision in Sources/XCore).
build: deps static-libs
	swift build $(RELEASE_FLAGS)
	@if nm -u $(RELEASE)/xns | grep -E ' (mnt_|nl_|rtnl_|blkid_|capng_)' | grep -v ' nl_langinfo$$'; then \
		echo "xns references libmount, libnl or libcap-ng directly: add the functions to Sources/CLazyLibraries/LazySymbols.def"; exit 1; fi
	@if nm $(RELEASE)/xns | grep -q '_GLOBAL__sub_I_CommandLine.cpp'; then \
		echo "the Swift runtime's argv scan (CommandLine.cpp) is linked again: see _swift_stdlib_getUnsafeArgvArgc in Sources/CLinux/CLinux.c"; exit 1; fi
	patchelf $(addprefix --remove-needed ,$(LAZY_LIBRARIES)) $(RELEASE)/xns
	for t in $(TOOLS); do ln -f $(RELEASE)/xns $(RELEASE)/$$t; done
	mkdir -p $(RELEASE)/compat
	for t in $(CLASSIC); do ln -f $(RELEASE)/xns $(RELEASE)/compat/$$t; done

# libstdc++: swiftc itself adds `-lstdc++`, before any flag of ours; a linker
# script named libstdc++.so in a directory searched before gcc's own makes
# that link the archive.
static-libs:
	@mkdir -p $(STATIC_LIBS)
	@archive=$$(gcc -print-file-name=libstdc++.a); \
	[ -f "$$archive" ] || { echo "libstdc++.a not found (install libstdc++-12-dev)"; exit 1; }; \
	echo "INPUT($$archive)" > $(STATIC_LIBS)/libstdc++.so

test: build
	XNS_BIN=$(abspath $(RELEASE)) swift test
	XNS_BIN=$(abspath $(RELEASE)) Tests/Boot/boot-test

boot-test: build
	XNS_BIN=$(abspath $(RELEASE)) Tests/Boot/boot-test

stress: build
	XNS_BIN=$(abspath $(RELEASE)) XNS_FUZZ_CASES=10000 swift test

docs: build
	$(RELEASE)/xns-docgen --man-dir man --completions-dir completions $(TOOLS) xns-compat

check-docs: build
	$(RELEASE)/xns-docgen --check --man-dir man --completions-dir completions $(TOOLS) xns-compat

demo: build
	XNS_BIN=$(abspath $(RELEASE)) demos/isolated-shell
	XNS_BIN=$(abspath $(RELEASE)) demos/two-hosts

demos: build
	@set -e; for d in demos/[0-9][0-9]-*; do \
		echo "### $$d"; XNS_BIN=$(abspath $(RELEASE)) $$d; \
	done

bench:
	$(MAKE) build EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	XNS_BIN=$(abspath $(RELEASE)) BENCH_QUICK=$(BENCH_QUICK) BENCH_RUNS=$(BENCH_RUNS) benchmarks/run

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/vendor-completions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	# Stripped: the symbols are half the file (it goes into initramfs images).
	install -m 0755 -s $(RELEASE)/xns $(DESTDIR)$(PREFIX)/bin/xns
	for t in $(TOOLS); do \
		ln -f $(DESTDIR)$(PREFIX)/bin/xns $(DESTDIR)$(PREFIX)/bin/$$t; \
		install -m 0644 man/$$t.1 $(DESTDIR)$(PREFIX)/share/man/man1/$$t.1; \
		install -m 0644 completions/$$t.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$t; \
		install -m 0644 completions/$$t.zsh $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_$$t; \
		install -m 0644 completions/$$t.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$t.fish; \
	done

# The classic names as links to the installed xns, in a directory of their
# own: put it first in PATH (or copy the links into an initramfs) to replace
# util-linux's unshare, nsenter, switch_root, pivot_root and coreutils'
# chroot. COMPAT_DIR=/usr/local/sbin puts them in PATH directly.
install-compat: install
	install -d $(DESTDIR)$(COMPAT_DIR) $(DESTDIR)$(PREFIX)/share/man/man7
	for t in $(CLASSIC); do \
		ln -f $(DESTDIR)$(PREFIX)/bin/xns $(DESTDIR)$(COMPAT_DIR)/$$t 2>/dev/null || \
		ln -sf $(PREFIX)/bin/xns $(DESTDIR)$(COMPAT_DIR)/$$t; \
	done
	install -m 0644 man/xns-compat.7 $(DESTDIR)$(PREFIX)/share/man/man7/xns-compat.7

clean:
	rm -rf .build
