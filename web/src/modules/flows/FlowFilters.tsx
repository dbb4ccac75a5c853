// Filters of the migrant list: flow type, away/returned and the organization subtree.
import { Button, Col, Form, Row, Select, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { FLOW_TYPES, type FlowQuery, type FlowType } from './flows-api';

export interface FlowFilterValues { type?: FlowType; state?: 'open' | 'returned'; orgId?: string }

export function toFlowQuery(v: FlowFilterValues): FlowQuery {
  return { type: v.type, open: v.state === undefined ? undefined : v.state === 'open', orgId: v.orgId };
}

export function FlowFilters({ initial, onSearch, extra }: { initial: FlowFilterValues; onSearch: (v: FlowFilterValues) => void; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FlowFilterValues>();
  const L = (k: 'flowType' | 'state' | 'org') => t(`flows.fields.${k}`);
  return (
    <Form name="flow-filter" form={form} layout="vertical" className="filter-form" onFinish={onSearch} initialValues={initial} role="search" aria-label={t('flows.filters')}>
      <Row gutter={16}>
        <Col xs={24} sm={12} xl={6}>
          <Form.Item name="orgId" label={L('org')}>
            <OrgPicker allowClear placeholder={t('flows.scopeAll')} aria-label={L('org')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={5}>
          <Form.Item name="type" label={L('flowType')}>
            <Select allowClear placeholder={t('flows.any')} aria-label={L('flowType')} options={FLOW_TYPES.map((v) => ({ value: v, label: t(`flows.flowType.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={4}>
          <Form.Item name="state" label={L('state')}>
            <Select allowClear placeholder={t('flows.any')} aria-label={L('state')} options={[{ value: 'open', label: t('flows.state.open') }, { value: 'returned', label: t('flows.state.returned') }]} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={9} className="filter-actions">
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} data-testid="flow-search">{t('common.search')}</Button>
            <Button onClick={() => { form.setFieldsValue({ type: undefined, state: undefined, orgId: undefined }); onSearch({}); }}>{t('common.reset')}</Button>
            {extra}
          </Space>
        </Col>
      </Row>
    </Form>
  );
}
