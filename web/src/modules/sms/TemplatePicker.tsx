// 从模板选择 on the compose page: a searchable list of the caller's templates (their organization's and those above it);
// choosing one fills the text, after asking when something else is already typed.
import { useState } from 'react';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '@/modules/common/useDebounced';
import { useTemplatePick, type SmsTemplate } from './sms-templates-api';

export function TemplatePicker({ onPick }: { onPick: (tpl: SmsTemplate) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const list = useTemplatePick(q, opened);
  const items = list.data?.items ?? [];
  return (
    <Select<string>
      className="sms-template-picker"
      value={null}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      onOpenChange={(o) => { setOpened(o); if (!o) setTyped(''); }}
      loading={list.isFetching}
      placeholder={t('sms.templates.pickPlaceholder')}
      aria-label={t('sms.templates.pick')}
      notFoundContent={list.isFetching ? null : t('sms.templates.pickEmpty')}
      popupMatchSelectWidth={false}
      classNames={{ popup: { root: 'sms-template-popup' } }}
      onChange={(id) => { const tpl = items.find((x) => x.id === id); if (tpl) onPick(tpl); }}
      options={items.map((x) => ({
        value: x.id,
        'data-testid': 'sms-template-option',
        label: (
          <div className="sms-template-option">
            <div><strong>{x.name}</strong> <Typography.Text type="secondary">{x.orgName}</Typography.Text></div>
            <div className="sms-template-option-text">{x.text}</div>
          </div>
        ),
      }))}
      data-testid="sms-template-pick"
    />
  );
}
