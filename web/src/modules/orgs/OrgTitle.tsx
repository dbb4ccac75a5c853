// How an organization reads in trees and lists: name, then a muted type and, for
// dissolved ones, a tag.
import { useTranslation } from 'react-i18next';
import type { OrgSummary } from '@/api/types';
import { enumLabel } from '@/i18n/enums';
import { StatusTag } from '@/modules/common/StatusTag';

export function OrgTitle({ org, showCount = false }: { org: OrgSummary; showCount?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={org.status === 'inactive' ? 'org-title org-inactive' : 'org-title'}>
      {org.name}
      {showCount && <span className="org-count">{t('common.withNote', { main: '', note: org.memberCount })}</span>}
      {org.status === 'inactive' && <StatusTag tone="grey">{enumLabel(t, 'orgStatus', org.status)}</StatusTag>}
    </span>
  );
}
