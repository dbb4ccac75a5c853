// 通讯录 (issue 9, item 1): who the province talks to by SMS — 党内职务, 村干部名册, 联系人分组 — with 已退订 shown
// wherever a person is listed or chosen. The tab is kept in the URL (?tab=) so that a reload stays on it.
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { PageHeader } from '@/modules/common/PageHeader';
import { GroupsTab } from '@/modules/contacts/GroupsTab';
import { OfficialsTab } from '@/modules/contacts/OfficialsTab';
import { PositionsTab } from '@/modules/contacts/PositionsTab';

const TABS = ['positions', 'officials', 'groups'] as const;
type Tab = (typeof TABS)[number];

export function ContactsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canWrite = hasPerm(me, 'contact.write');
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'positions';
  return (
    <>
      <PageHeader title={t('contacts.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'positions', label: t('contacts.tabs.positions'), children: <PositionsTab canWrite={canWrite} /> },
          { key: 'officials', label: t('contacts.tabs.officials'), children: <OfficialsTab canWrite={canWrite} /> },
          { key: 'groups', label: t('contacts.tabs.groups'), children: <GroupsTab canWrite={canWrite} /> },
        ]}
      />
    </>
  );
}
