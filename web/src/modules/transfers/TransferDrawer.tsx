// 转接详情: every field of the application, the steps as a timeline, and buttons for exactly
// the `actions` the server lists for the caller. 打印介绍信 once the letter is issued.
import { Alert, Button, Descriptions, Drawer, Grid, Space, Spin, Timeline } from 'antd';
import type { DescriptionsProps } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { dynLabel, enumLabel } from '@/i18n/enums';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { fmtDate, fmtDateTime } from '@/modules/common/format';
import { StatusTag } from '@/modules/common/StatusTag';
import { TransferStateTag, stateLabel } from './TransferStateTag';
import { fmtMonth } from './transfer-format';
import { transfersApi, useTransfer, type TransferAction, type TransferDetail } from './transfers-api';

interface Props {
  transferId: string | null;
  onClose: () => void;
  /** A step was chosen: the page opens the confirmation, or the edit form for a returned transfer. */
  onAction: (t: TransferDetail, action: TransferAction) => void;
}

const BUTTONS: { action: TransferAction; primary?: boolean; danger?: boolean }[] = [
  { action: 'submit', primary: true },
  { action: 'approve', primary: true },
  { action: 'return' },
  { action: 'withdraw', danger: true },
  { action: 'cancel', danger: true },
];

export function TransferDrawer({ transferId, onClose, onAction }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const q = useTransfer(transferId);
  const tr = q.data;
  const issued = !!tr?.issuedOn && (tr.state === 'in_review' || tr.state === 'completed');

  const items: DescriptionsProps['items'] = tr ? [
    { key: 'letterNo', label: t('transfers.fields.letterNo'), children: <span className="mono">{tr.letterNo}</span> },
    { key: 'state', label: t('transfers.fields.state'), children: <TransferStateTag state={tr.state} testId="transfer-state" /> },
    { key: 'memberName', label: t('transfers.fields.memberName'), children: tr.memberName },
    { key: 'memberIdNumber', label: t('transfers.fields.memberIdNumber'), children: <span className="mono">{tr.memberIdNumber}</span> },
    { key: 'memberCategory', label: t('transfers.fields.memberCategory'), children: enumLabel(t, 'category', tr.memberCategory) },
    { key: 'duesPaidTo', label: t('transfers.fields.duesPaidTo'), children: fmtMonth(t, tr.duesPaidTo) },
    { key: 'fromOrgName', label: t('transfers.fields.fromOrgName'), children: tr.fromOrgName, span: 'filled' },
    {
      key: 'toOrgName', label: t('transfers.fields.toOrgName'), span: 'filled',
      children: (
        <>
          {tr.toOrgName}
          {tr.destination === 'outside' && <> <StatusTag tone="blue">{t('transfers.outsideTag')}</StatusTag></>}
        </>
      ),
    },
    ...(tr.destination === 'outside' ? [{ key: 'toPlace', label: t('transfers.fields.toPlace'), children: [tr.toProvince, tr.toCity].filter(Boolean).join(' ') || '—', span: 'filled' as const }] : []),
    { key: 'validityDays', label: t('transfers.fields.validityDays'), children: t('transfers.days', { count: tr.validityDays }) },
    ...(tr.issuedOn ? [
      { key: 'issuedOn', label: t('transfers.fields.issuedOn'), children: fmtDate(tr.issuedOn) },
      { key: 'expiresOn', label: t('transfers.fields.expiresOn'), children: fmtDate(tr.expiresOn) },
    ] : [
      { key: 'issuedOn', label: t('transfers.fields.issuedOn'), children: <span className="muted">{t('transfers.notIssued')}</span> },
    ]),
    { key: 'reason', label: t('transfers.fields.reason'), children: tr.reason, span: 'filled' },
    { key: 'note', label: t('transfers.fields.note'), children: tr.note || '—', span: 'filled' },
    ...(tr.returnReason ? [{ key: 'returnReason', label: t('transfers.fields.returnReason'), children: tr.returnReason, span: 'filled' as const }] : []),
    { key: 'createdByName', label: t('transfers.fields.createdByName'), children: tr.createdByName },
    { key: 'createdAt', label: t('transfers.fields.createdAt'), children: fmtDateTime(tr.createdAt) },
    ...(tr.completedAt ? [{ key: 'completedAt', label: t('transfers.fields.completedAt'), children: fmtDateTime(tr.completedAt) }] : []),
  ] : [];

  const buttons = tr ? BUTTONS.filter((b) => tr.actions.includes(b.action)) : [];

  return (
    <Drawer
      open={!!transferId}
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={tr ? t('common.titled', { title: t('transfers.detailTitle'), name: tr.memberName }) : t('transfers.detailTitle')}
      destroyOnHidden
      extra={issued && tr ? (
        <Button icon={<PrinterOutlined aria-hidden />} href={transfersApi.letterUrl(tr.id)} target="_blank" rel="noopener" title={t('transfers.printHint')} data-testid="transfer-letter">
          {t('transfers.printLetter')}
        </Button>
      ) : null}
      footer={tr ? (
        buttons.length > 0 ? (
          <Space wrap className="drawer-footer">
            {buttons.map((b) => (
              <Button
                key={b.action}
                type={b.primary ? 'primary' : 'default'}
                danger={b.danger}
                onClick={() => onAction(tr, b.action)}
                data-testid={`transfer-${b.action}`}
              >
                {t(`transfers.actions.${b.action}`)}
              </Button>
            ))}
          </Space>
        ) : <span className="muted">{t('transfers.noActions')}</span>
      ) : null}
    >
      {q.isPending && <div className="page-fallback" role="status"><Spin /></div>}
      {q.isError && <ErrorResult error={q.error} onRetry={() => void q.refetch()} />}
      {tr && (
        <>
          {tr.state === 'returned' && tr.returnReason && (
            <Alert type="warning" showIcon className="form-alert" title={t('transfers.returnedAlert', { reason: tr.returnReason })} />
          )}
          {/* Focusable so that keyboard users can scroll a long detail on a phone (axe: scrollable-region-focusable). */}
          <section tabIndex={0} aria-label={t('transfers.tabs.basic')}>
            <Descriptions bordered size="small" column={screens.md ? 2 : 1} items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />
          </section>
          <h2 className="card-h2" style={{ margin: '20px 0 12px' }}>{t('transfers.tabs.steps')}</h2>
          {tr.steps.length === 0 ? <p className="muted">{t('transfers.stepsEmpty')}</p> : (
            <Timeline
              items={tr.steps.map((s) => ({
                key: s.id,
                content: (
                  <div>
                    <div className="muted small"><time dateTime={s.at}>{fmtDateTime(s.at)}</time></div>
                    <div className="history-head">
                      {t('transfers.stepLine', { actor: s.actorName, action: dynLabel(t, `transfers.actions.${s.action}`, s.action) })}
                    </div>
                    <div className="muted small">
                      {s.fromState
                        ? t('transfers.stepState', { from: stateLabel(t, s.fromState), to: stateLabel(t, s.toState) })
                        : t('transfers.stepStateNew', { to: stateLabel(t, s.toState) })}
                    </div>
                    {s.comment && <div>{t('transfers.stepComment', { comment: s.comment })}</div>}
                  </div>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
