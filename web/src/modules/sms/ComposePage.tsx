// 新建群发短信: the text with its live count (segments, characters left, the signature shown as added), variables,
// the recipients (an organization × who, and/or a pasted phone list), the type, the emergency-only opt-out override,
// an optional time in China time; 核对接收人 asks the server for the exact recipients before anything is sent, and a
// confirmation names what will happen. Every field is checked here in Chinese and again by the server.
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Grid, Input, Radio, Row, Select, Space, Statistic, Tooltip } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import type { Me } from '@/api/types';
import { errorText } from '@/modules/common/errors';
import { fmtCount } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { LANES, smsApi, smsKeys, WHO, type BroadcastInput, type BroadcastLane, type Preview, type Who } from './sms-api';
import { chinaDateTime, chinaWallToIso, editorCount, normalizeMobile, parsePhoneList, signedText, type PhoneLine } from './sms-format';
import { TemplatePicker } from './TemplatePicker';
import type { SmsTemplate } from './sms-templates-api';

interface Values {
  text?: string;
  orgId?: string;
  who?: Who[];
  groupIds?: string[];
  phones?: string;
  lane: BroadcastLane;
  ignoreOptOut?: boolean;
  sendAt?: Dayjs | null;
}

const MAX_SEGMENTS = 10;
const MAX_PHONES = 10_000;

