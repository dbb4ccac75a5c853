// 公开发布 on a letter's page (/admin/mailbox/letters/:id): once answered, and only when the writer consented, staff
// publish the letter and its answer. Two steps: 脱敏编辑 — the server's proposal with phone and ID numbers, e-mail
// addresses and the writer's name starred, which staff edit further (a village or a unit that points to the writer) —
// and 预览 — the text as the public will read it; then 确认公开. The server refuses text that still holds personal
// details, field by field; the messages appear under the fields and nothing typed is lost (edits are also kept in
// sessionStorage until published, so closing the dialog loses nothing). Afterwards the card shows the SHA-256
// fingerprint and the time, the public page, and 撤回公开.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Steps, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { StatusTag } from '@/modules/common/StatusTag';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { mailboxKeys, publicationApi, usePublicationDraft, type Letter, type PublishInput } from './mailbox-api';

const LIMITS = { title: 100, body: 5000, answer: 3000 } as const;
type Field = keyof typeof LIMITS;
const FIELDS = Object.keys(LIMITS) as Field[];
const storageKey = (id: string) => `mailbox-publication-${id}`;

function kept(id: string): PublishInput | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(storageKey(id)) ?? 'null') as PublishInput | null;
    return v && FIELDS.every((f) => typeof v[f] === 'string') ? v : null;
  } catch {
    return null;
  }
}

export function PublicationCard({ letter }: { letter: Letter }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const P = (k: string, o?: Record<string, unknown>) => String(t(`mailbox.publication.${k}` as never, o as never));
  const pub = letter.publication;
  const live = !!pub && !pub.withdrawnAt;

  const unpublish = () => modal.confirm({
    title: P('unpublishTitle'), content: P('unpublishHelp'), okText: P('unpublish'), cancelText: t('mailbox.forms.cancel'), okButtonProps: { danger: true, 'data-testid': 'publication-unpublish-ok' } as never,
    onOk: async () => {
      try {
        await publicationApi.unpublish(letter.id);
        message.success(P('unpublished'));
        await qc.invalidateQueries({ queryKey: mailboxKeys.all });
      } catch (e) {
        message.error(P('unpublishFailed', { reason: errorText(t, e) }));
        throw e;
      }
    },
  });

  let body;
  if (letter.state !== 'answered') body = <p className="muted" style={{ margin: 0 }}>{P('notYet')}</p>;
  else if (!letter.consentPublish) body = <p className="muted" style={{ margin: 0 }} data-testid="publication-no-consent">{P('noConsent')}</p>;
  else body = (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <span data-testid="publication-state" data-state={live ? 'published' : pub ? 'withdrawn' : 'none'}>
          <StatusTag tone={live ? 'green' : 'grey'}>{P(live ? 'stateLive' : pub ? 'stateWithdrawn' : 'stateNone')}</StatusTag>
        </span>
      </Space>
      {pub ? (
        <Descriptions column={1} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={P('publishedAt')}><span className="mono" data-testid="publication-at">{chinaDateTime(pub.publishedAt, false)}</span></Descriptions.Item>
          {pub.withdrawnAt && <Descriptions.Item label={P('withdrawnAt')}><span className="mono">{chinaDateTime(pub.withdrawnAt, false)}</span></Descriptions.Item>}
          <Descriptions.Item label={P('fingerprint')}>
            <Typography.Text className="mono mailbox-fingerprint" copyable={{ text: pub.fingerprint, tooltips: [P('copy'), P('copied')] }} data-testid="publication-fingerprint">{pub.fingerprint}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : <p className="muted" style={{ marginTop: 0 }}>{P('consented')}</p>}
      {live && <p style={{ margin: '4px 0 0' }}><a href={`/mailbox/letters/${letter.id}`} target="_blank" rel="noopener" data-testid="publication-public-link">{P('openPublic')}</a></p>}
      {letter.canPublish && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button type={live ? 'default' : 'primary'} onClick={() => setOpen(true)} data-testid="publication-open">{P(live ? 'republish' : pub ? 'publishAgain' : 'publish')}</Button>
          {live && <Button danger onClick={unpublish} data-testid="publication-unpublish">{P('unpublish')}</Button>}
        </Space>
      )}
    </>
  );

  return (
    <Card size="small" className="followup-card" title={<h2 className="card-title">{P('title')}</h2>} data-testid="publication-card">
      {body}
      {open && <PublishDialog letter={letter} onClose={() => setOpen(false)} />}
    </Card>
  );
}

