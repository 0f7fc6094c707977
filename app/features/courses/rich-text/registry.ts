import type { ReactNode } from "react";
import type { RichNode } from "./types";

/**
 * The allow-list of lesson-body node types, keyed by type. A node whose type
 * is not registered here is dropped with everything inside it, both when a
 * body is saved (sanitize.ts) and when it is rendered (render.tsx).
 *
 * EXTENSION POINT — another domain adds its own node type without touching
 * this folder's internals:
 *
 *   // app/features/h5p/lesson-node.tsx
 *   import { registerNodeRenderer } from "../courses/rich-text/registry";
 *   registerNodeRenderer("h5p", (node) => <H5pFrame contentId={String(node.attrs.contentId)} />, {
 *     leaf: true,
 *     attrs: (raw) => (isUuid(raw.contentId) ? { contentId: raw.contentId } : null),
 *   });
 *
 * then adds one side-effect import line to ./plugins.ts (so the module runs
 * before any lesson is saved or rendered), and its tiptap node to the editor
 * through `registerEditorExtension` in ./editor-extensions.ts.
 * `renderRichText(doc, { renderers })` also takes extra renderers per call,
 * and every renderer receives `ctx.lessonId` on the lesson page.
 */

export interface RenderContext {
  /** Translates a key of the `courses` namespace (labels such as "Conseil"). */
  t: (key: string, values?: Record<string, unknown>) => string;
  /** The node's children, already passed through the allow-list. */
  children: () => ReactNode[];
  key: string | number;
  /** The lesson being shown, when there is one (activities credit their results to it). */
  lessonId?: string;
}

/** A node as a renderer sees it: `attrs` holds only what the spec's `attrs` check kept. */
export interface CleanNode extends RichNode {
  attrs: Record<string, unknown>;
}

export type NodeRenderer = (node: CleanNode, ctx: RenderContext) => ReactNode;

export interface NodeSpec {
  render: NodeRenderer;
  /**
   * Checks the raw attributes one by one and returns those to keep, or null
   * to drop the node. Without it, no attribute is kept.
   */
  attrs?: (raw: Record<string, unknown>) => Record<string, unknown> | null;
  /** Leaf nodes (images, embeds) keep no children. */
  leaf?: boolean;
  /** Text-only containers (code blocks) keep only plain text children, without marks. */
  textOnly?: boolean;
}

const specs = new Map<string, NodeSpec>();

export function registerNodeRenderer(type: string, render: NodeRenderer, options: Omit<NodeSpec, "render"> = {}) {
  if (!/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/.test(type) || type === "text") throw new Error(`invalid node type: ${type}`);
  specs.set(type, { ...options, render });
}

export function nodeSpec(type: unknown, extra?: Record<string, NodeSpec>): NodeSpec | undefined {
  if (typeof type !== "string") return undefined;
  if (extra && Object.hasOwn(extra, type)) return extra[type];
  return specs.get(type);
}

export function registeredNodeTypes() {
  return [...specs.keys()];
}
