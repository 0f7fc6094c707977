import { z } from "zod";

/**
 * A multi-valued form field (ticked boxes) whose values must all be in a
 * fixed list (a national one where it exists). Any other value gets
 * `notInListKey` on the field itself; duplicates are dropped.
 */
export function manyOf<T extends string>(
  values: readonly T[],
  notInListKey: string,
  { min = 0, minKey = notInListKey, max = values.length, maxKey = notInListKey }: { min?: number; minKey?: string; max?: number; maxKey?: string } = {},
) {
  // Nothing ticked arrives as undefined, one box as a string: both become arrays.
  return z
    .preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()))
    .superRefine((items, ctx) => {
      if (items.some((v) => !(values as readonly string[]).includes(v))) ctx.addIssue({ code: "custom", message: notInListKey });
      else if (new Set(items).size < min) ctx.addIssue({ code: "custom", message: minKey });
      else if (new Set(items).size > max) ctx.addIssue({ code: "custom", message: maxKey });
    })
    .transform((items) => [...new Set(items)] as T[]);
}
