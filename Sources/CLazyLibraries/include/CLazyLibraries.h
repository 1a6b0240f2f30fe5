// libmount and libnl-route-3, loaded on first use: see LazyLibraries.c.
#pragma once

/// Whether the library the tool needs can be loaded (0 = yes); for a test.
int xns_lazy_libraries_loadable(void);
