// 新建问卷 / 编辑问卷 (drafts only): title, introduction, the questions (text, choice with up to 9 options answered by
// number, yes/no; added, removed, moved), the audience (an organization × who, as a broadcast's), how people answer
// (SMS, web form), the closing time in China time, reminders, and the two options. 保存草稿 stores it; 发出 stores
// it and, after a confirmation with the number of people asked (from the SMS platform's preview), opens it. Every
// field is checked here and again by the server, whose messages land under the fields they name.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Grid, Input, InputNumber, Radio, Select, Skeleton, Space, Switch } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok, isApiError } from '@/api/client';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { fmtCount } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { useOrg } from '@/modules/orgs/orgs-api';
import { smsApi, WHO, type Who } from '@/modules/sms/sms-api';
import { chinaWallToIso } from '@/modules/sms/sms-format';
import { QUESTION_KINDS, surveyKeys, surveysApi, useSurvey, type QuestionKind, type Survey, type SurveyInput } from './surveys-api';
import { namePath } from './surveys-format';

const MAX_QUESTIONS = 20;
const MAX_OPTIONS = 9;

interface QuestionValues { kind: QuestionKind; text?: string; options?: string[] }
interface Values {
  title?: string;
  intro?: string;
  questions: QuestionValues[];
  orgId?: string;
  who?: Who[];
  groupIds?: string[];
  bySms: boolean;
  byWeb: boolean;
  closesAt?: Dayjs | null;
  remindAfterHours?: number | null;
  maxReminders?: number | null;
  notifyOnClose: boolean;
  publicResults: boolean;
}

const EMPTY: Values = { questions: [{ kind: 'text', text: '' }], who: ['secretaries'], bySms: true, byWeb: true, maxReminders: 0, notifyOnClose: false, publicResults: false };

/** A stored survey as the form's values (the closing time as a China wall-clock time). */
function valuesOf(s: Survey): Values {
  const audience = (s.audience ?? {}) as { orgIds?: string[]; who?: Who[]; groupIds?: string[] };
  return {
    title: s.title, intro: s.intro, questions: s.questions.map((q) => ({ kind: q.kind, text: q.text, options: q.options })),
    orgId: audience.orgIds?.[0], who: audience.who ?? [], groupIds: audience.groupIds, bySms: s.bySms, byWeb: s.byWeb,
    closesAt: s.closesAt ? dayjs(new Date(new Date(s.closesAt).getTime() + 8 * 3600_000).toISOString().slice(0, 16)) : null,
    remindAfterHours: s.remindAfterHours, maxReminders: s.maxReminders, notifyOnClose: s.notifyOnClose, publicResults: s.publicResults,
  };
}

function bodyOf(v: Values): SurveyInput {
  const who = v.who ?? [];
  return {
    title: (v.title ?? '').trim(),
    intro: (v.intro ?? '').trim(),
    questions: v.questions.map((q) => ({
      kind: q.kind, text: (q.text ?? '').trim(), ...(q.kind === 'choice' ? { options: (q.options ?? []).map((o) => (o ?? '').trim()) } : {}),
    })),
    audience: { orgIds: v.orgId ? [v.orgId] : [], who, ...(who.includes('group') ? { groupIds: v.groupIds ?? [] } : {}) },
    bySms: !!v.bySms, byWeb: !!v.byWeb,
    closesAt: v.closesAt ? chinaWallToIso(v.closesAt.format('YYYY-MM-DDTHH:mm')) : null,
    remindAfterHours: v.remindAfterHours || null,
    maxReminders: v.maxReminders ?? 0,
    notifyOnClose: !!v.notifyOnClose,
    publicResults: !!v.publicResults,
  };
}

export function SurveyEditPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const existing = useSurvey(id);
  const E = (k: string) => t(`surveys.edit.${k}` as 'surveys.edit.title');
  const back = <Button onClick={() => void navigate(id ? `/admin/surveys/${id}` : '/admin/surveys')}>{E('back')}</Button>;
  const title = id ? E('editTitle') : E('title');
  if (!hasPerm(me, 'survey.write')) return <><PageHeader title={title} extra={back} /><Alert type="warning" showIcon title={t('common.forbidden')} /></>;
  if (id && existing.isPending) return <><PageHeader title={title} extra={back} /><Skeleton active /></>;
  if (id && !existing.data) return <><PageHeader title={title} extra={back} /><ErrorResult error={existing.error} onRetry={() => void existing.refetch()} /></>;
  if (existing.data && existing.data.state !== 'draft') {
    return <><PageHeader title={title} extra={back} /><Alert type="info" showIcon title={E('notDraft')} /></>;
  }
  return <Editor key={existing.data?.id ?? 'new'} survey={existing.data} title={title} back={back} />;
}

