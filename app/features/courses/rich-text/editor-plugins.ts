// Editor nodes and toolbar panels contributed by other domains (see
// ./editor-extensions.ts): one side-effect import per domain, e.g.
//   import "../../h5p/editor-node";
import "../../h5p/editor-node";
import "../../h5p/components/editor-picker";
