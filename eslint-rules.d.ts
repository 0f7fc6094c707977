// Types for eslint-rules.js, which the lint test imports.
import type { ESLint } from "eslint";

export function isQueryModule(file: string): boolean;
declare const plugin: ESLint.Plugin;
export default plugin;
