/* OpenBLAS's CBLAS interface (Debian libopenblas-dev; openblas.pc adds the include path). */
#include <cblas.h>

/* Stops OpenBLAS's worker threads (exported by the pthread build, not declared by cblas.h);
   its next threaded call starts them again (exec_blas re-initialises a stopped pool). */
int blas_thread_shutdown_(void);
