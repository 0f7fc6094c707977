// Node types contributed by other domains register themselves when their
// module runs (see the EXTENSION POINT note in ./registry.ts). Add one
// side-effect import per domain below, e.g.:
//   import "../../h5p/lesson-node";
import "../../h5p/lesson-node";
