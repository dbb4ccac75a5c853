// The empty state of a list, shown instead of the table. A wide table with no rows
// would still be a horizontally scrolling box with nothing focusable in it, which
// keyboard users cannot scroll (axe: scrollable-region-focusable).
import type { ReactNode } from 'react';
import { Empty } from 'antd';

export function EmptyPanel({ title, hint }: { title: ReactNode; hint?: ReactNode }) {
  return (
    <div className="empty-panel" role="status" data-testid="list-empty">
      <Empty description={<><strong>{title}</strong>{hint && <><br />{hint}</>}</>} />
    </div>
  );
}
