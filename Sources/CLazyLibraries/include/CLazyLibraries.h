// libmount, libnl-route-3, libblkid and libcap-ng, loaded on first use: see
// LazyLibraries.c.
#pragma once

/// Whether every library loaded on first use can be loaded (0 = yes); for a test.
int xns_lazy_libraries_loadable(void);

/// The tool name the one error line begins with ("xveth"): the tool that runs
/// now, which exec elision or `xns TOOL` may have made another than argv[0].
void xns_lazy_libraries_set_tool_name(const char *name);

/// Loads libcap-ng now (or ends the tool with the one line and 125, as a
/// failed first use does). A tool that changes capabilities after it changes
/// its root or enters a mount namespace calls this first: the library's file
/// is on this side.
void xns_lazy_libraries_load_capng(void);
