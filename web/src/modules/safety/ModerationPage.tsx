// 内容审核: public text held for moderation in the moderator's subtree, with why it was held; 通过 after a confirmation,
// 不予通过 with a required reason. The module that submitted the text is called back by the server, which audits both.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Segmented, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { currentLang } from '@/i18n';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { safetyApi, safetyKeys, useModeration, type ModerationItem, type ModerationState } from './safety-api';

const STATES: readonly ModerationState[] = ['held', 'approved', 'rejected'];
const FIELD_NAMES = ['title', 'body', 'text', 'name'] as const;

export function ModerationPage(_: { me: Me }) {
  const { t } = useTranslation();
  const [state, setState] = useState<ModerationState>('held');
  const [orgId, setOrgId] = useState('');
  const [rejecting, setRejecting] = useState<ModerationItem | null>(null);
  const list = useModeration(state, orgId);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t('safety.moderation.title')} />
      <Typography.Paragraph type="secondary">{t('safety.moderation.intro')}</Typography.Paragraph>
      <Card size="small" className="filter-card">
        <Space wrap size="middle">
          <Segmented<ModerationState> value={state} onChange={setState} aria-label={t('safety.moderation.fields.decision')}
            options={STATES.map((s) => ({ value: s, label: t(`safety.moderation.states.${s}`) }))} data-testid="moderation-state" />
          <Space>
            <label htmlFor="moderation-org">{t('safety.moderation.org')}</label>
            <OrgPicker id="moderation-org" allowClear value={orgId || undefined} onChange={(v) => setOrgId((v as string | undefined) ?? '')}
              placeholder={t('safety.moderation.orgPlaceholder')} style={{ minWidth: 220 }} />
          </Space>
        </Space>
      </Card>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        : !list.isPending && rows.length === 0 ? (
          <EmptyPanel title={state === 'held' ? t('safety.moderation.emptyHeld') : t('safety.moderation.emptyDone')} hint={state === 'held' ? t('safety.moderation.emptyHeldHint') : undefined} />
        ) : (
          <>
            <div className="moderation-list" role="list" aria-label={t(`safety.moderation.states.${state}`)}>
              {rows.map((r) => <ItemCard key={r.id} item={r} onReject={() => setRejecting(r)} />)}
            </div>
            <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
          </>
        )}
      <RejectModal item={rejecting} onClose={() => setRejecting(null)} />
    </>
  );
}

function ItemCard({ item: r, onReject }: { item: ModerationItem; onReject: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const M = (k: keyof typeof import('@/i18n/sections/safety.zh-CN').safetyZh.moderation.fields) => t(`safety.moderation.fields.${k}`);
  const fieldName = (f?: string) => (f && (FIELD_NAMES as readonly string[]).includes(f) ? t(`safety.moderation.fieldNames.${f as (typeof FIELD_NAMES)[number]}`) : f);
  const reasonText = (x: ModerationItem['reasons'][number]) => {
    const base = t(`safety.moderation.reasons.${x.type}`, { word: x.word ?? '', note: x.note ?? '' });
    return x.field ? `${base}（${fieldName(x.field)}）` : base;
  };
  const approve = async () => {
    try {
      await safetyApi.approve(r.id);
      message.success(t('safety.moderation.approved'));
    } catch (e) {
      message.error(errorText(t, e));
    }
    await queryClient.invalidateQueries({ queryKey: safetyKeys.moderation });
  };
  const words = r.reasons.filter((x) => x.type === 'sensitive_word' && x.word).map((x) => x.word!);
  return (
    <Card size="small" role="listitem" className="moderation-card" data-testid="moderation-row" style={{ marginBottom: 12 }}
      title={<Space wrap size={8}><StatusTag tone="blue">{currentLang() === 'en' ? r.kindLabel.en : r.kindLabel.zh}</StatusTag><span>{r.orgName}</span></Space>}
      extra={<span className="mono small muted">{chinaDateTime(r.submittedAt, false)}</span>}>
      <p className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap', margin: '0 0 8px' }} aria-label={M('excerpt')}>{marked(r.excerpt, words)}</p>
      {r.reasons.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <span className="muted small">{M('reasons')}：</span>
          <Space size={[4, 4]} wrap>{r.reasons.map((x, i) => <StatusTag key={i} tone="red">{reasonText(x)}</StatusTag>)}</Space>
        </div>
      )}
      {r.state !== 'held' && (
        <div className="small" data-testid="moderation-decision">
          <StatusTag tone={r.state === 'approved' ? 'green' : 'grey'}>{t(`safety.moderation.states.${r.state}`)}</StatusTag>
          <span className="muted">{t('safety.moderation.decidedBy', { name: r.decidedBy ?? '—', at: chinaDateTime(r.decidedAt, false) })}</span>
          {r.decisionReason && <div>{r.decisionReason}</div>}
        </div>
      )}
      <Space wrap>
        {r.state === 'held' && (
          <>
            <Popconfirm title={t('safety.moderation.approveConfirm')} onConfirm={approve} okText={t('safety.moderation.approve')} cancelText={t('safety.words.cancel')}>
              <Button type="primary" size="small" data-testid="moderation-approve">{t('safety.moderation.approve')}</Button>
            </Popconfirm>
            <Button danger size="small" onClick={onReject} data-testid="moderation-reject">{t('safety.moderation.reject')}</Button>
          </>
        )}
        {r.link && <Link to={r.link}>{t('safety.moderation.open')}</Link>}
      </Space>
    </Card>
  );
}

/** The excerpt with each listed word marked where it appears as written (the server's matching is fuller). */
function marked(text: string, words: readonly string[]) {
  const found = words.filter((w) => w && text.includes(w));
  if (!found.length) return text;
  const re = new RegExp(`(${found.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return text.split(re).map((part, i) => (i % 2 ? <mark key={i}>{part}</mark> : part));
}

function RejectModal({ item, onClose }: { item: ModerationItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { reason: string }) => {
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      await safetyApi.reject(item.id, v.reason.trim());
      message.success(t('safety.moderation.rejected'));
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: safetyKeys.moderation });
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!item} title={t('safety.moderation.rejectTitle')} onCancel={onClose} destroyOnHidden
      okText={t('safety.moderation.reject')} cancelText={t('safety.words.cancel')} okButtonProps={{ danger: true, loading: busy, 'data-testid': 'moderation-reject-ok' } as never} onOk={() => form.submit()}>
      {error && <Alert type="error" showIcon title={error} className="form-alert" role="alert" />}
      {item && <p className="wrap-anywhere muted" style={{ whiteSpace: 'pre-wrap' }}>{item.excerpt}</p>}
      <Form name="moderation-reject" form={form} layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item name="reason" label={t('safety.moderation.rejectReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('safety.moderation.rejectRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('safety.moderation.rejectPlaceholder')} data-testid="moderation-reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
