// The audit log's filter form: actor, action, object type and id, time range.
import { useState } from 'react';
import { AutoComplete, Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import { DownOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditQuery } from '@/api/types';
import { useAuditLabels } from './audit-labels';

interface Values { actor?: string; action?: string; entityType?: string; entityId?: string; range?: [Dayjs | null, Dayjs | null] | null }

export function AuditFilters({ onSearch }: { onSearch: (q: AuditQuery) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const labels = useAuditLabels();
  const L = (k: 'actor' | 'action' | 'entityType' | 'entityId' | 'range') => t(`audit.fields.${k}`);

  const submit = (v: Values) =>
    onSearch({
      actor: v.actor?.trim() || undefined,
      action: v.action || undefined,
      entityType: v.entityType?.trim() || undefined,
      entityId: v.entityId?.trim() || undefined,
      from: v.range?.[0]?.toISOString(),
      to: v.range?.[1]?.toISOString(),
    });

  return (
    <Form name="audit-filter" form={form} layout="vertical" className="filter-form" onFinish={submit} role="search" aria-label={t('members.filters')}>
      <Row gutter={16}>
        <Col xs={24} sm={12} xl={6}>
          <Form.Item name="actor" label={L('actor')}><Input allowClear placeholder={t('audit.actorPlaceholder')} /></Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Form.Item name="action" label={L('action')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('members.any')} options={labels.actionOptions} aria-label={L('action')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={24} xl={8}>
          <Form.Item name="range" label={L('range')}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} placeholder={[t('audit.rangeStart'), t('audit.rangeEnd')]} />
          </Form.Item>
        </Col>
        {open && (
          <>
            <Col xs={24} sm={12} xl={6}>
              <Form.Item name="entityType" label={L('entityType')}>
                <AutoComplete allowClear options={labels.entityTypeOptions.map((o) => ({ value: o.value, label: t('common.withNote', { main: o.label, note: o.value }) }))} aria-label={L('entityType')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Form.Item name="entityId" label={L('entityId')}><Input allowClear inputMode="numeric" /></Form.Item>
            </Col>
          </>
        )}
        <Col xs={24} xl={open ? 12 : 4} className="filter-actions">
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>{t('common.search')}</Button>
            <Button onClick={() => { form.resetFields(); onSearch({}); }}>{t('common.reset')}</Button>
            <Button type="link" aria-expanded={open} onClick={() => setOpen(!open)} icon={open ? <UpOutlined aria-hidden /> : <DownOutlined aria-hidden />} iconPlacement="end">
              {open ? t('common.collapseFilters') : t('common.expandFilters')}
            </Button>
          </Space>
        </Col>
      </Row>
    </Form>
  );
}
