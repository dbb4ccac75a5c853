// What the list and the item page show the same way: the state with the 已逾期 / 已升级督办 flags, and the due date
// with its working days left or overdue (overdue in red).
import { useTranslation } from 'react-i18next';
import { Space } from 'antd';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import type { FollowupRow, FollowupState } from './followups-api';

export const STATE_TONE: Record<FollowupState, Tone> = { open: 'blue', resolved: 'green', explained: 'gold' };

export function StateTags({ row }: { row: Pick<FollowupRow, 'state' | 'overdue' | 'escalatedLevel' | 'escalatedOrgName'> }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      <StatusTag tone={STATE_TONE[row.state]}>{t(`followups.states.${row.state}`)}</StatusTag>
      {row.overdue && <StatusTag tone="red">{t('followups.list.overdue')}</StatusTag>}
      {row.escalatedLevel > 0 && (
        <span title={row.escalatedOrgName ? t('followups.escalatedTo', { org: row.escalatedOrgName }) : undefined}>
          <StatusTag tone="red">{t('followups.escalated')}</StatusTag>
        </span>
      )}
    </Space>
  );
}

/** 剩余N个工作日 / 今日到期 / 已逾期N个工作日 (red); nothing once closed. */
export function DaysLeft({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null) return null;
  if (days < 0) return <span className="followup-overdue">{t('followups.daysOverdue', { count: -days })}</span>;
  if (days === 0) return <span className="followup-due-today">{t('followups.dueToday')}</span>;
  return <span className="muted">{t('followups.daysLeft', { count: days })}</span>;
}

export function DueCell({ row }: { row: Pick<FollowupRow, 'dueOn' | 'workingDaysLeft'> }) {
  return (
    <span className="followup-due">
      <span className="mono">{row.dueOn}</span>
      <DaysLeft days={row.workingDaysLeft} />
    </span>
  );
}
