/* oneDNN's C API (Debian libdnnl-dev, oneDNN 2.x, built on OpenMP). */
#include <dnnl.h>

/* libgomp's thread count (omp.h is the compiler's, not on the importer's path). */
void omp_set_num_threads(int count);

/* Macros Swift cannot import. */
static inline void *gpath_dnnl_allocate(void) { return DNNL_MEMORY_ALLOCATE; }
static inline int gpath_dnnl_arg_src(void) { return DNNL_ARG_SRC; }
static inline int gpath_dnnl_arg_dst(void) { return DNNL_ARG_DST; }
static inline int gpath_dnnl_arg_from(void) { return DNNL_ARG_FROM; }
static inline int gpath_dnnl_arg_to(void) { return DNNL_ARG_TO; }
static inline int gpath_dnnl_arg_weights(void) { return DNNL_ARG_WEIGHTS; }
static inline int gpath_dnnl_arg_diff_src(void) { return DNNL_ARG_DIFF_SRC; }
static inline int gpath_dnnl_arg_diff_dst(void) { return DNNL_ARG_DIFF_DST; }
static inline int gpath_dnnl_arg_diff_weights(void) { return DNNL_ARG_DIFF_WEIGHTS; }