export function ComposePage(_: { me: Me }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const textRef = useRef<TextAreaRef>(null);
  const [checked, setChecked] = useState<{ key: string; preview: Preview; lines: PhoneLine[] } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'send' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signature = t('sms.signature');

  const values = Form.useWatch([], form) as Values | undefined;
  const text = values?.text ?? '';
  const lane = values?.lane ?? 'bulk';
  const count = useMemo(() => editorCount(text, signature), [text, signature]);
  const hasVars = /\{姓名\}|\{组织\}/.test(text);
  const wantsGroups = !!values?.who?.includes('group');
  // The contact groups of the chosen organization's subtree (the first 200; typing narrows them).
  const [groupQ, setGroupQ] = useState('');
  const groups = useQuery({
    queryKey: ['contacts', 'groups', 'compose', values?.orgId, groupQ],
    enabled: wantsGroups && !!values?.orgId,
    queryFn: ({ signal }) => ok(api.GET('/api/contacts/groups', { params: { query: { orgId: values!.orgId!, ...(groupQ ? { q: groupQ } : {}), limit: 200 } }, signal })),
  });

  /** The request as it stands; its JSON says whether the last check still holds. */
  const request = (v: Values): { body: BroadcastInput; lines: PhoneLine[] } => {
    const lines = parsePhoneList(v.phones ?? '');
    const audience = v.orgId && v.who?.length
      ? { orgIds: [v.orgId], who: v.who, ...(v.who.includes('group') ? { groupIds: v.groupIds ?? [] } : {}) }
      : undefined;
    const body: BroadcastInput = {
      text: v.text?.trim() ?? '',
      ...(lines.length ? { phones: lines.map((l) => l.value) } : {}),
      ...(audience ? { audience } : {}),
      lane: v.lane,
      ...(v.lane === 'emergency' && v.ignoreOptOut ? { ignoreOptOut: true } : {}),
      ...(v.sendAt ? { sendAt: chinaWallToIso(v.sendAt.format('YYYY-MM-DDTHH:mm')) } : {}),
    };
    return { body, lines };
  };
  const current = values ? request({ ...values, lane }) : null;
  const currentKey = current ? JSON.stringify(current.body) : '';
  const fresh = checked && checked.key === currentKey ? checked : null;

  const insert = (token: string) => {
    const el = textRef.current?.resizableTextArea?.textArea;
    const v = form.getFieldValue('text') ?? '';
    const at = el ? el.selectionStart : v.length;
    const end = el ? el.selectionEnd : v.length;
    form.setFieldValue('text', v.slice(0, at) + token + v.slice(end));
    void form.validateFields(['text']);
    requestAnimationFrame(() => { el?.focus(); el?.setSelectionRange(at + token.length, at + token.length); });
  };

  /** 从模板选择: fills the text, asking first when other text is already typed. */
  const fromTemplate = (tpl: SmsTemplate) => {
    const typed = ((form.getFieldValue('text') as string | undefined) ?? '').trim();
    const fill = () => {
      form.setFieldValue('text', tpl.text);
      void form.validateFields(['text']);
      message.success(t('sms.templates.filled', { name: tpl.name }));
      textRef.current?.focus();
    };
    if (!typed || typed === tpl.text.trim()) { fill(); return; }
    modal.confirm({
      title: t('sms.templates.replaceTitle'),
      content: t('sms.templates.replaceBody', { name: tpl.name }),
      okText: t('sms.templates.replaceOk'),
      cancelText: t('sms.templates.replaceCancel'),
      okButtonProps: { 'data-testid': 'sms-template-replace' } as Record<`data-${string}`, string>,
      onOk: fill,
    });
  };

  const rules = {
    text: [
      { required: true, whitespace: true, message: t('sms.compose.textRequired') },
      { validator: async (_: unknown, v?: string) => { if (v && editorCount(v, signature).segments > MAX_SEGMENTS) throw new Error(t('sms.compose.textTooLong')); } },
    ] as Rule[],
    phones: [{
      validator: async (_: unknown, v?: string) => {
        const lines = parsePhoneList(v ?? '');
        if (lines.length > MAX_PHONES) throw new Error(t('sms.compose.phonesTooMany'));
        const bad = lines.filter((l) => !normalizeMobile(l.value)).slice(0, 5);
        if (bad.length) throw new Error(bad.map((l) => t('sms.compose.phoneInvalid', { line: l.line, value: l.value })).join('；'));
      },
    }] as Rule[],
    sendAt: [{
      validator: async (_: unknown, v?: Dayjs | null) => {
        if (!v) return;
        const at = new Date(chinaWallToIso(v.format('YYYY-MM-DDTHH:mm'))).getTime();
        if (at <= Date.now()) throw new Error(t('sms.compose.schedulePast'));
        if (at > Date.now() + 90 * 86400_000) throw new Error(t('sms.compose.scheduleTooFar'));
      },
    }] as Rule[],
  };

  /** Checks the form; null when something is wrong (the messages are under the fields). */
  const validated = async (): Promise<Values | null> => {
    setError(null);
    try {
      const v = { ...(await form.validateFields()), lane: form.getFieldValue('lane') ?? 'bulk' } as Values;
      const hasAudience = !!v.orgId && !!v.who?.length;
      if (!hasAudience && !parsePhoneList(v.phones ?? '').length) {
        if (v.orgId && !v.who?.length) form.setFields([{ name: 'who', errors: [t('sms.compose.whoRequired')] }]);
        else if (!v.orgId && v.who?.length) form.setFields([{ name: 'orgId', errors: [t('sms.compose.orgRequired')] }]);
        else setError(t('sms.compose.audienceRequired'));
        return null;
      }
      if (v.orgId && !v.who?.length) { form.setFields([{ name: 'who', errors: [t('sms.compose.whoRequired')] }]); return null; }
      if (!v.orgId && v.who?.length) { form.setFields([{ name: 'orgId', errors: [t('sms.compose.orgRequired')] }]); return null; }
      return v;
    } catch {
      return null;
    }
  };

  /** Puts a refusal where it belongs: a phone's position under the list, other fields under theirs. */
  const showRefusal = (e: unknown, lines: PhoneLine[]) => {
    if (isApiError(e) && e.errors.length) {
      const phoneErrors = e.errors.filter((x) => x.field.startsWith('phones/')).map((x) => {
        const l = lines[Number(x.field.split('/')[1])];
        return l ? t('sms.compose.phoneInvalid', { line: l.line, value: l.value }) : x.message;
      });
      const fields: { name: keyof Values; errors: string[] }[] = [];
      if (phoneErrors.length) fields.push({ name: 'phones', errors: [phoneErrors.join('；')] });
      for (const x of e.errors) {
        const name = x.field === 'audience.orgIds' ? 'orgId' : x.field === 'audience.groupIds' ? 'who' : x.field;
        if (['text', 'orgId', 'who', 'lane', 'ignoreOptOut', 'sendAt'].includes(name)) fields.push({ name: name as keyof Values, errors: [x.message] });
      }
      if (fields.length) { form.setFields(fields); return; }
    }
    setError(errorText(t, e));
  };

  const check = async () => {
    const v = await validated();
    if (!v) return;
    const { body, lines } = request(v);
    setBusy('preview');
    try {
      const preview = await smsApi.preview({ text: body.text, phones: body.phones, audience: body.audience, ignoreOptOut: body.ignoreOptOut });
      setChecked({ key: JSON.stringify(body), preview, lines });
      if (preview.invalidPhones.length) {
        form.setFields([{ name: 'phones', errors: [preview.invalidPhones.slice(0, 5).map((p) => t('sms.compose.phoneInvalid', { line: lines[p.index]?.line ?? p.index + 1, value: p.value })).join('；')] }]);
      }
    } catch (e) {
      showRefusal(e, lines);
    } finally {
      setBusy(null);
    }
  };

  const send = async () => {
    const v = await validated();
    if (!v) return;
    const { body, lines } = request(v);
    if (!fresh) { setError(checked ? t('sms.compose.previewStale') : t('sms.compose.previewFirst')); return; }
    const p = fresh.preview;
    if (p.invalidPhones.length || p.recipients === 0) { setError(t('sms.compose.noRecipients')); return; }
    modal.confirm({
      title: t('sms.compose.confirmTitle'),
      content: (
        <div data-testid="broadcast-confirm">
          <p>{t('sms.compose.confirmBody', { count: fmtCount(p.recipients), lane: t(`sms.lanes.${body.lane ?? 'bulk'}`), segments: p.segments })}</p>
          {body.ignoreOptOut && <Alert type="warning" showIcon title={t('sms.compose.ignoreOptOutWarn')} />}
          {p.approvalRequired && <p>{t('sms.compose.confirmApproval')}</p>}
          {body.sendAt && <p>{t('sms.compose.confirmAt', { at: chinaDateTime(body.sendAt, false) })}</p>}
        </div>
      ),
      okText: t('sms.compose.confirmOk'),
      cancelText: t('sms.compose.cancel'),
      okButtonProps: { 'data-testid': 'broadcast-confirm-ok' } as Record<`data-${string}`, string>,
      onOk: async () => {
        setBusy('send');
        try {
          const created = await smsApi.create(body);
          await queryClient.invalidateQueries({ queryKey: smsKeys.all });
          message.success(t('sms.compose.created'));
          void navigate(`/admin/sms/broadcasts/${created.id}`);
        } catch (e) {
          showRefusal(e, lines);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const p = fresh?.preview;
  const horizontal = screens.md !== false;
  return (
    <>
      <PageHeader title={t('sms.compose.title')} extra={<Button onClick={() => void navigate('/admin/sms/broadcasts')}>{t('sms.compose.back')}</Button>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card>
            <Form<Values>
              form={form}
              name="sms-compose"
              layout={horizontal ? 'horizontal' : 'vertical'}
              labelCol={horizontal ? { flex: '112px' } : undefined}
              labelWrap
              initialValues={{ lane: 'bulk', who: [] }}
              onValuesChange={() => setError(null)}
              requiredMark
            >
              <Form.Item label={t('sms.compose.text')} required htmlFor="sms-compose_text">
                <Space size={4} wrap className="sms-vars">
                  <span className="muted">{t('sms.compose.variables')}：</span>
                  <Tooltip title={t('sms.compose.varHint')}><Button size="small" onClick={() => insert('{姓名}')} data-testid="sms-var-name">{t('sms.compose.varName')}</Button></Tooltip>
                  <Button size="small" onClick={() => insert('{组织}')} data-testid="sms-var-org">{t('sms.compose.varOrg')}</Button>
                  <TemplatePicker onPick={fromTemplate} />
                </Space>
                <Form.Item name="text" style={{ marginBottom: 0 }} rules={rules.text} extra={
                  <div className="sms-counter" aria-live="polite" data-testid="sms-counter">
                    <div>{t('sms.compose.signatureNote', { signature })}</div>
                    <div><strong>{t('sms.compose.counter', { chars: count.units, segments: count.segments, left: count.remaining })}</strong></div>
                    {hasVars && <div>{t('sms.compose.counterVars')}</div>}
                  </div>
                }>
                  <Input.TextArea ref={textRef} id="sms-compose_text" rows={5} maxLength={1000} placeholder={t('sms.compose.textPlaceholder')} data-testid="sms-text" />
                </Form.Item>
              </Form.Item>
              <Form.Item name="orgId" label={t('sms.compose.org')} extra={t('sms.compose.orgHint')}>
                <OrgPicker allowClear aria-label={t('sms.compose.org')} data-testid="sms-org" />
              </Form.Item>
              <Form.Item name="who" label={t('sms.compose.who')}>
                <Checkbox.Group options={WHO.map((w) => ({
                  value: w,
                  label: <span data-testid={`sms-who-${w}`}>{t(`sms.who.${w}`)}</span>,
                }))} />
              </Form.Item>
              {wantsGroups && (
                <Form.Item name="groupIds" label={t('sms.who.group')} extra={t('sms.compose.groupHint')}
                  rules={[{ required: true, type: 'array', min: 1, message: t('sms.compose.groupRequired') }]}>
                  <Select mode="multiple" showSearch filterOption={false} onSearch={setGroupQ} loading={groups.isFetching}
                    disabled={!values?.orgId} placeholder={values?.orgId ? t('sms.compose.groupPlaceholder') : t('sms.compose.orgRequired')}
                    options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name, 'data-testid': 'sms-group-option' }))} data-testid="sms-groups" aria-label={t('sms.who.group')} />
                </Form.Item>
              )}
              <Form.Item name="phones" label={t('sms.compose.phones')} extra={t('sms.compose.phonesHint')} rules={rules.phones}>
                <Input.TextArea rows={4} placeholder={t('sms.compose.phonesPlaceholder')} className="mono" data-testid="sms-phones" />
              </Form.Item>
              <Form.Item name="lane" label={t('sms.compose.lane')} extra={t('sms.compose.laneHint')}>
                <Radio.Group optionType="button" options={LANES.map((l) => ({ value: l, label: t(`sms.lanes.${l}`) }))} />
              </Form.Item>
              {lane === 'emergency' && (
                <Form.Item name="ignoreOptOut" valuePropName="checked" label={' '} colon={false}
                  extra={<Alert type="warning" showIcon className="sms-optout-warn" title={t('sms.compose.ignoreOptOutWarn')} />}>
                  <Checkbox data-testid="sms-ignore-optout">{t('sms.compose.ignoreOptOut')}</Checkbox>
                </Form.Item>
              )}
              <Form.Item name="sendAt" label={t('sms.compose.schedule')} extra={t('sms.compose.scheduleHint')} rules={rules.sendAt}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" minDate={dayjs().startOf('day')} style={{ width: 220 }} />
              </Form.Item>
              {error && <Alert type="error" showIcon title={error} className="console-alert" role="alert" />}
              <Form.Item label={horizontal ? ' ' : undefined} colon={false}>
                <Space wrap>
                  <Button onClick={() => void check()} loading={busy === 'preview'} data-testid="sms-preview">{t('sms.compose.preview')}</Button>
                  <Button type="primary" onClick={() => void send()} loading={busy === 'send'} disabled={!fresh} data-testid="sms-submit">
                    {values?.sendAt ? t('sms.compose.submitScheduled') : t('sms.compose.submit')}
                  </Button>
                </Space>
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('sms.compose.previewTitle')} data-testid="sms-preview-result">
            <div className="sms-preview-text">
              <div className="muted small">{t('sms.compose.signatureNote', { signature })}</div>
              <div className="sms-bubble" data-testid="sms-live-text">{signedText(text, signature)}</div>
            </div>
            {!checked && <p className="muted">{t('sms.compose.previewFirst')}</p>}
            {checked && !fresh && <Alert type="info" showIcon title={t('sms.compose.previewStale')} />}
            {p && (
              <>
                <Row gutter={[12, 12]}>
                  <Col span={12}><Statistic title={t('sms.compose.recipients')} value={p.recipients} suffix={t('sms.compose.recipientsUnit')} data-testid="sms-recipients" /></Col>
                  <Col span={12}><Statistic title={t('sms.compose.segments')} value={p.segments} /></Col>
                  <Col span={12}><Statistic title={t('sms.compose.withoutPhone')} value={p.withoutPhone} /></Col>
                  <Col span={12}><Statistic title={t('sms.compose.optedOut')} value={p.optedOut} /></Col>
                </Row>
                <Descriptions size="small" column={1} className="sms-preview-notes" items={[
                  { key: 'total', label: t('sms.compose.total'), children: fmtCount(p.recipients * p.segments) },
                  ...(p.optedOut ? [{ key: 'opt', label: t('sms.compose.optedOut'), children: current?.body.ignoreOptOut ? t('sms.compose.optedOutIncluded') : t('sms.compose.optedOutSkipped') }] : []),
                ]} />
                {p.invalidPhones.length > 0 && (
                  <Alert type="error" showIcon title={t('sms.compose.invalidLines')} description={
                    <ul className="sms-invalid">{p.invalidPhones.slice(0, 20).map((x) => (
                      <li key={x.index}>{t('sms.compose.phoneInvalid', { line: fresh.lines[x.index]?.line ?? x.index + 1, value: x.value })}</li>
                    ))}</ul>
                  } />
                )}
                {p.recipients === 0 && !p.invalidPhones.length && <Alert type="warning" showIcon title={t('sms.compose.noRecipients')} />}
                {p.recipients > 0 && (
                  <Alert type={p.approvalRequired ? 'warning' : 'success'} showIcon data-testid="sms-approval-note"
                    title={p.approvalRequired ? t('sms.compose.approvalNeeded') : t('sms.compose.noApproval')} />
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
