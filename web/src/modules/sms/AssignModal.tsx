// 指派: province staff say who an unknown sender is — a member or a village official found by name (the contacts
// module's people search, within the account's scope) — and confirm. The server assigns every unmatched message of
// the number and matches its later messages to the same person (docs/sms.md).
import { useState } from 'react';
import { Alert, App, Form, Modal, Select, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import { errorText } from '@/modules/common/errors';
import { StatusTag } from '@/modules/common/StatusTag';
import { useDebounced } from '@/modules/common/useDebounced';
import { smsApi, smsKeys } from './sms-api';

export function AssignModal({ inboundId, phone, onClose }: { inboundId: string; phone: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim());
  const [chosen, setChosen] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const people = useQuery({
    queryKey: ['contacts', 'people', 'sms-assign', q],
    enabled: q.length > 0,
    queryFn: ({ signal }) => ok(api.GET('/api/contacts/people', { params: { query: { q, limit: 20 } }, signal })),
  });
  const items = people.data?.items ?? [];

  const confirm = async () => {
    if (!chosen) { setProblem(t('sms.assign.personRequired')); return; }
    const [kind, id] = chosen.split(':') as ['member' | 'official', string];
    setBusy(true);
    setProblem(null);
    try {
      const r = await smsApi.assign(inboundId, kind === 'member' ? { memberId: id } : { officialId: id });
      message.success(t('sms.assign.done', { name: r.personName, count: r.assigned }));
      await queryClient.invalidateQueries({ queryKey: smsKeys.all });
      onClose();
    } catch (e) {
      setProblem(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('sms.assign.title')}
      okText={t('sms.assign.ok')}
      cancelText={t('sms.assign.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'assign-ok' } as { loading: boolean } & Record<`data-${string}`, string>}
      onOk={() => void confirm()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t('sms.assign.intro', { phone })}</p>
      <Alert type="info" showIcon title={t('sms.assign.rules')} className="sms-assign-rules" />
      <Form layout="vertical" name="sms-assign">
        <Form.Item label={t('sms.assign.person')} htmlFor="sms-assign-person" required validateStatus={problem && !chosen ? 'error' : undefined}>
          <Select<string>
            id="sms-assign-person"
            showSearch={{ searchValue: input, onSearch: setInput, filterOption: false }}
            value={chosen}
            onChange={(v) => { setChosen(v); setProblem(null); }}
            placeholder={t('sms.assign.personPlaceholder')}
            loading={people.isFetching}
            notFoundContent={!q ? t('sms.assign.typeToSearch') : people.isFetching ? null : t('sms.assign.noMatch')}
            options={items.map((p) => ({
              value: `${p.kind}:${p.id}`,
              label: (
                <Space size={4} wrap data-testid="assign-option">
                  <strong>{p.name}</strong>
                  <StatusTag tone={p.kind === 'official' ? 'blue' : 'grey'}>{t(`sms.inbox.kinds.${p.kind}`)}</StatusTag>
                  <span>{p.orgName}</span>
                  {p.phone && <span className="mono">{p.phone}</span>}
                  {p.optedOut && <StatusTag tone="red">{t('sms.assign.optedOut')}</StatusTag>}
                </Space>
              ),
            }))}
            aria-label={t('sms.assign.person')}
            data-testid="assign-person"
            // Inside the dialog (its landmark), not at the end of the page.
            getPopupContainer={(trigger: HTMLElement) => trigger.parentElement ?? document.body}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} role="alert" data-testid="assign-error" />}
    </Modal>
  );
}
