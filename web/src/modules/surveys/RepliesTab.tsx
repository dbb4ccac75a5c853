// 回复: the replies the account may see (phones masked; each opens its page), filtered by question, category (其他 included), tag,
// organization, channel and words; a selection is moved to a category and tagged at once (批量归类, with a reason,
// every change kept: 归类记录 per reply), and replies — the selected ones, whole categories or all — are turned into
// follow-up items (转为跟踪事项) with a deadline in working days.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Alert, Button, Card, Checkbox, Drawer, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Timeline } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { HistoryOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime, fmtCount } from '@/modules/common/format';
import { ListFooter } from '@/modules/common/ListFooter';
import { useDebounced } from '@/modules/common/useDebounced';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { ScrollRegion } from '@/modules/sms/ScrollRegion';
import { CHANNELS, OTHER, surveyKeys, surveysApi, useCategories, useHistory, useReplies, type Reply, type ReplyChannel, type ReplyQuery, type Survey } from './surveys-api';
import { QuestionSelect } from './ResultsTab';
import { testId } from './surveys-format';

export function RepliesTab({ survey, canWrite }: { survey: Survey; canWrite: boolean }) {
  const { t } = useTranslation();
  const [questionId, setQuestionId] = useState<string | undefined>(survey.questions[0]?.id);
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [tagId, setTagId] = useState<string | undefined>();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [channel, setChannel] = useState<ReplyChannel | undefined>();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'move' | 'dispatch' | null>(null);
  const [historyOf, setHistoryOf] = useState<Reply | null>(null);
  const filter: ReplyQuery = { questionId, categoryId, tagId, orgId, channel, ...(q ? { q } : {}) };
  const list = useReplies(survey.id, filter, survey.state === 'open');
  const cats = useCategories(survey.id);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const question = survey.questions.find((x) => x.id === questionId);
  const RP = (k: string) => t(`surveys.replies.${k}` as 'surveys.replies.title');
  const categoryOptions = [
    ...(cats.data?.categories ?? []).map((c) => ({ value: c.id, label: c.name })),
    { value: OTHER, label: t('surveys.other') },
  ];
  const tagOptions = (cats.data?.tags ?? []).map((c) => ({ value: c.id, label: c.name }));

  const columns: ColumnsType<Reply> = [
    { title: RP('fields.org'), dataIndex: 'orgName', width: 150, ellipsis: true },
    { title: RP('fields.name'), dataIndex: 'name', width: 80, render: (v: string | null) => v ?? <span className="muted">—</span> },
    { title: RP('fields.phone'), dataIndex: 'phone', width: 116, render: (v: string | null) => (v ? <span className="mono">{v}</span> : <span className="muted">—</span>) },
    { title: RP('fields.text'), dataIndex: 'text', width: 300, render: (v: string, r) => (
      <span className="survey-reply-text">
        <Link to={`/admin/surveys/replies/${r.id}`} data-testid="reply-link" aria-label={t('surveys.replies.open', { text: v.slice(0, 20) })}>{v || RP('noText')}</Link>
        {r.messages > 1 && <span className="muted small">{t('surveys.replies.messages', { count: r.messages })}</span>}
      </span>
    ) },
    { title: RP('fields.category'), dataIndex: 'categoryName', width: 120, render: (v: string, r) => (
      <span data-testid="reply-category">{v}{r.categorizedBy === 'staff' && <span className="muted small">{RP('byStaff')}</span>}</span>
    ) },
    { title: RP('fields.tags'), dataIndex: 'tags', width: 100, render: (v: Reply['tags']) => (v.length ? <Space size={[2, 2]} wrap>{v.map((x) => <Tag key={x.id}>{x.name}</Tag>)}</Space> : <span className="muted">—</span>) },
    { title: RP('fields.channel'), dataIndex: 'channel', width: 64, render: (v: string) => t(`surveys.channels.${v as ReplyChannel}`) },
    { title: RP('fields.receivedAt'), dataIndex: 'receivedAt', width: 140, render: (v: string) => <span className="mono nowrap">{chinaDateTime(v, false)}</span> },
    { title: RP('fields.followup'), dataIndex: 'followupId', width: 90, render: (v: string | null) => (v ? <a href={`/admin/followups/${v}`} data-testid="reply-followup">{t('surveys.replies.followupNo', { id: v })}</a> : <span className="muted">—</span>) },
    { title: t('common.actions'), key: 'actions', width: 100, render: (_: unknown, r) => (
      <Button size="small" type="link" icon={<HistoryOutlined aria-hidden />} onClick={() => setHistoryOf(r)} aria-label={t('surveys.replies.historyOf', { text: r.text.slice(0, 20) })}>{RP('history')}</Button>
    ) },
  ];

  const set = <T,>(f: (v: T) => void) => (v: T) => { setSelected([]); f(v); };
  return (
    <div data-testid="survey-replies">
      <Card size="small" className="filter-card">
        <Form layout="inline" className="survey-filters">
          <QuestionSelect survey={survey} value={questionId} onChange={set(setQuestionId)} />
          {question?.kind === 'text' && (
            <>
              <Form.Item label={RP('category')} htmlFor="reply-category-filter">
                <Select id="reply-category-filter" allowClear style={{ width: 160 }} value={categoryId} onChange={set(setCategoryId)} options={categoryOptions} placeholder={RP('anyCategory')} data-testid="reply-category-filter" />
              </Form.Item>
              {tagOptions.length > 0 && (
                <Form.Item label={RP('tag')} htmlFor="reply-tag-filter">
                  <Select id="reply-tag-filter" allowClear style={{ width: 140 }} value={tagId} onChange={set(setTagId)} options={tagOptions} placeholder={RP('anyTag')} />
                </Form.Item>
              )}
            </>
          )}
          <Form.Item label={RP('org')} htmlFor="reply-org-filter">
            <OrgPicker id="reply-org-filter" allowClear value={orgId} onChange={(v) => { setSelected([]); setOrgId(v); }} style={{ width: 220 }} aria-label={RP('org')} />
          </Form.Item>
          <Form.Item label={RP('channel')} htmlFor="reply-channel-filter">
            <Select<ReplyChannel> id="reply-channel-filter" allowClear style={{ width: 110 }} value={channel} onChange={set(setChannel)} placeholder={RP('anyChannel')}
              options={CHANNELS.map((c) => ({ value: c, label: t(`surveys.channels.${c}`) }))} />
          </Form.Item>
          <Form.Item label={RP('keyword')} htmlFor="reply-q">
            <Input.Search id="reply-q" allowClear value={typed} onChange={(e) => { setSelected([]); setTyped(e.target.value); }} maxLength={50} style={{ width: 200 }} data-testid="reply-q" />
          </Form.Item>
        </Form>
      </Card>
      {canWrite && (
        <div className="survey-batch" role="toolbar" aria-label={RP('batch')}>
          <span className="muted">{selected.length ? t('surveys.replies.selected', { count: selected.length }) : RP('selectHint')}</span>
          {question?.kind === 'text' && <Button disabled={!selected.length} onClick={() => setDialog('move')} data-testid="reply-move">{RP('move')}</Button>}
          <Button type="primary" onClick={() => setDialog('dispatch')} data-testid="reply-dispatch">{RP('dispatch')}</Button>
        </div>
      )}
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        : !list.isPending && rows.length === 0 ? <EmptyPanel title={RP('empty')} hint={survey.state === 'draft' ? RP('emptyDraft') : undefined} />
        : (
          <>
            <ScrollRegion label={RP('title')}>
              <Table<Reply>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={rows}
                loading={list.isPending}
                pagination={false}
                style={{ minWidth: 1260 }}
                tableLayout="fixed"
                rowSelection={canWrite ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true } : undefined}
                onRow={() => ({ 'data-testid': 'reply-row' }) as React.HTMLAttributes<HTMLElement>}
              />
            </ScrollRegion>
            <div className="table-footer-outside"><ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} /></div>
          </>
        )}
      {dialog === 'move' && (
        <MoveDialog surveyId={survey.id} replyIds={selected} categories={categoryOptions} tags={tagOptions}
          onClose={(done) => { setDialog(null); if (done) setSelected([]); }} />
      )}
      {dialog === 'dispatch' && (
        <DispatchDialog survey={survey} questionId={questionId} replyIds={selected} categories={question?.kind === 'text' ? categoryOptions : []}
          onClose={(done) => { setDialog(null); if (done) setSelected([]); }} />
      )}
      <HistoryDrawer surveyId={survey.id} reply={historyOf} onClose={() => setHistoryOf(null)} />
    </div>
  );
}

