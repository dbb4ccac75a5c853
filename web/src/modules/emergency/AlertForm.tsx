// 新建应急预警: kind, title, the SMS (shown as it will be sent, with “回复1确认收到” and the signature, and its count),
// the organization × who, the timing of reminders and escalation, and the recorded opt-out override. 核对接收人 asks the
// SMS platform's preview for the exact counts; a confirmation names how many are texted. Checked here in Chinese and
// again by the server (whose field errors land under the fields).
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { countSms } from '@sms-text';
import { isApiError } from '@/api/client';
import type { Me } from '@/api/types';
import { errorText } from '@/modules/common/errors';
import { fmtCount } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { smsApi, type Preview } from '@/modules/sms/sms-api';
import { ALERT_KINDS, ALERT_WHO, emergencyApi, emergencyKeys, type AlertInput, type AlertKind, type AlertWho } from './emergency-api';

interface Values {
  kind?: AlertKind;
  title?: string;
  text?: string;
  orgId?: string;
  who?: AlertWho[];
  remindAfterMinutes?: number;
  maxReminders?: number;
  escalateAfterMinutes?: number;
  ignoreOptOut?: boolean;
}

/** The SMS as the server sends it (emergency.service.ts smsTextOf): “回复1确认收到” appended unless it asks for 1 already. */
export function smsTextOf(text: string): string {
  const t = text.trim();
  if (!t || /回复\s*[1１]/.test(t)) return t;
  return /[。！？!?.；;，,]$/.test(t) ? `${t}回复1确认收到。` : `${t}。回复1确认收到。`;
}

