// 新增/编辑党员: every MemberInput field with inline Chinese validation; the server's
// per-field errors land under the same fields; PATCH carries the record's version.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Divider, Drawer, Form, Grid, Input, Radio, Row, Select, Space, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import type { MemberDetail } from '@/api/types';
import { enumOptions } from '@/i18n/enums';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { LANDLINE_RE, MOBILE_RE, idNumberProblem } from './id-number';
import { EMPTY_MEMBER, changedFields, toFormValues, toInput, type MemberFormValues } from './member-form-values';
import { memberKeys, membersApi } from './members-api';

interface Props {
  open: boolean;
  /** The record to edit; absent when registering a new member. */
  member?: MemberDetail | null;
  defaultOrg?: { id: string; name: string } | null;
  onClose: () => void;
  onSaved: (m: MemberDetail) => void;
}

export function MemberForm({ open, member: given, defaultOrg, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<MemberFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  // The record being edited; replaced by the current one after a version conflict.
  const [member, setMember] = useState<MemberDetail | null | undefined>(given);
  const editing = !!member;
  const category = Form.useWatch('category', form);
  const idType = Form.useWatch('idType', form);
  const lost = Form.useWatch('lostContact', form);
  const migrant = Form.useWatch('migrant', form);

  const fill = (m: MemberDetail | null | undefined) => {
    setMember(m);
    setError(null);
    setConflict(false);
    form.resetFields();
    form.setFieldsValue(m ? toFormValues(m) : { ...EMPTY_MEMBER, orgId: defaultOrg?.id });
  };

  useEffect(() => {
    if (open) fill(given);
    // Refill only when the drawer opens or another record is given.
  }, [open, given]); // eslint-disable-line react-hooks/exhaustive-deps -- see the comment above

  /** After a 409: load the current record and start the edit again from it. */
  const reload = async () => {
    if (!member) return;
    setBusy(true);
    try {
      fill(await queryClient.fetchQuery({ queryKey: memberKeys.detail(member.id), queryFn: () => membersApi.get(member.id), staleTime: 0 }));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const L = (k: string) => t(`members.fields.${k}` as 'members.fields.name');
  const req = (k: string, select = false): Rule => ({ required: true, message: t(select ? 'common.requiredSelect' : 'common.required', { label: L(k) }) });
  const notFuture: Rule = { validator: (_, v?: Dayjs | null) => (v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error(t('members.validation.future'))) : Promise.resolve()) };
  const after = (other: keyof MemberFormValues, msg: string): Rule => ({
    validator: (_, v?: Dayjs | null) => {
      const o = form.getFieldValue(other) as Dayjs | null | undefined;
      return v && o && !v.isAfter(o, 'day') ? Promise.reject(new Error(msg)) : Promise.resolve();
    },
  });
  const idRule: Rule = {
    validator: (_, v?: string) => {
      if (!v || form.getFieldValue('idType') !== 'resident_id') return Promise.resolve();
      const birth = (form.getFieldValue('birthDate') as Dayjs | null)?.format('YYYY-MM-DD');
      const p = idNumberProblem(v, birth);
      const msg = { length: 'idLength', format: 'idFormat', checksum: 'idChecksum', birth: 'idBirth' } as const;
      return p ? Promise.reject(new Error(t(`members.validation.${msg[p]}`))) : Promise.resolve();
    },
  };

  const submit = async (values: MemberFormValues) => {
    setBusy(true);
    setError(null);
    try {
      const input = toInput(values);
      const saved = member
        ? await membersApi.update(member.id, { ...changedFields(input, toInput(toFormValues(member))), version: member.version })
        : await membersApi.create(input);
      message.success(member ? t('members.saved') : t('members.created', { name: saved.name }));
      queryClient.setQueryData(memberKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: memberKeys.all });
      onSaved(saved);
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        setError(t('common.conflict'));
        setConflict(true);
      }
      else if (!applyFieldErrors(form, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const col = (children: React.ReactNode, wide = false) => <Col xs={24} lg={wide ? 24 : 12}>{children}</Col>;
  const horizontal = !!screens.md;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.lg ? 960 : '100%'}
      title={editing ? t('common.titled', { title: t('members.formEdit'), name: member?.name ?? '' }) : t('members.formCreate')}
      destroyOnHidden
      footer={
        <Space className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="member-form-submit">{t('common.save')}</Button>
        </Space>
      }
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          className="form-alert"
          action={conflict && <Button size="small" onClick={reload}>{t('common.refresh')}</Button>}
        />
      )}
      <Form
        name="member-form"
        form={form}
        layout={horizontal ? 'horizontal' : 'vertical'}
        labelCol={horizontal ? { flex: '7.5em' } : undefined}
        wrapperCol={horizontal ? { flex: '1 1 0' } : undefined}
        labelWrap
        onFinish={submit}
        disabled={busy}
        scrollToFirstError
      >
        <Divider titlePlacement="start">{t('members.sections.identity')}</Divider>
        <Row gutter={16}>
          {col(<Form.Item name="name" label={L('name')} rules={[req('name'), { max: 30 }]}><Input autoComplete="off" /></Form.Item>)}
          {col(<Form.Item name="gender" label={L('gender')} rules={[req('gender', true)]}><Radio.Group options={enumOptions(t, 'gender')} /></Form.Item>)}
          {col(<Form.Item name="ethnicity" label={L('ethnicity')} rules={[req('ethnicity'), { max: 20 }]}><Input /></Form.Item>)}
          {col(<Form.Item name="birthDate" label={L('birthDate')} rules={[req('birthDate', true), notFuture]}><DatePicker style={{ width: '100%' }} /></Form.Item>)}
          {col(<Form.Item name="idType" label={L('idType')} rules={[req('idType', true)]}><Select options={enumOptions(t, 'idType')} /></Form.Item>)}
          {col(
            <Form.Item
              name="idNumber"
              label={idType === 'resident_id' ? L('idNumber') : L('idNumberOther')}
              dependencies={['idType', 'birthDate']}
              rules={[...(editing ? [] : [req('idNumber')]), idRule]}
              extra={editing ? t('members.keepMasked', { value: member?.idNumber }) : undefined}
              validateTrigger="onBlur"
            >
              <Input maxLength={idType === 'resident_id' ? 18 : 32} autoComplete="off" className="mono" />
            </Form.Item>,
          )}
          {col(<Form.Item name="education" label={L('education')} rules={[req('education', true)]}><Select options={enumOptions(t, 'education')} /></Form.Item>)}
          {col(<Form.Item name="job" label={L('job')} rules={[{ max: 60 }]}><Input /></Form.Item>)}
        </Row>

        <Divider titlePlacement="start">{t('members.sections.party')}</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="orgId" label={L('orgId')} rules={[req('orgId', true)]}>
              <OrgPicker initialLabel={member?.orgName ?? defaultOrg?.name} />
            </Form.Item>,
          )}
          {col(<Form.Item name="category" label={L('category')} rules={[req('category', true)]}><Radio.Group options={enumOptions(t, 'category')} /></Form.Item>)}
          {col(
            <Form.Item name="joinedOn" label={L('joinedOn')} dependencies={['birthDate']}
              rules={[req('joinedOn', true), notFuture, after('birthDate', t('members.validation.joinAfterBirth'))]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>,
          )}
          {category === 'full' && col(
            <Form.Item name="fullOn" label={L('fullOn')} dependencies={['joinedOn']}
              rules={[{ required: true, message: t('members.validation.fullRequired') }, notFuture, after('joinedOn', t('members.validation.fullAfterJoin'))]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>,
          )}
          {col(<Form.Item name="standing" label={L('standing')} rules={[req('standing', true)]}><Select options={enumOptions(t, 'standing')} /></Form.Item>)}
        </Row>

        <Divider titlePlacement="start">{t('members.sections.contact')}</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item
              name="mobile"
              label={L('mobile')}
              rules={[...(editing ? [] : [req('mobile')]), { pattern: MOBILE_RE, message: t('members.validation.mobile') }]}
              extra={editing ? t('members.keepMasked', { value: member?.mobile }) : undefined}
              validateTrigger="onBlur"
            >
              <Input inputMode="numeric" maxLength={11} autoComplete="off" className="mono" />
            </Form.Item>,
          )}
          {col(<Form.Item name="landline" label={L('landline')} rules={[{ pattern: LANDLINE_RE, message: t('members.validation.landline') }]}><Input /></Form.Item>)}
          {col(<Form.Item name="address" label={L('address')} rules={[{ max: 120 }]}><Input /></Form.Item>, true)}
        </Row>

        <Divider titlePlacement="start">{t('members.sections.mobility')}</Divider>
        <Row gutter={16}>
          {col(<Form.Item name="migrant" label={L('migrant')} valuePropName="checked"><Switch /></Form.Item>)}
          {col(<Form.Item name="lostContact" label={L('lostContact')} valuePropName="checked"><Switch /></Form.Item>)}
          {migrant && col(<Form.Item name="migrantProvince" label={L('migrantProvince')} rules={[req('migrantProvince'), { max: 20 }]}><Input /></Form.Item>)}
          {migrant && col(<Form.Item name="migrantCity" label={L('migrantCity')} rules={[{ max: 20 }]}><Input /></Form.Item>)}
          {migrant && col(<Form.Item name="migrantCounty" label={L('migrantCounty')} rules={[{ max: 20 }]}><Input /></Form.Item>)}
          {lost && col(<Form.Item name="lostContactOn" label={L('lostContactOn')} rules={[req('lostContactOn', true), notFuture]}><DatePicker style={{ width: '100%' }} /></Form.Item>)}
        </Row>
      </Form>
    </Drawer>
  );
}
