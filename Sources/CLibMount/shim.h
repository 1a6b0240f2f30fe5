#include <libmount/libmount.h>
// libblkid (which libmount links): block devices by LABEL= or UUID=, and their file system type.
#include <blkid/blkid.h>
