// 登记外出: a member of the caller's scope, the flow type and reason, the destination
// (province from a list, city and county suggested but free text), the contact there and
// the dates. Chinese messages inline; the server's field errors land under the same fields.
import { useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Col, DatePicker, Divider, Drawer, Form, Grid, Input, Radio, Row, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import type { MemberSummary } from '@/api/types';
import { errorText } from '@/modules/common/errors';
import { useDebounced } from '@/modules/common/useDebounced';
import { LANDLINE_RE, MOBILE_RE } from '@/modules/members/id-number';
import { memberKeys } from '@/modules/members/members-api';
import { FLOW_REASONS, FLOW_TYPES, HOME_PROVINCE, flowKeys, flowsApi, useMemberSearch, type FlowInput, type FlowReason, type FlowType } from './flows-api';
import { applyErrorsTo, isoDate, notFuture } from './form-utils';
import { CITY_COUNTIES, PROVINCES, PROVINCE_CITIES } from './regions';

interface Values {
  memberId?: string;
  flowType?: FlowType;
  reason?: FlowReason;
  destProvince?: string;
  destCity?: string;
  destCounty?: string;
  workplace?: string;
  contactName?: string;
  contactPhone?: string;
  leftOn?: Dayjs | null;
  expectedReturnOn?: Dayjs | null;
}

const FIELDS = ['memberId', 'flowType', 'reason', 'destProvince', 'destCity', 'destCounty', 'workplace', 'contactName', 'contactPhone', 'leftOn', 'expectedReturnOn'] as const;

const suggest = (list: string[] | undefined, typed: string | undefined) =>
  (list ?? []).filter((x) => !typed || x.includes(typed.trim())).map((x) => ({ value: x }));

export function FlowForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [memberInput, setMemberInput] = useState('');
  const [picked, setPicked] = useState<MemberSummary | null>(null);
  const q = useDebounced(memberInput.trim());
  const members = useMemberSearch(q);
  const flowType = Form.useWatch('flowType', form);
  const province = Form.useWatch('destProvince', form);
  const city = Form.useWatch('destCity', form);
  const county = Form.useWatch('destCounty', form);

  const L = (k: string) => t(`flows.fields.${k}` as 'flows.fields.memberName');
  const req = (k: string, select = false): Rule => (select
    ? { required: true, message: t('common.requiredSelect', { label: L(k) }) }
    : { required: true, whitespace: true, message: t('common.required', { label: L(k) }) });
  const max = (k: string, n: number): Rule => ({ max: n, message: t('flows.validation.maxLength', { label: L(k), max: n }) });

  const provinceOptions = useMemo(() => {
    const list = flowType === 'out_of_province' ? PROVINCES.filter((p) => p !== HOME_PROVINCE) : flowType ? [HOME_PROVINCE] : PROVINCES;
    return [...list, ...(flowType === 'out_of_province' ? ['台湾省', '香港特别行政区', '澳门特别行政区'].filter((p) => !list.includes(p)) : [])].map((p) => ({ value: p, label: p }));
  }, [flowType]);

  const memberOptions = (members.data ?? []).map((m) => ({
    value: m.id,
    label: t('flows.memberOption', { name: m.name, org: m.orgName }),
    member: m,
  }));
  if (picked && !memberOptions.some((o) => o.value === picked.id)) {
    memberOptions.push({ value: picked.id, label: t('flows.memberOption', { name: picked.name, org: picked.orgName }), member: picked });
  }

  const onTypeChange = (v: FlowType) => {
    const p = form.getFieldValue('destProvince') as string | undefined;
    if (v === 'out_of_province' && p === HOME_PROVINCE) form.setFieldsValue({ destProvince: undefined, destCity: undefined, destCounty: undefined });
    if (v !== 'out_of_province' && p !== HOME_PROVINCE) form.setFieldsValue({ destProvince: HOME_PROVINCE, destCity: undefined, destCounty: undefined });
  };

  const phoneRule: Rule = {
    validator: (_, v?: string) => {
      const s = v?.trim().replace(/\s+/g, '');
      if (!s || MOBILE_RE.test(s) || LANDLINE_RE.test(s)) return Promise.resolve();
      return Promise.reject(new Error(t('flows.validation.phone')));
    },
  };
  const provinceRule: Rule = {
    validator: (_, v?: string) => {
      const type = form.getFieldValue('flowType') as FlowType | undefined;
      if (!v || !type) return Promise.resolve();
      if (type === 'out_of_province' && v === HOME_PROVINCE) return Promise.reject(new Error(t('flows.validation.outOfProvince')));
      if (type !== 'out_of_province' && v !== HOME_PROVINCE) return Promise.reject(new Error(t('flows.validation.withinProvince')));
      return Promise.resolve();
    },
  };
  const expectedRule: Rule = {
    validator: (_, v?: Dayjs | null) => {
      const left = form.getFieldValue('leftOn') as Dayjs | null | undefined;
      return v && left && v.isBefore(left, 'day') ? Promise.reject(new Error(t('flows.validation.expectedBeforeLeft'))) : Promise.resolve();
    },
  };

  const submit = async (v: Values) => {
    if (!v.memberId) return;
    setBusy(true);
    setError(null);
    const input: FlowInput = {
      flowType: v.flowType!, reason: v.reason!, destProvince: v.destProvince!.trim(), destCity: v.destCity!.trim(),
      destCounty: v.destCounty?.trim() || null, workplace: v.workplace?.trim() || null, contactName: v.contactName?.trim() || null,
      contactPhone: v.contactPhone?.trim().replace(/\s+/g, '') || null, leftOn: isoDate(v.leftOn)!, expectedReturnOn: isoDate(v.expectedReturnOn),
    };
    try {
      const f = await flowsApi.create(v.memberId, input);
      message.success(t('flows.created', { name: f.memberName }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: flowKeys.all }),
        queryClient.invalidateQueries({ queryKey: memberKeys.all }),
      ]);
      onClose();
    } catch (e) {
      if (isApiError(e) && e.code === 'flow.already_open') form.setFields([{ name: 'memberId', errors: [e.title] }]);
      else if (!applyErrorsTo(form, e, FIELDS)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const horizontal = !!screens.md;
  const col = (node: React.ReactNode) => <Col xs={24} lg={12}>{node}</Col>;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.lg ? 880 : '100%'}
      title={t('flows.createTitle')}
      destroyOnHidden
      afterOpenChange={(o) => { if (!o) { form.resetFields(); setError(null); setPicked(null); setMemberInput(''); } }}
      footer={
        <Space className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="flow-save">{t('common.save')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form
        name="flow-form"
        form={form}
        layout={horizontal ? 'horizontal' : 'vertical'}
        labelCol={horizontal ? { flex: '8em' } : undefined}
        wrapperCol={horizontal ? { flex: '1 1 0' } : undefined}
        labelWrap
        onFinish={submit}
        disabled={busy}
        scrollToFirstError
        initialValues={{ reason: 'work_business', leftOn: dayjs() }}
      >
        <Divider titlePlacement="start">{t('flows.sections.member')}</Divider>
        <Form.Item name="memberId" label={L('member')} rules={[req('member', true)]} extra={t('flows.memberHint')}>
          <Select
            showSearch={{ filterOption: false, onSearch: setMemberInput, searchValue: memberInput }}
            placeholder={t('flows.memberPlaceholder')}
            options={memberOptions}
            loading={members.isFetching}
            onChange={(_, opt) => setPicked((opt as { member?: MemberSummary } | undefined)?.member ?? null)}
            notFoundContent={!q ? t('flows.memberTypeToSearch') : members.isFetching ? t('common.loading') : t('flows.memberNotFound', { q })}
            optionRender={(o) => {
              const m = (o.data as { member: MemberSummary }).member;
              return (
                <div>
                  <div>{m.name} <span className="muted small">{m.orgName}</span></div>
                  <div className="muted small mono">{m.idNumber}{m.migrant ? ` · ${t('flows.memberMigrant')}` : ''}</div>
                </div>
              );
            }}
            getPopupContainer={(el: HTMLElement) => el.parentElement ?? document.body}
          />
        </Form.Item>
        <Form.Item name="flowType" label={L('flowType')} rules={[req('flowType', true)]}>
          <Radio.Group onChange={(e) => onTypeChange(e.target.value as FlowType)} options={FLOW_TYPES.map((v) => ({ value: v, label: t(`flows.flowType.${v}`) }))} />
        </Form.Item>
        <Row gutter={16}>
          {col(
            <Form.Item name="reason" label={L('reason')} rules={[req('reason', true)]}>
              <Select options={FLOW_REASONS.map((v) => ({ value: v, label: t(`flows.reason.${v}`) }))} />
            </Form.Item>,
          )}
        </Row>

        <Divider titlePlacement="start">{t('flows.sections.destination')}</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="destProvince" label={L('destProvince')} rules={[req('destProvince', true), provinceRule]} dependencies={['flowType']}
              extra={flowType && flowType !== 'out_of_province' ? t('flows.homeProvinceFixed') : undefined}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('flows.provincePlaceholder')}
                options={provinceOptions}
                onChange={() => form.setFieldsValue({ destCity: undefined, destCounty: undefined })}
                getPopupContainer={(el: HTMLElement) => el.parentElement ?? document.body}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="destCity" label={L('destCity')} rules={[req('destCity'), max('destCity', 20)]}>
              <AutoComplete
                options={suggest(province ? PROVINCE_CITIES[province] : undefined, city)}
                placeholder={t('flows.cityPlaceholder')}
                onChange={() => form.setFieldsValue({ destCounty: undefined })}
                getPopupContainer={(el: HTMLElement) => el.parentElement ?? document.body}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="destCounty" label={L('destCounty')} rules={[max('destCounty', 20)]}>
              <AutoComplete
                options={suggest(city ? CITY_COUNTIES[city] : undefined, county)}
                placeholder={t('flows.countyPlaceholder')}
                getPopupContainer={(el: HTMLElement) => el.parentElement ?? document.body}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="workplace" label={L('workplace')} rules={[max('workplace', 100)]}>
              <Input placeholder={t('flows.workplacePlaceholder')} />
            </Form.Item>,
          )}
        </Row>

        <Divider titlePlacement="start">{t('flows.sections.contact')}</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="contactName" label={L('contactName')} rules={[max('contactName', 30)]} dependencies={['contactPhone']}>
              <Input autoComplete="off" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="contactPhone" label={L('contactPhone')} rules={[phoneRule]} validateTrigger="onBlur">
              <Input inputMode="tel" maxLength={30} autoComplete="off" placeholder="13800138000 / 0571-87654321" />
            </Form.Item>,
          )}
        </Row>

        <Divider titlePlacement="start">{t('flows.sections.dates')}</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="leftOn" label={L('leftOn')} rules={[req('leftOn', true), notFuture(t('flows.validation.future'))]}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="expectedReturnOn" label={L('expectedReturnOn')} rules={[expectedRule]} dependencies={['leftOn']}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>,
          )}
        </Row>
      </Form>
    </Drawer>
  );
}