type Option = { value: string; label: string };

function MoveDialog({ surveyId, replyIds, categories, tags, onClose }: { surveyId: string; replyIds: string[]; categories: Option[]; tags: Option[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ categoryId?: string; addTags?: string[]; removeTags?: string[]; reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const M = (k: string) => t(`surveys.move.${k}` as 'surveys.move.title');
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!v.categoryId && !v.addTags?.length && !v.removeTags?.length) { setError(M('nothing')); return; }
    setBusy(true);
    try {
      const r = await surveysApi.recategorize(surveyId, {
        replyIds, categoryId: v.categoryId ?? null, ...(v.addTags?.length ? { addTags: v.addTags } : {}), ...(v.removeTags?.length ? { removeTags: v.removeTags } : {}),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: surveyKeys.survey(surveyId) });
      message.success(t('surveys.move.done', { changed: r.changed, unchanged: r.unchanged }));
      onClose(true);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('surveys.move.title', { count: replyIds.length })} okText={M('ok')} cancelText={t('common.cancel')} onOk={() => void submit()} onCancel={() => onClose(false)}
      okButtonProps={{ loading: busy, ...testId('move-ok') }} destroyOnHidden>
      <Form form={form} layout="vertical" name="survey-move" onValuesChange={() => setError(null)}>
        <Form.Item name="categoryId" label={M('category')} extra={M('categoryHint')}>
          <Select allowClear options={categories} placeholder={M('keepCategory')} data-testid="move-category" />
        </Form.Item>
        {tags.length > 0 && (
          <>
            <Form.Item name="addTags" label={M('addTags')}><Select mode="multiple" options={tags} /></Form.Item>
            <Form.Item name="removeTags" label={M('removeTags')}><Select mode="multiple" options={tags} /></Form.Item>
          </>
        )}
        <Form.Item name="reason" label={M('reason')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={M('reasonPlaceholder')} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}

function DispatchDialog({ survey, questionId, replyIds, categories, onClose }: { survey: Survey; questionId?: string; replyIds: string[]; categories: Option[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ mode: 'selected' | 'categories' | 'all'; categoryIds?: string[]; due: number }>();
  const mode = Form.useWatch('mode', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ jobId: string; replies: number } | null>(null);
  const X = (k: string) => t(`surveys.dispatch.${k}` as 'surveys.dispatch.title');
  const submit = async () => {
    if (done) { onClose(true); return; }
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await surveysApi.dispatch(survey.id, {
        questionId, dueInWorkingDays: v.due,
        ...(v.mode === 'selected' ? { replyIds } : v.mode === 'categories' ? { categoryIds: v.categoryIds ?? [] } : { all: true }),
      });
      setDone(r);
      await queryClient.invalidateQueries({ queryKey: surveyKeys.survey(survey.id) });
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={X('title')} okText={done ? t('common.close') : X('ok')} cancelText={t('common.cancel')} onOk={() => void submit()} onCancel={() => onClose(!!done)}
      cancelButtonProps={done ? { style: { display: 'none' } } : undefined}
      okButtonProps={{ loading: busy, ...testId('dispatch-ok') }} destroyOnHidden>
      {done ? (
        <Alert type="success" showIcon data-testid="dispatch-done"
          title={t('surveys.dispatch.done', { count: fmtCount(done.replies) })}
          description={t('surveys.dispatch.doneHint', { job: done.jobId })} />
      ) : (
        <Form form={form} layout="vertical" name="survey-dispatch" initialValues={{ mode: replyIds.length ? 'selected' : categories.length ? 'categories' : 'all', due: 10 }} onValuesChange={() => setError(null)}>
          <p className="muted">{X('intro')}</p>
          <Form.Item name="mode" label={X('which')}>
            <Radio.Group className="survey-dispatch-modes">
              <Radio value="selected" disabled={!replyIds.length} data-testid="dispatch-selected">{t('surveys.dispatch.selected', { count: replyIds.length })}</Radio>
              {categories.length > 0 && <Radio value="categories" data-testid="dispatch-categories">{X('byCategory')}</Radio>}
              <Radio value="all" data-testid="dispatch-all">{X('all')}</Radio>
            </Radio.Group>
          </Form.Item>
          {mode === 'categories' && (
            <Form.Item name="categoryIds" label={<span className="label-required">{X('categories')}</span>}
              rules={[{ validator: async (_, v?: string[]) => { if (!v?.length) throw new Error(X('categoriesRequired')); } }]}>
              <Checkbox.Group options={categories} data-testid="dispatch-category-list" />
            </Form.Item>
          )}
          <Form.Item name="due" label={X('due')} extra={X('dueHint')} rules={[{ required: true, message: X('dueRequired') }]}>
            <InputNumber min={1} max={250} precision={0} addonAfter={X('days')} style={{ width: 180 }} data-testid="dispatch-due" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} role="alert" data-testid="dispatch-error" />}
        </Form>
      )}
    </Modal>
  );
}

function HistoryDrawer({ surveyId, reply, onClose }: { surveyId: string; reply: Reply | null; onClose: () => void }) {
  const { t } = useTranslation();
  const h = useHistory(surveyId, reply?.id);
  const H = (k: string) => t(`surveys.history.${k}` as 'surveys.history.title');
  return (
    <Drawer open={!!reply} onClose={onClose} title={H('title')} size={420} destroyOnHidden>
      {reply && <blockquote className="survey-history-text">{reply.text}</blockquote>}
      {h.isError ? <ErrorResult error={h.error} onRetry={() => void h.refetch()} />
        : h.isPending ? <Card loading bordered={false} />
        : !h.data.items.length ? <p className="muted">{H('none')}</p>
        : (
          <Timeline items={h.data.items.map((x, i) => ({
            key: i,
            children: (
              <div data-testid="history-item">
                <div><strong>{x.from}</strong> → <strong>{x.to}</strong></div>
                <div className="muted small">{chinaDateTime(x.at, false)} · {x.byRules ? H('byRules') : x.byName}</div>
                {x.reason && <div className="small">{t('surveys.history.reason', { reason: x.reason })}</div>}
              </div>
            ),
          }))} />
        )}
    </Drawer>
  );
}