function Editor({ survey, title, back }: { survey?: Survey; title: string; back: React.ReactNode }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'open' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Survey | undefined>(survey);
  const E = (k: string) => t(`surveys.edit.${k}` as 'surveys.edit.title');
  const values = Form.useWatch([], form) as Values | undefined;
  const wantsGroups = !!values?.who?.includes('group');
  const initialOrg = useOrg(survey ? ((survey.audience as { orgIds?: string[] })?.orgIds?.[0] ?? null) : null);
  const groups = useQuery({
    queryKey: ['contacts', 'groups', 'survey', values?.orgId],
    enabled: wantsGroups && !!values?.orgId,
    queryFn: ({ signal }) => ok(api.GET('/api/contacts/groups', { params: { query: { orgId: values!.orgId!, limit: 200 } }, signal })),
  });

  useEffect(() => { if (survey) form.setFieldsValue(valuesOf(survey)); }, [survey, form]);

  /** The server's refusals under their fields (questions.1.options, audience.orgIds …); the rest above the buttons. */
  const showRefusal = (e: unknown) => {
    if (isApiError(e) && e.errors.length) {
      const fields = e.errors.map((x) => {
        const name = x.field === 'audience.orgIds' ? ['orgId'] : x.field === 'audience.groupIds' ? ['groupIds'] : x.field === 'audience.who' ? ['who'] : namePath(x.field);
        return { name: name as never, errors: [x.message] };
      });
      form.setFields(fields);
      const first = fields[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    setError(errorText(t, e));
  };

  const validated = async (): Promise<Values | null> => {
    setError(null);
    try {
      const v = await form.validateFields();
      return { ...EMPTY, ...form.getFieldsValue(true), ...v } as Values;
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return null;
    }
  };

  const save = async (v: Values): Promise<Survey | null> => {
    try {
      const body = bodyOf(v);
      const s = saved ? await surveysApi.update(saved.id, { ...body, version: saved.version }) : await surveysApi.create(body);
      setSaved(s);
      queryClient.setQueryData(surveyKeys.survey(s.id), s);
      await queryClient.invalidateQueries({ queryKey: surveyKeys.all, refetchType: 'none' });
      return s;
    } catch (e) {
      showRefusal(e);
      return null;
    }
  };

  const saveDraft = async () => {
    const v = await validated();
    if (!v) return;
    setBusy('save');
    const s = await save(v);
    setBusy(null);
    if (s) {
      message.success(E('savedDraft'));
      if (!survey) void navigate(`/admin/surveys/${s.id}/edit`, { replace: true });
    }
  };

  const openIt = async () => {
    const v = await validated();
    if (!v) return;
    setBusy('open');
    const s = await save(v);
    if (!s) { setBusy(null); return; }
    // How many will be asked: the SMS platform's exact count of the audience (null when it cannot say).
    const body = bodyOf(v);
    const preview = await smsApi.preview({ audience: body.audience }).catch(() => null);
    setBusy(null);
    modal.confirm({
      title: E('openTitle'),
      width: 480,
      content: (
        <div data-testid="survey-open-confirm">
          <p>{preview ? t('surveys.edit.openBody', { count: fmtCount(preview.recipients), questions: body.questions.length }) : E('openBodyUnknown')}</p>
          <p>{[v.bySms && E('channelSms'), v.byWeb && E('channelWeb')].filter(Boolean).join(t('common.listSep'))}</p>
          {preview && preview.withoutPhone > 0 && <p>{t('surveys.edit.openWithoutPhone', { count: fmtCount(preview.withoutPhone) })}</p>}
          {v.bySms && <p className={preview?.approvalRequired ? 'survey-warn' : undefined}>{preview?.approvalRequired ? E('openApprovalNeeded') : E('openApprovalNote')}</p>}
          <p>{E('openFinal')}</p>
        </div>
      ),
      okText: E('openOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'survey-open-ok' } as Record<`data-${string}`, string>,
      onOk: async () => {
        try {
          await surveysApi.open(s.id);
          await queryClient.invalidateQueries({ queryKey: surveyKeys.all });
          message.success(E('opened'));
          void navigate(`/admin/surveys/${s.id}`);
        } catch (e) {
          showRefusal(e);
        }
      },
    });
  };

  const remove = () => {
    if (!saved) return;
    modal.confirm({
      title: E('deleteTitle'),
      content: E('deleteBody'),
      okText: E('delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy('delete');
        try {
          await surveysApi.remove(saved.id);
          await queryClient.invalidateQueries({ queryKey: surveyKeys.all });
          message.success(E('deleted'));
          void navigate('/admin/surveys');
        } catch (e) {
          setError(errorText(t, e));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const horizontal = screens.md !== false;
  const now = dayjs();
  return (
    <>
      <PageHeader title={title} extra={back} />
      <Card>
        <Form<Values>
          form={form}
          name="survey-edit"
          layout={horizontal ? 'horizontal' : 'vertical'}
          labelCol={horizontal ? { flex: '120px' } : undefined}
          labelWrap
          initialValues={EMPTY}
          onValuesChange={() => setError(null)}
          requiredMark
          className="survey-form"
        >
          <Form.Item name="title" label={E('fields.title')} rules={[{ required: true, whitespace: true, message: E('titleRequired') }, { max: 60, message: E('titleTooLong') }]}>
            <Input maxLength={60} showCount placeholder={E('titlePlaceholder')} data-testid="survey-title" />
          </Form.Item>
          <Form.Item name="intro" label={E('fields.intro')} extra={E('introHint')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="survey-intro" />
          </Form.Item>

          <Form.Item label={E('fields.questions')} required>
            <Form.List name="questions" rules={[{ validator: async (_, qs?: QuestionValues[]) => { if (!qs?.length) throw new Error(E('questionsRequired')); } }]}>
              {(fields, { add, remove: drop, move }, { errors }) => (
                <div className="survey-questions">
                  {fields.map((field, i) => (
                    <QuestionCard key={field.key} index={i} name={field.name} count={fields.length}
                      onUp={() => move(i, i - 1)} onDown={() => move(i, i + 1)} onRemove={() => drop(field.name)} />
                  ))}
                  <Form.ErrorList errors={errors} />
                  {fields.length < MAX_QUESTIONS && (
                    <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ kind: 'text', text: '' })} data-testid="survey-add-question">{E('addQuestion')}</Button>
                  )}
                </div>
              )}
            </Form.List>
          </Form.Item>

          <Form.Item name="orgId" label={E('fields.org')} extra={E('orgHint')} rules={[{ required: true, message: E('orgRequired') }]}>
            <OrgPicker aria-label={E('fields.org')} initialLabel={initialOrg.data?.name} data-testid="survey-org" />
          </Form.Item>
          {/* A validator, not `required`: antd would put aria-required on the group's div, which axe refuses. */}
          <Form.Item name="who" label={<span className="label-required">{E('fields.who')}</span>} rules={[{ validator: async (_, v?: Who[]) => { if (!v?.length) throw new Error(E('whoRequired')); } }]}>
            <Checkbox.Group options={WHO.map((w) => ({ value: w, label: <span data-testid={`survey-who-${w}`}>{t(`sms.who.${w}`)}</span> }))} />
          </Form.Item>
          {wantsGroups && (
            <Form.Item name="groupIds" label={t('sms.who.group')} rules={[{ required: true, type: 'array', min: 1, message: E('groupRequired') }]}>
              <Select mode="multiple" loading={groups.isFetching} disabled={!values?.orgId} aria-label={t('sms.who.group')}
                options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} />
            </Form.Item>
          )}
          <Form.Item label={E('fields.channels')} required extra={E('channelsHint')}>
            <Space wrap>
              <Form.Item name="bySms" valuePropName="checked" noStyle><Checkbox data-testid="survey-by-sms">{E('channelSms')}</Checkbox></Form.Item>
              <Form.Item name="byWeb" valuePropName="checked" noStyle dependencies={['bySms']}
                rules={[{ validator: async (_, web?: boolean) => { if (!web && !form.getFieldValue('bySms')) throw new Error(E('channelsRequired')); } }]}>
                <Checkbox data-testid="survey-by-web">{E('channelWeb')}</Checkbox>
              </Form.Item>
            </Space>
          </Form.Item>
          <Form.Item name="closesAt" label={E('fields.closesAt')} extra={E('closesAtHint')}
            rules={[{ validator: async (_, v?: Dayjs | null) => {
              if (!v) return;
              const at = new Date(chinaWallToIso(v.format('YYYY-MM-DDTHH:mm'))).getTime();
              if (at <= Date.now()) throw new Error(E('closesAtPast'));
              if (at > Date.now() + 180 * 86400_000) throw new Error(E('closesAtTooFar'));
            } }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" minDate={now.startOf('day')} maxDate={now.add(180, 'day')} style={{ width: 220 }} data-testid="survey-closes-at" />
          </Form.Item>
          <Form.Item label={E('fields.reminders')} extra={E('remindersHint')}>
            <Space wrap align="start">
              <Form.Item name="remindAfterHours" noStyle dependencies={['maxReminders']}
                rules={[{ validator: async (_, h?: number | null) => { if ((form.getFieldValue('maxReminders') ?? 0) > 0 && !h) throw new Error(E('remindHoursRequired')); } }]}>
                <InputNumber min={1} max={720} precision={0} addonBefore={E('remindEvery')} addonAfter={E('hours')} style={{ width: 200 }} aria-label={E('remindEveryLabel')} />
              </Form.Item>
              <Form.Item name="maxReminders" noStyle>
                <InputNumber min={0} max={5} precision={0} addonBefore={E('remindAtMost')} addonAfter={E('times')} style={{ width: 190 }} aria-label={E('remindAtMostLabel')} />
              </Form.Item>
            </Space>
          </Form.Item>
          <Form.Item name="notifyOnClose" label={E('fields.notifyOnClose')} valuePropName="checked" extra={E('notifyOnCloseHint')}>
            <Switch aria-label={E('fields.notifyOnClose')} />
          </Form.Item>
          <Form.Item name="publicResults" label={E('fields.publicResults')} valuePropName="checked" extra={E('publicResultsHint')}>
            <Switch aria-label={E('fields.publicResults')} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} className="console-alert" role="alert" />}
          <Form.Item label={horizontal ? ' ' : undefined} colon={false}>
            <Space wrap>
              <Button onClick={() => void saveDraft()} loading={busy === 'save'} data-testid="survey-save">{E('saveDraft')}</Button>
              <Button type="primary" onClick={() => void openIt()} loading={busy === 'open'} data-testid="survey-submit">{E('open')}</Button>
              {saved && <Button danger onClick={remove} loading={busy === 'delete'} data-testid="survey-delete">{E('delete')}</Button>}
            </Space>
          </Form.Item>
        </Form>
      </Card>
    </>
  );
}

function QuestionCard({ index, name, count, onUp, onDown, onRemove }: { index: number; name: number; count: number; onUp: () => void; onDown: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const E = (k: string) => t(`surveys.edit.${k}` as 'surveys.edit.title');
  const kind = Form.useWatch(['questions', name, 'kind']) as QuestionKind | undefined;
  const no = index + 1;
  return (
    <Card size="small" className="survey-question" data-testid="survey-question"
      title={<span>{t('surveys.edit.questionNo', { no })}</span>}
      extra={
        <Space size={2}>
          <Button size="small" type="text" icon={<ArrowUpOutlined aria-hidden />} disabled={index === 0} onClick={onUp} aria-label={t('surveys.edit.moveUp', { no })} />
          <Button size="small" type="text" icon={<ArrowDownOutlined aria-hidden />} disabled={index === count - 1} onClick={onDown} aria-label={t('surveys.edit.moveDown', { no })} />
          <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} disabled={count === 1} onClick={onRemove} aria-label={t('surveys.edit.removeQuestion', { no })} />
        </Space>
      }>
      <Form.Item name={[name, 'kind']} label={E('fields.kind')} layout="vertical">
        <Radio.Group optionType="button" options={QUESTION_KINDS.map((k) => ({ value: k, label: <span data-testid={`survey-kind-${k}`}>{t(`surveys.kinds.${k}`)}</span> }))} />
      </Form.Item>
      <Form.Item name={[name, 'text']} label={E('fields.questionText')} layout="vertical"
        rules={[{ required: true, whitespace: true, message: t('surveys.edit.questionRequired', { no }) }, { max: 300 }]}
        extra={kind === 'yesno' ? E('yesnoHint') : kind === 'text' ? E('textHint') : undefined}>
        <Input.TextArea rows={2} maxLength={300} data-testid="survey-question-text" />
      </Form.Item>
      {kind === 'choice' && (
        <Form.List name={[name, 'options']} initialValue={['', '']}
          rules={[{ validator: async (_, opts?: string[]) => {
            const o = (opts ?? []).map((x) => (x ?? '').trim());
            if (o.length < 2) throw new Error(t('surveys.edit.optionsTooFew', { no }));
            if (o.length > MAX_OPTIONS) throw new Error(t('surveys.edit.optionsTooMany', { no, max: MAX_OPTIONS }));
            if (new Set(o.filter(Boolean)).size !== o.filter(Boolean).length) throw new Error(t('surveys.edit.optionsDuplicate', { no }));
          } }]}>
          {(opts, { add, remove }, { errors }) => (
            <div className="survey-options">
              <div className="muted small">{E('optionsHint')}</div>
              {opts.map((o, j) => (
                <Space key={o.key} align="start" className="survey-option">
                  <span className="survey-option-no" aria-hidden>{j + 1}.</span>
                  <Form.Item name={o.name} rules={[{ required: true, whitespace: true, message: E('optionRequired') }, { max: 20 }]} style={{ marginBottom: 8 }}>
                    <Input maxLength={20} style={{ width: 260, maxWidth: '60vw' }} aria-label={t('surveys.edit.optionLabel', { no, option: j + 1 })} data-testid="survey-option" />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined aria-hidden />} disabled={opts.length <= 2} onClick={() => remove(o.name)} aria-label={t('surveys.edit.removeOption', { option: j + 1 })} />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              {opts.length < MAX_OPTIONS && <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add('')} data-testid="survey-add-option">{E('addOption')}</Button>}
            </div>
          )}
        </Form.List>
      )}
    </Card>
  );
}
