// Filters of the station list: organization subtree, type, status and a name keyword.
import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { enumOptions } from '@/i18n/enums';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import type { StationQuery } from './stations-api';

export function toStationQuery(v: StationQuery): StationQuery {
  return { orgId: v.orgId || undefined, type: v.type, status: v.status, q: v.q?.trim() || undefined };
}

export function StationFilters({ onSearch, extra }: { onSearch: (v: StationQuery) => void; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StationQuery>();
  const L = (k: 'org' | 'type' | 'status' | 'keyword') => t(`stations.fields.${k}`);
  return (
    <Form name="station-filter" form={form} layout="vertical" onFinish={(v) => onSearch(toStationQuery(v))} role="search" aria-label={t('stations.filters')}>
      <Row gutter={16}>
        <Col xs={24} sm={12} xl={5}>
          <Form.Item name="q" label={L('keyword')}>
            <Input allowClear maxLength={50} placeholder={t('stations.keywordPlaceholder')} data-testid="station-search-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Form.Item name="orgId" label={L('org')}>
            <OrgPicker allowClear placeholder={t('stations.scopeAll')} aria-label={L('org')} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} xl={3}>
          <Form.Item name="type" label={L('type')}>
            <Select allowClear placeholder={t('stations.any')} aria-label={L('type')} options={enumOptions(t, 'stationType')} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} xl={3}>
          <Form.Item name="status" label={L('status')}>
            <Select allowClear placeholder={t('stations.any')} aria-label={L('status')} options={enumOptions(t, 'stationStatus')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={7} className="filter-actions">
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} data-testid="station-search">{t('common.search')}</Button>
            <Button onClick={() => { form.resetFields(); onSearch({}); }}>{t('common.reset')}</Button>
            {extra}
          </Space>
        </Col>
      </Row>
    </Form>
  );
}
