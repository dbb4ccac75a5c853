// 变更记录: who changed what and when, newest first, as the server lists it.
import { Empty, Spin, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberHistoryItem } from '@/api/types';
import { dynLabel, enumLabel, type EnumGroup } from '@/i18n/enums';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { fmtDateTime } from '@/modules/common/format';
import { useMemberHistory } from './members-api';

// Fields whose values are enumeration codes, shown as words.
const ENUM_FIELDS: Record<string, EnumGroup> = {
  gender: 'gender', category: 'category', standing: 'standing', education: 'education', idType: 'idType',
  migrant: 'yesNo', lostContact: 'yesNo',
};

export function MemberHistory({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const history = useMemberHistory(memberId, true);
  if (history.isPending) return <div className="page-fallback" role="status"><Spin /></div>;
  if (history.isError) return <ErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.items.length === 0) return <Empty description={t('members.historyEmpty')} />;

  const fieldLabel = (f: string) => dynLabel(t, `members.fields.${f}`, f);
  const actionLabel = (a: string) => {
    const short = a.includes('.') ? a.slice(a.lastIndexOf('.') + 1) : a;
    return dynLabel(t, `members.historyActions.${short}`, a);
  };
  const show = (field: string, v: unknown) => {
    if (v === null || v === undefined || v === '') return '—';
    const group = ENUM_FIELDS[field];
    return group ? enumLabel(t, group, String(v)) : String(v);
  };

  return (
    <Timeline
      items={history.data.items.map((h: MemberHistoryItem) => ({
        key: h.id,
        title: fmtDateTime(h.at),
        content: (
          <div className="history-item">
            <div className="history-head">{t('members.historyBy', { actor: h.actorName, action: actionLabel(h.action) })}</div>
            {h.changes.length > 0 && (
              <ul className="history-changes">
                {h.changes.map((c) => (
                  <li key={c.field}>
                    {t('members.historyChange', { field: fieldLabel(c.field), from: show(c.field, c.from), to: show(c.field, c.to) })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ),
      }))}
    />
  );
}
