import type { ReactNode } from 'react';

/**
 * A wide table scrolls inside its own box, never the page (phones). The box is a labelled,
 * focusable region so keyboard users can scroll it with the arrow keys too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A scrollable region must be focusable to be scrolled without a mouse (WCAG 2.1.1).
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
