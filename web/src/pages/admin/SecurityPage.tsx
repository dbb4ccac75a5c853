// 安全策略: the password, lockout, session and second-factor policy. Security
// administrators edit it; other readers see it disabled.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Grid, InputNumber, Row, Skeleton, Switch } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { Me, SecurityPolicy } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { PageHeader } from '@/modules/common/PageHeader';

type Unit = 'chars' | 'classes' | 'times' | 'minutes' | 'hours';
const GROUPS: { key: 'password' | 'lockout' | 'session'; fields: [keyof SecurityPolicy, Unit, number, number][] }[] = [
  { key: 'password', fields: [['passwordMinLength', 'chars', 8, 64], ['passwordMinClasses', 'classes', 1, 4], ['passwordHistory', 'times', 0, 24]] },
  { key: 'lockout', fields: [['lockoutThreshold', 'times', 1, 100], ['lockoutMinutes', 'minutes', 1, 1440]] },
  { key: 'session', fields: [['idleMinutes', 'minutes', 1, 1440], ['absoluteHours', 'hours', 1, 720]] },
];

export function SecurityPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const canWrite = hasPerm(me, 'security.write');
  const policy = useQuery({ queryKey: ['security-policy'], queryFn: () => ok(api.GET('/api/security/policy')) });
  const [form] = Form.useForm<SecurityPolicy>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  const save = async (v: SecurityPolicy) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await ok(api.PUT('/api/security/policy', { body: v }));
      queryClient.setQueryData(['security-policy'], saved ?? v);
      message.success(t('security.saved'));
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const horizontal = !!screens.md;
  return (
    <>
      <PageHeader
        title={t('security.title')}
        extra={canWrite && <Button type="primary" loading={busy} onClick={() => form.submit()} disabled={!policy.data}>{t('common.save')}</Button>}
      />
      {!canWrite && <Alert type="info" showIcon title={t('security.readOnly')} className="form-alert" />}
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      {policy.isError && <ErrorResult error={policy.error} onRetry={() => void policy.refetch()} />}
      {policy.isPending && <Skeleton active />}
      {policy.data && (
        <Form
          name="security-policy"
          form={form}
          layout={horizontal ? 'horizontal' : 'vertical'}
          labelCol={horizontal ? { flex: '12em' } : undefined}
          labelWrap
          onFinish={save}
          disabled={!canWrite || busy}
        >
          <Row gutter={[16, 16]}>
            {GROUPS.map((g) => (
              <Col key={g.key} xs={24} xl={12}>
                <Card size="small" title={<h2 className="card-h2">{t(`security.groups.${g.key}`)}</h2>}>
                  {g.fields.map(([name, unit, min, max]) => (
                    <Form.Item
                      key={name}
                      name={name}
                      label={t(`security.fields.${name}` as 'security.fields.idleMinutes')}
                      extra={name === 'passwordMinClasses' ? t('security.classesHelp') : undefined}
                      rules={[{ required: true, message: t('common.required', { label: t(`security.fields.${name}` as 'security.fields.idleMinutes') }) }]}
                    >
                      <InputNumber min={min} max={max} precision={0} suffix={t(`security.units.${unit}`)} style={{ width: 180 }} />
                    </Form.Item>
                  ))}
                </Card>
              </Col>
            ))}
            <Col xs={24} xl={12}>
              <Card size="small" title={<h2 className="card-h2">{t('security.groups.mfa')}</h2>}>
                <Form.Item name="mfaRequiredForStaff" label={t('security.fields.mfaRequiredForStaff')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Card>
            </Col>
          </Row>
        </Form>
      )}
    </>
  );
}
