/* CGraphviz: libgvc + libcgraph (Debian libgraphviz-dev) for GPathRender.
   See docs/spec/toolchain.md §1 and Sources/GPathRender/README.md. */
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
/* Swift 6: C globals such as Agdirected are "shared mutable state"; wrap them */
static inline Agdesc_t gpath_Agdirected(void) { return Agdirected; }
