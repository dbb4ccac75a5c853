// Changing one's own password. Policy failures (length, classes, reuse) come back as
// problem titles in Chinese and are shown under the new-password field.
import { useState } from 'react';
import { App, Button, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { errorText } from '@/modules/common/errors';
import { ME_KEY, authApi } from './auth-api';

interface Values { currentPassword: string; newPassword: string; confirm: string }

export function ChangePasswordForm({ layout = 'vertical' }: { layout?: 'vertical' | 'horizontal' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await authApi.changePassword(v.currentPassword, v.newPassword);
      form.resetFields();
      message.success(t('profile.passwordChanged'));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    } catch (e) {
      const field = isApiError(e) && e.code.startsWith('auth.password') ? 'newPassword' : 'currentPassword';
      form.setFields([{ name: field, errors: [errorText(t, e)] }]);
    } finally {
      setBusy(false);
    }
  };

  const wide = layout === 'horizontal';
  return (
    <Form
      name="change-password"
      form={form}
      layout={layout}
      labelCol={wide ? { flex: '9em' } : undefined}
      wrapperCol={wide ? { flex: '1 1 0' } : undefined}
      onFinish={submit}
      disabled={busy}
      style={{ maxWidth: 560 }}
    >
      <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={[{ required: true, message: t('common.required', { label: t('profile.currentPassword') }) }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('profile.newPassword')} rules={[{ required: true, message: t('common.required', { label: t('profile.newPassword') }) }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('profile.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { label: t('profile.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: (_, v: string) =>
              !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('profile.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label={wide ? ' ' : undefined} colon={false}>
        <Button type="primary" htmlType="submit" loading={busy}>{t('profile.password')}</Button>
      </Form.Item>
    </Form>
  );
}
