// A wide table on a narrow screen scrolls sideways inside this box, which keyboard users can focus and scroll
// (axe: scrollable-region-focusable; antd's own scroll box is not focusable and these rows hold no buttons).
import type { ReactNode } from 'react';

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}