export function AlertForm(_: { me: Me }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [checked, setChecked] = useState<{ key: string; preview: Preview } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'send' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const values = Form.useWatch([], form) as Values | undefined;
  const signature = t('emergency.form.signature');
  const asSent = smsTextOf(values?.text ?? '');
  const count = useMemo(() => countSms(asSent.startsWith(signature) ? asSent : signature + asSent), [asSent, signature]);
  const F = (k: string) => t(`emergency.form.${k}` as 'emergency.form.title');

  const body = (v: Values): AlertInput => ({
    kind: v.kind!, title: v.title?.trim() ?? '', text: v.text?.trim() ?? '', audience: { orgIds: v.orgId ? [v.orgId] : [], who: v.who ?? [] },
    remindAfterMinutes: v.remindAfterMinutes ?? 30, maxReminders: v.maxReminders ?? 2, escalateAfterMinutes: v.escalateAfterMinutes ?? 60,
    ...(v.ignoreOptOut ? { ignoreOptOut: true } : {}),
  });
  const key = values ? JSON.stringify({ ...body(values), title: '', kind: '', remindAfterMinutes: 0, maxReminders: 0, escalateAfterMinutes: 0 }) : '';
  const fresh = checked && checked.key === key ? checked.preview : null;

  const range = (min: number, max: number, msg: string): Rule[] => [{ required: true, message: msg }, { type: 'integer', min, max, message: msg }];
  const rules: Record<string, Rule[]> = {
    kind: [{ required: true, message: F('kindRequired') }],
    title: [{ required: true, whitespace: true, message: F('titleRequired') }, { max: 60, message: F('titleTooLong') }],
    text: [{ required: true, whitespace: true, message: F('textRequired') }, { max: 600, message: F('textTooLong') }],
    orgId: [{ required: true, message: F('orgRequired') }],
    // A validator, not `required`: antd would put aria-required on the group's div, which has no role that allows it.
    who: [{ validator: async (_: unknown, v?: AlertWho[]) => { if (!v?.length) throw new Error(F('whoRequired')); } }],
  };

  const showRefusal = (e: unknown) => {
    if (isApiError(e) && e.errors.length) {
      const fields = e.errors.map((x) => ({ name: (x.field.startsWith('audience.orgIds') ? 'orgId' : x.field.startsWith('audience.who') ? 'who' : x.field) as keyof Values, errors: [x.message] }))
        .filter((x) => ['kind', 'title', 'text', 'orgId', 'who', 'remindAfterMinutes', 'maxReminders', 'escalateAfterMinutes', 'ignoreOptOut'].includes(x.name));
      if (fields.length) { form.setFields(fields); return; }
    }
    setError(errorText(t, e));
  };

  const check = async () => {
    setError(null);
    const v = await form.validateFields(['text', 'orgId', 'who']).catch(() => null);
    if (!v) return;
    const b = body(form.getFieldsValue(true) as Values);
    setBusy('preview');
    try {
      const preview = await smsApi.preview({ text: smsTextOf(b.text), audience: { orgIds: b.audience.orgIds, who: b.audience.who }, ignoreOptOut: b.ignoreOptOut });
      setChecked({ key, preview });
    } catch (e) {
      showRefusal(e);
    } finally {
      setBusy(null);
    }
  };

  const send = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!fresh) { setError(checked ? F('previewStale') : F('previewFirst')); return; }
    modal.confirm({
      title: F('confirmTitle'),
      content: <span data-testid="alert-confirm">{t('emergency.form.confirmBody', { count: fmtCount(fresh.recipients) })}</span>,
      okText: F('send'), okButtonProps: { danger: true }, cancelText: F('cancel'),
      onOk: async () => {
        setBusy('send');
        try {
          const made = await emergencyApi.create(body(form.getFieldsValue(true) as Values));
          await queryClient.invalidateQueries({ queryKey: emergencyKeys.all });
          message.success(F('sent'));
          void navigate(`/admin/emergency/${made.id}`);
        } catch (e) {
          showRefusal(e);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  return (
    <>
      <PageHeader title={F('title')} extra={<Button onClick={() => void navigate('/admin/emergency')}>{F('back')}</Button>} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="emergency-alert"
        initialValues={{ kind: 'typhoon', who: ['secretaries'], remindAfterMinutes: 30, maxReminders: 2, escalateAfterMinutes: 60 }}
        onFinish={() => void send()}
      >
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card className="sms-card">
              <Row gutter={12}>
                <Col xs={24} sm={8}>
                  <Form.Item name="kind" label={F('kind')} rules={rules.kind}>
                    <Select options={ALERT_KINDS.map((k) => ({ value: k, label: t(`emergency.kinds.${k}`) }))} data-testid="alert-kind" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={16}>
                  <Form.Item name="title" label={F('titleLabel')} rules={rules.title}>
                    <Input maxLength={60} placeholder={F('titlePlaceholder')} data-testid="alert-title" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="text" label={F('text')} rules={rules.text}>
                <Input.TextArea rows={4} maxLength={600} showCount placeholder={F('textPlaceholder')} data-testid="alert-text" />
              </Form.Item>
              <p className="muted small">{F('textHint')}</p>
              {asSent && (
                <div className="sms-preview-text" data-testid="alert-as-sent">
                  <span className="muted small">{F('asSent')}（{t('emergency.form.segments', { chars: count.units, segments: count.segments })}）</span>
                  <div className="sms-bubble">{asSent.startsWith(signature) ? asSent : signature + asSent}</div>
                </div>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card className="sms-card">
              <Form.Item name="orgId" label={F('org')} rules={rules.orgId} extra={F('orgHint')}>
                <OrgPicker aria-label={F('org')} data-testid="alert-org" />
              </Form.Item>
              <Form.Item name="who" label={F('who')} rules={rules.who}>
                <Checkbox.Group options={ALERT_WHO.map((w) => ({ value: w, label: t(`emergency.who.${w}`) }))} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={8}>
                  <Form.Item name="remindAfterMinutes" label={F('remindAfter')} rules={range(10, 720, t('emergency.form.minutesRange', { min: 10, max: 720 }))}>
                    <InputNumber min={10} max={720} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name="maxReminders" label={F('maxReminders')} rules={range(0, 5, F('remindersRange'))}>
                    <InputNumber min={0} max={5} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name="escalateAfterMinutes" label={F('escalateAfter')} rules={range(10, 1440, t('emergency.form.minutesRange', { min: 10, max: 1440 }))}>
                    <InputNumber min={10} max={1440} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <p className="muted small">{F('timingHint')}</p>
              <Form.Item name="ignoreOptOut" valuePropName="checked">
                <Checkbox>{F('ignoreOptOut')}</Checkbox>
              </Form.Item>
            </Card>
          </Col>
        </Row>
        {fresh && (
          <Card title={F('previewTitle')} className="sms-card" data-testid="alert-preview">
            <Descriptions size="small" column={{ xs: 1, sm: 3 }} items={[
              { key: 'r', label: F('recipients'), children: <strong data-testid="alert-preview-recipients">{fmtCount(fresh.recipients)}</strong> },
              { key: 'n', label: F('withoutPhone'), children: fmtCount(fresh.withoutPhone) },
              { key: 'o', label: values?.ignoreOptOut ? F('optedOutIncluded') : F('optedOut'), children: fmtCount(fresh.optedOut) },
            ]} />
            {fresh.approvalRequired && <Alert type="warning" showIcon title={F('approval')} />}
          </Card>
        )}
        {checked && !fresh && <Alert type="info" showIcon className="console-alert" title={F('previewStale')} />}
        {error && <Alert type="error" showIcon className="console-alert" title={<span data-testid="alert-error">{error}</span>} />}
        <Space wrap>
          <Button onClick={() => void check()} loading={busy === 'preview'} data-testid="alert-preview-button">{F('preview')}</Button>
          <Button type="primary" danger htmlType="submit" loading={busy === 'send'} data-testid="alert-send">{F('send')}</Button>
        </Space>
      </Form>
    </>
  );
}
