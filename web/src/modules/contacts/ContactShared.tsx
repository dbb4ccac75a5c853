// Pieces every 通讯录 tab uses: the 已退订 tag, the person picker (members and officials of the scope, with their
// opt-out shown while choosing), the set/clear opt-out dialog with its reason, and how a failed save is shown.
import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { errorText } from '@/modules/common/errors';
import { StatusTag } from '@/modules/common/StatusTag';
import { useDebounced } from '@/modules/common/useDebounced';
import { contactKeys, contactsApi, type Person } from './contacts-api';

export function OptOutTag({ optedOut }: { optedOut: boolean }) {
  const { t } = useTranslation();
  return optedOut ? <StatusTag tone="red">{t('contacts.optedOut')}</StatusTag> : null;
}

/** Searches members (and officials) of the caller's scope by name; each option says whether the person opted out. */
export function PersonSelect({ value, onChange, kind, initialLabel, id }: { value?: string; onChange?: (v: string | undefined, p?: Person) => void; kind?: 'member' | 'official'; initialLabel?: string; id?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [options, setOptions] = useState<Person[]>([]);
  useEffect(() => {
    let live = true;
    if (!q) return;
    contactsApi.people(q, kind).then((r) => { if (live) setOptions(r.items); }).catch(() => { if (live) setOptions([]); });
    return () => { live = false; };
  }, [q, kind]);
  const key = (p: Person) => (kind ? p.id : `${p.kind}:${p.id}`);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      placeholder={t('contacts.group.personPlaceholder')}
      aria-label={t('contacts.group.person')}
      notFoundContent={null}
      onChange={(v?: string) => onChange?.(v, options.find((p) => key(p) === v))}
      options={[
        ...(value && initialLabel && !options.some((p) => key(p) === value) ? [{ value, label: initialLabel }] : []),
        ...options.map((p) => ({
          value: key(p),
          label: (
            <Space size={4} wrap>
              <span>{p.name}</span>
              {!kind && <Typography.Text type="secondary">{t(`contacts.kind.${p.kind}`)}</Typography.Text>}
              <Typography.Text type="secondary">{p.orgName}</Typography.Text>
              {p.phone && <span className="mono small">{p.phone}</span>}
              <OptOutTag optedOut={p.optedOut} />
            </Space>
          ),
        })),
      ]}
    />
  );
}

export interface OptOutTarget { kind: 'member' | 'official' | 'contact'; id: string; name: string; optedOut: boolean }

/** 设为退订 / 取消退订 with the reason the audit log keeps. */
export function OptOutModal({ target, onClose }: { target: OptOutTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { if (target) { form.resetFields(); setError(null); } }, [target, form]);
  const submit = async ({ reason }: { reason: string }) => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const r = await contactsApi.setOptOut({ kind: target.kind, id: target.id, optedOut: !target.optedOut, reason: reason.trim() });
      message.success(!r.changed ? t('contacts.optOut.unchanged') : r.optedOut ? t('contacts.optOut.done') : t('contacts.optOut.cleared'));
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
      onClose();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!target}
      title={target && t(target.optedOut ? 'contacts.optOut.clearTitle' : 'contacts.optOut.setTitle', { name: target.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, danger: !target?.optedOut }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('contacts.optOut.note')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form form={form} layout="vertical" onFinish={submit} name="optout-form">
        <Form.Item name="reason" label={t('contacts.optOut.reason')} rules={[{ required: true, whitespace: true, message: t('contacts.optOut.reasonRequired') }, { max: 200, message: t('contacts.validation.maxLength', { label: t('contacts.optOut.reason'), max: 200 }) }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('contacts.optOut.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Field errors of a refused save go under their fields; anything else is returned for the form's alert. */
export function applyError<T>(form: FormInstance<T>, fields: readonly string[], e: unknown, t: (k: 'common.conflict') => string, text: (e: unknown) => string): string | null {
  if (isApiError(e) && e.errors.length) {
    const hits = e.errors.filter((x) => fields.includes(x.field)).map((x) => ({ name: x.field as never, errors: [x.message] }));
    if (hits.length) {
      form.setFields(hits);
      return null;
    }
  }
  if (isApiError(e) && e.status === 409 && e.code === 'conflict.version') return t('common.conflict');
  return text(e);
}
