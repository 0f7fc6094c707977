import type { ReactNode } from "react";

/**
 * A data table on a narrow screen scrolls sideways inside its own box, never
 * the page: WCAG 1.4.10 lets a data table keep its two dimensions, the rest
 * of the page must reflow at 320 CSS px. Focusable, so that the keyboard can
 * scroll it, and named, so that a screen reader says what that stop is; a
 * group rather than a region, so that two tables of a page need no distinct
 * landmark names.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