function PublishDialog({ letter, onClose }: { letter: Letter; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const draft = usePublicationDraft(letter.id);
  const [form] = Form.useForm<PublishInput>();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const restored = useMemo(() => kept(letter.id), [letter.id]);
  const values = Form.useWatch([], form) as PublishInput | undefined;
  const P = (k: string, o?: Record<string, unknown>) => String(t(`mailbox.publication.${k}` as never, o as never));

  // The proposal (or the edits kept from before) fills the form once it is there.
  const d = draft.data;
  useEffect(() => {
    if (d) form.setFieldsValue(restored ?? { title: d.title, body: d.body, answer: d.answer });
  }, [d, restored, form]);
  const keep = () => sessionStorage.setItem(storageKey(letter.id), JSON.stringify(form.getFieldsValue(FIELDS)));
  const resetToProposal = () => {
    if (!d) return;
    form.setFieldsValue({ title: d.title, body: d.body, answer: d.answer });
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
    sessionStorage.removeItem(storageKey(letter.id));
  };

  const toPreview = async () => {
    try {
      await form.validateFields();
      setFailure(null);
      setStep(1);
    } catch { /* the messages are under the fields */ }
  };
  const publish = async () => {
    const v = form.getFieldsValue(FIELDS);
    setSaving(true);
    setFailure(null);
    try {
      const r = await publicationApi.publish(letter.id, { title: v.title.trim(), body: v.body.trim(), answer: v.answer.trim() });
      sessionStorage.removeItem(storageKey(letter.id));
      message.success(P('published', { at: chinaDateTime(r.publishedAt, false) }));
      onClose();
      await qc.invalidateQueries({ queryKey: mailboxKeys.all });
    } catch (e) {
      // Field by field under the fields (several messages for one field together), back on the editing step.
      const byField = new Map<string, string[]>();
      if (isApiError(e)) for (const err of e.errors) if ((FIELDS as string[]).includes(err.field)) byField.set(err.field, [...(byField.get(err.field) ?? []), err.message]);
      if (byField.size) {
        setStep(0);
        form.setFields([...byField].map(([name, errors]) => ({ name: name as Field, errors })));
        setFailure(P('fixFields'));
      } else {
        setFailure(P('failed', { reason: errorText(t, e) }));
      }
    } finally {
      setSaving(false);
    }
  };

  const footer = step === 0 ? [
    <Button key="cancel" onClick={onClose}>{t('mailbox.forms.cancel')}</Button>,
    <Button key="next" type="primary" disabled={!d} onClick={() => void toPreview()} data-testid="publication-preview">{P('toPreview')}</Button>,
  ] : [
    <Button key="back" onClick={() => setStep(0)} disabled={saving}>{P('backToEdit')}</Button>,
    <Button key="ok" type="primary" loading={saving} onClick={() => void publish()} data-testid="publication-confirm">{P('confirm')}</Button>,
  ];
  const count = (f: Field) => ({ show: true, max: LIMITS[f] });
  const rules = (f: Field) => [
    { required: true, whitespace: true, message: P(`${f}Required`) },
    { max: LIMITS[f], message: P('tooLong', { max: LIMITS[f] }) },
  ];

  return (
    <Modal open title={P('dialogTitle')} width={880} onCancel={onClose} footer={footer} destroyOnHidden maskClosable={false}>
      <Steps size="small" current={step} style={{ margin: '8px 0 16px' }} items={[{ title: P('stepEdit') }, { title: P('stepPreview') }]} />
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="publication-error" role="alert" />}
      {draft.isError ? (
        <Alert type="error" showIcon title={P('draftFailed', { reason: errorText(t, draft.error) })} action={<Button size="small" onClick={() => void draft.refetch()}>{P('retry')}</Button>} />
      ) : !d ? <div style={{ textAlign: 'center', padding: 32 }}><Spin /></div> : null}
      <div hidden={step !== 0 || !d}>
        {d && (
          <Alert type={d.redacted.length ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="publication-redacted"
            title={d.redacted.length ? P('redacted', { items: d.redacted.map((r) => P('redactedItem', { what: r.what, count: r.count })).join('、') }) : P('redactedNone')}
            description={<>
              {P('redactHelp')}{restored && <><br />{P('restored')}</>}
              <div style={{ marginTop: 8 }}><Button size="small" onClick={resetToProposal} data-testid="publication-reset">{P('reset')}</Button></div>
            </>}
          />
        )}
        <Form form={form} layout="vertical" requiredMark onValuesChange={keep} data-testid="publication-form">
          <Form.Item name="title" label={P('fieldTitle')} rules={rules('title')}>
            <Input count={count('title')} data-testid="publication-title" />
          </Form.Item>
          <Form.Item name="body" label={P('fieldBody')} rules={rules('body')}>
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} count={count('body')} data-testid="publication-body" />
          </Form.Item>
          <Form.Item name="answer" label={P('fieldAnswer')} rules={rules('answer')}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} count={count('answer')} data-testid="publication-answer" />
          </Form.Item>
        </Form>
      </div>
      {step === 1 && values && (
        <section aria-label={P('stepPreview')} className="mailbox-preview" data-testid="publication-preview-pane">
          <p className="muted small" style={{ marginTop: 0 }}>{P('previewHelp')}</p>
          <h3 className="mailbox-preview-title" data-testid="publication-preview-title">{values.title?.trim()}</h3>
          <p className="muted small">{letter.mailboxName} · {letter.categoryName}</p>
          <h4>{P('previewBody')}</h4>
          <p className="mailbox-text" data-testid="publication-preview-body">{values.body?.trim()}</p>
          <h4>{P('previewAnswer')}</h4>
          <div className="mailbox-answer"><p className="mailbox-text" data-testid="publication-preview-answer">{values.answer?.trim()}</p></div>
        </section>
      )}
    </Modal>
  );
}
