// Confirmation of one step (提交, 审核通过, 退回修改, 撤回, 撤销) with what it will do, an
// optional comment (required reason for 退回修改), and the server's refusal shown as written.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { transferKeys, transfersApi, type TransferAction, type TransferDetail } from './transfers-api';

export type ModalAction = Exclude<TransferAction, never>;

interface Props {
  transfer: TransferDetail | null;
  action: ModalAction | null;
  onClose: () => void;
}

export function TransferActionModal({ transfer, action: given, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = !!transfer && !!given;
  // Keep showing the last step while the modal closes.
  const last = useRef<{ tr: TransferDetail; action: ModalAction } | null>(null);
  if (transfer && given) last.current = { tr: transfer, action: given };
  const tr = last.current?.tr;
  const action = last.current?.action;

  // A fresh form for every step (the modal is reused for the next one).
  useEffect(() => { if (open) { setError(null); form.resetFields(); } }, [open, tr?.id, action]); // eslint-disable-line react-hooks/exhaustive-deps -- reset when the modal opens for another transfer or step, not on each render

  if (!tr || !action) return null;

  const body = (() => {
    switch (action) {
      case 'submit': return t('transfers.confirm.submitBody', { name: tr.memberName });
      case 'approve':
        if (tr.state === 'in_review') return t('transfers.confirm.approveIn', { name: tr.memberName });
        return tr.destination === 'outside'
          ? t('transfers.confirm.approveOutOutside', { letterNo: tr.letterNo })
          : t('transfers.confirm.approveOut', { letterNo: tr.letterNo, days: tr.validityDays });
      case 'return': return t('transfers.confirm.returnBody');
      case 'withdraw': return t('transfers.confirm.withdrawBody');
      case 'cancel': return t('transfers.confirm.cancelBody');
    }
  })();
  const title = t(`transfers.confirm.${action}Title`);
  const hasText = action !== 'submit';
  const isReturn = action === 'return';
  const label = isReturn ? t('transfers.confirm.reason') : t('transfers.confirm.commentOptional');

  const run = async ({ text }: { text?: string }) => {
    setBusy(true);
    setError(null);
    const note = text?.trim() || undefined;
    try {
      const saved = action === 'submit' ? await transfersApi.submit(tr.id)
        : action === 'return' ? await transfersApi.return(tr.id, note!)
        : await transfersApi[action](tr.id, note);
      queryClient.setQueryData(transferKeys.detail(saved.id), saved);
      message.success(action === 'submit' ? t('transfers.done.submitted') : t(`transfers.done.${action}`));
      void queryClient.invalidateQueries({ queryKey: transferKeys.all });
      onClose();
    } catch (e) {
      setError(errorText(t, e));
      // The transfer may have moved on meanwhile (409 transfer.invalid_state): show its state now.
      void queryClient.invalidateQueries({ queryKey: transferKeys.all });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`${title}：${tr.memberName}（${tr.letterNo}）`}
      onCancel={onClose}
      // Validate and run directly rather than through form.submit(): a click that lands in the frames
      // before the modal's form has registered would otherwise be dropped silently (seen on a loaded CI machine).
      // validateFields also rejects with no field errors when the form re-renders while it validates (outOfDate,
      // e.g. the transfer behind the modal was refetched): that is no reason to drop the click either.
      onOk={() => {
        void form.validateFields().then(run, (e: { errorFields?: unknown[] }) => {
          if (!e?.errorFields?.length) void run(form.getFieldsValue() as { text?: string });
        });
      }}
      okText={t(`transfers.actions.${action}`)}
      okButtonProps={{ danger: action === 'cancel' || action === 'withdraw', 'data-testid': 'transfer-confirm' } as ButtonProps}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <p>{body}</p>
      {error && <Alert type="error" showIcon title={error} className="form-alert" role="alert" />}
      <Form name="transfer-action" form={form} layout="vertical" onFinish={run} disabled={busy} preserve={false}>
        {hasText && (
          <Form.Item
            name="text"
            label={label}
            rules={isReturn
              ? [{ required: true, whitespace: true, message: t('transfers.confirm.reasonRequired') }, { min: 2, max: 200, message: t('transfers.confirm.reasonLength') }]
              : [{ max: 200, message: t('transfers.confirm.commentLength') }]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={isReturn ? t('transfers.confirm.reasonPlaceholder') : undefined} data-testid="transfer-action-text" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
