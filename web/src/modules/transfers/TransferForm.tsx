// 发起转接 and 修改后重新提交: member, destination (a branch of the platform anywhere in
// the province, or an organization outside it), validity, 党费交至, reason and note. A new
// application is created and, with 保存并提交, submitted at once; a returned one is resubmitted
// with its edits. Server field errors land under their fields.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Grid, Input, InputNumber, Radio, Row, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { isApiError } from '@/api/client';
import type { MemberSummary } from '@/api/types';
import type { transfersZh } from '@/i18n/sections/transfers.zh-CN';
import { applyFieldErrors } from '@/modules/common/errors';
import { DestinationPicker, MemberPicker } from './RemotePickers';
import { transferKeys, transfersApi, type TransferDetail, type TransferEdits } from './transfers-api';

interface Values {
  memberId?: string;
  destination: 'platform' | 'outside';
  toOrgId?: string;
  outsideOrgName?: string;
  outsideProvince?: string;
  outsideCity?: string;
  validityDays: number;
  duesPaidTo?: Dayjs | null;
  reason?: string;
  note?: string;
}

interface Props {
  open: boolean;
  /** A returned transfer to correct and resubmit; absent for a new application. */
  transfer?: TransferDetail | null;
  onClose: () => void;
  /** Called with the saved transfer (submitted, or only created when submitting failed). */
  onSaved: (t: TransferDetail) => void;
}

const fromTransfer = (tr: TransferDetail): Values => ({
  memberId: tr.memberId,
  destination: tr.destination,
  toOrgId: tr.toOrgId ?? undefined,
  outsideOrgName: tr.destination === 'outside' ? tr.toOrgName : undefined,
  outsideProvince: tr.toProvince ?? undefined,
  outsideCity: tr.toCity ?? undefined,
  validityDays: tr.validityDays,
  duesPaidTo: tr.duesPaidTo ? dayjs(`${tr.duesPaidTo}-01`) : null,
  reason: tr.reason,
  note: tr.note ?? undefined,
});

const EMPTY: Values = { destination: 'platform', validityDays: 30 };

function edits(v: Values): Required<Pick<TransferEdits, 'validityDays' | 'duesPaidTo' | 'reason'>> & TransferEdits {
  const dest = v.destination === 'platform'
    ? { toOrgId: v.toOrgId }
    : { outsideOrgName: v.outsideOrgName?.trim(), outsideProvince: v.outsideProvince?.trim(), outsideCity: v.outsideCity?.trim() };
  return {
    ...dest,
    validityDays: v.validityDays,
    duesPaidTo: v.duesPaidTo!.format('YYYY-MM'),
    reason: v.reason!.trim(),
    note: v.note?.trim() || null,
  };
}

