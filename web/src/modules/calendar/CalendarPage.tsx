// 工作日历: a year's holidays (休息日) and adjusted working days (调休上班), listed by month, from which follow-up items'
// due dates are counted in working days. Every staff member reads it; the province's system administrator adds and
// removes days (the server checks every rule again: a 调休上班 day must be a Saturday or Sunday).
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Radio, Skeleton, Space, Typography } from 'antd';
import { DeleteOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api, ok } from '@/api/client';
import type { Me, ResponseOf } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';

type Year = ResponseOf<'/api/calendar/days', 'get'>;
type Day = Year['items'][number];
type AddForm = { date: Dayjs | null; kind: Day['kind']; name: string };

/** This year in China (UTC+8), whatever the browser's zone. */
const chinaYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

export function CalendarPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canWrite = hasPerm(me, 'calendar.write');
  const [year, setYear] = useState(chinaYear);
  const days = useQuery({ queryKey: ['calendar', year], queryFn: () => ok(api.GET('/api/calendar/days', { params: { query: { year } } })) });
  const [form] = Form.useForm<AddForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['calendar'] });
  const add = async (v: AddForm) => {
    if (!v.date) return;
    const date = v.date.format('YYYY-MM-DD');
    setBusy(true);
    setError(null);
    try {
      await ok(api.PUT('/api/calendar/days/{date}', { params: { path: { date } }, body: { kind: v.kind, name: v.name } }));
      message.success(t('calendar.saved', { date }));
      form.resetFields(['date', 'name']);
      if (v.date.year() !== year) setYear(v.date.year());
      await refresh();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (date: string) => {
    try {
      await ok(api.DELETE('/api/calendar/days/{date}', { params: { path: { date } } }));
      message.success(t('calendar.removed', { date }));
      await refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const byMonth = new Map<number, Day[]>();
  for (const d of days.data?.items ?? []) {
    const m = Number(d.date.slice(5, 7));
    byMonth.set(m, [...(byMonth.get(m) ?? []), d]);
  }

  return (
    <>
      <PageHeader title={t('calendar.title')} />
      <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
      <Space wrap className="calendar-year" style={{ marginBottom: 16 }}>
        <Button icon={<LeftOutlined aria-hidden />} aria-label={t('calendar.prevYear')} onClick={() => setYear(year - 1)} />
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }} data-testid="calendar-year">{t('calendar.year', { year })}</Typography.Title>
        <Button icon={<RightOutlined aria-hidden />} aria-label={t('calendar.nextYear')} onClick={() => setYear(year + 1)} />
        {days.data && days.data.items.length > 0 && (
          <ExportButton path="/api/exports/calendar-days.xlsx" query={{ year: String(year) }} fileName={t('calendar.exportFile', { year })} testId="calendar-export" />
        )}
        {days.data && (
          <Typography.Text data-testid="calendar-summary">
            {t('calendar.summary', { workingDays: days.data.workingDays, holidays: days.data.holidays, workdays: days.data.workdays })}
          </Typography.Text>
        )}
      </Space>
      {!canWrite && <Alert type="info" showIcon title={t('calendar.readOnly')} className="form-alert" />}
      {canWrite && (
        <Card size="small" title={<h2 className="card-h2">{t('calendar.addTitle')}</h2>} style={{ marginBottom: 16 }}>
          {error && <Alert type="error" showIcon title={error} className="form-alert" />}
          <Form name="calendar-day" form={form} layout="inline" initialValues={{ kind: 'holiday', name: '' }} onFinish={add} disabled={busy}>
            <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('calendar.dateRequired') }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="kind" label={t('calendar.kind')}>
              <Radio.Group options={[{ value: 'holiday', label: t('calendar.kinds.holiday') }, { value: 'workday', label: t('calendar.kinds.workday') }]} />
            </Form.Item>
            <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }]}>
              <Input maxLength={20} placeholder={t('calendar.namePlaceholder')} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={busy}>{t('calendar.add')}</Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {days.isError && <ErrorResult error={days.error} onRetry={() => void days.refetch()} />}
      {days.isPending && <Skeleton active />}
      {days.data && days.data.items.length === 0 && <Alert type="warning" showIcon title={t('calendar.emptyYear', { year })} />}
      {[...byMonth].map(([month, items]) => (
        <Card key={month} size="small" title={<h2 className="card-h2">{t('calendar.month', { month })}</h2>} style={{ marginBottom: 12 }}>
          <ul className="calendar-days" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((d) => (
              <li key={d.date} data-testid={`calendar-day-${d.date}`} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '4px 0' }}>
                <span style={{ minWidth: '9em' }}>{d.date.slice(5)} {t('calendar.weekdays').split(' ')[d.weekday]}</span>
                <StatusTag tone={d.kind === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kinds.${d.kind}`)}</StatusTag>
                <span style={{ flex: 1 }}>{d.name}</span>
                {canWrite && (
                  <Popconfirm title={t('calendar.removeConfirm', { date: d.date })} onConfirm={() => remove(d.date)} okText={t('calendar.remove')} cancelText={t('common.cancel')}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('calendar.removeLabel', { date: d.date })} />
                  </Popconfirm>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </>
  );
}
