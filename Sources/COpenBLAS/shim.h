/* OpenBLAS's CBLAS interface (Debian libopenblas-dev; openblas.pc adds the include path). */
#include <cblas.h>
