// libmount and libnl-route-3, loaded on first use: see LazyLibraries.c.
#pragma once

/// Whether the library the tool needs can be loaded (0 = yes); for a test.
int xns_lazy_libraries_loadable(void);

/// The tool name the one error line begins with ("xveth"): the tool that runs
/// now, which exec elision or `xns TOOL` may have made another than argv[0].
void xns_lazy_libraries_set_tool_name(const char *name);