export function TransferForm({ open, transfer, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [member, setMember] = useState<MemberSummary | null>(null);
  const submitAfterCreate = useRef(true);
  const destination = Form.useWatch('destination', form);
  const resubmit = !!transfer;

  useEffect(() => {
    if (!open) return;
    setError(null);
    setMember(null);
    form.resetFields();
    form.setFieldsValue(transfer ? fromTransfer(transfer) : EMPTY);
  }, [open, transfer]); // eslint-disable-line react-hooks/exhaustive-deps -- reset only when the form opens or another transfer is given, not while the user types

  const F = (k: keyof typeof transfersZh.form) => t(`transfers.form.${k}`);
  const outsideRule = (label: string, min: number, max: number) => [
    { required: true, whitespace: true, message: t('transfers.form.outsideRequired', { label }) },
    { min, max, message: t('transfers.form.outsideLength', { label, min, max }) },
  ];

  const finish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      if (transfer) {
        const saved = await transfersApi.submit(transfer.id, edits(v));
        queryClient.setQueryData(transferKeys.detail(saved.id), saved);
        message.success(t('transfers.done.submitted'));
        await queryClient.invalidateQueries({ queryKey: transferKeys.all });
        onSaved(saved);
        return;
      }
      const created = await transfersApi.create({ memberId: v.memberId!, ...edits(v) });
      let saved = created;
      if (!submitAfterCreate.current) message.success(t('transfers.done.created', { letterNo: created.letterNo }));
      else {
        try {
          saved = await transfersApi.submit(created.id);
          message.success(t('transfers.done.createdSubmitted', { letterNo: created.letterNo }));
        } catch (e) {
          message.error(t('transfers.createdNotSubmitted', { letterNo: created.letterNo, error: errorText(t, e) }));
        }
      }
      queryClient.setQueryData(transferKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: transferKeys.all });
      onSaved(saved);
    } catch (e) {
      if (applyFieldErrors(form, e)) {
        setError(t('transfers.form.fixErrors'));
      } else if (isApiError(e) && e.code === 'transfer.open_exists') {
        form.setFields([{ name: 'memberId', errors: [e.title] }]);
        setError(t('transfers.form.fixErrors'));
      } else {
        setError(errorText(t, e));
      }
    } finally {
      setBusy(false);
    }
  };

  const go = (andSubmit: boolean) => { submitAfterCreate.current = andSubmit; form.submit(); };
  const horizontal = !!screens.md;
  const col = (node: React.ReactNode, wide = false) => <Col xs={24} lg={wide ? 24 : 12}>{node}</Col>;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.lg ? 880 : '100%'}
      title={resubmit ? t('common.titled', { title: F('resubmitTitle'), name: transfer?.letterNo ?? '' }) : F('createTitle')}
      destroyOnHidden
      footer={
        <Space className="drawer-footer" wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {!resubmit && <Button loading={busy} onClick={() => go(false)}>{F('saveDraft')}</Button>}
          <Button type="primary" loading={busy} onClick={() => go(true)} data-testid="transfer-save">
            {resubmit ? F('resubmit') : F('saveAndSubmit')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" role="alert" />}
      <Form<Values>
        name="transfer-form"
        form={form}
        layout={horizontal ? 'horizontal' : 'vertical'}
        labelCol={horizontal ? { flex: '9em' } : undefined}
        wrapperCol={horizontal ? { flex: '1 1 0' } : undefined}
        labelWrap
        onFinish={finish}
        onFinishFailed={() => setError(null)}
        disabled={busy}
        scrollToFirstError
        initialValues={EMPTY}
      >
        <Row gutter={16}>
          {col(resubmit ? (
            <Form.Item label={F('member')}>
              <span>{transfer?.memberName}</span> <span className="muted">（{transfer?.fromOrgName}）</span>
            </Form.Item>
          ) : (
            <Form.Item name="memberId" label={F('member')} extra={F('memberHint')} rules={[{ required: true, message: F('memberRequired') }]}>
              <MemberPicker testId="transfer-member" onChange={(_, m) => setMember(m ?? null)} />
            </Form.Item>
          ), true)}
          {col(
            <Form.Item name="destination" label={F('destination')} rules={[{ required: true, message: F('destinationRequired') }]}>
              <Radio.Group
                options={[
                  { value: 'platform', label: t('transfers.destination.platform') },
                  { value: 'outside', label: t('transfers.destination.outside') },
                ]}
              />
            </Form.Item>,
            true,
          )}
          {destination !== 'outside' ? col(
            <Form.Item name="toOrgId" label={F('toOrgId')} extra={F('toOrgHint')} rules={[{ required: true, message: F('toOrgRequired') }]}>
              <DestinationPicker
                testId="transfer-dest"
                initialLabel={transfer?.destination === 'platform' ? transfer.toOrgName : undefined}
                excludeId={member?.orgId ?? transfer?.fromOrgId}
              />
            </Form.Item>,
            true,
          ) : (
            <>
              {col(
                <Form.Item name="outsideOrgName" label={F('outsideOrgName')} rules={outsideRule(F('outsideOrgName'), 2, 60)}>
                  <Input placeholder={F('outsideOrgNamePlaceholder')} maxLength={60} data-testid="transfer-outside-name" />
                </Form.Item>,
                true,
              )}
              {col(
                <Form.Item name="outsideProvince" label={F('outsideProvince')} rules={outsideRule(F('outsideProvince'), 2, 20)}>
                  <Input maxLength={20} />
                </Form.Item>,
              )}
              {col(
                <Form.Item name="outsideCity" label={F('outsideCity')} rules={outsideRule(F('outsideCity'), 2, 20)}>
                  <Input maxLength={20} />
                </Form.Item>,
              )}
            </>
          )}
          {col(
            <Form.Item
              name="validityDays"
              label={F('validityDays')}
              extra={F('validityHint')}
              rules={[
                { required: true, message: F('validityRequired') },
                { type: 'integer', min: 1, max: 90, message: F('validityRange') },
              ]}
            >
              <InputNumber min={1} max={90} precision={0} suffix={t('transfers.form.daysUnit')} style={{ width: '100%' }} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="duesPaidTo" label={F('duesPaidTo')} rules={[{ required: true, message: F('duesPaidToRequired') }]}>
              <DatePicker picker="month" format="YYYY-MM" placeholder={F('duesPaidToPlaceholder')} style={{ width: '100%' }} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="reason"
              label={F('reason')}
              rules={[
                { required: true, whitespace: true, message: F('reasonRequired') },
                { min: 2, max: 200, message: F('reasonLength') },
              ]}
            >
              <Input.TextArea rows={2} maxLength={200} showCount placeholder={F('reasonPlaceholder')} />
            </Form.Item>,
            true,
          )}
          {col(
            <Form.Item name="note" label={F('note')} rules={[{ max: 500, message: F('noteLength') }]}>
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>,
            true,
          )}
        </Row>
      </Form>
    </Drawer>
  );
}
