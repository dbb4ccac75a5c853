// Above the list: which transfers (待本方办理 / 转出 / 转入 / 全部), then state and member name.
import { Button, Col, Form, Input, Row, Segmented, Select, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { stateLabel } from './TransferStateTag';
import { TRANSFER_STATES, type TransferQuery, type TransferState, type TransferView } from './transfers-api';

interface Values { state?: TransferState; q?: string }

export function TransferFilters({ query, views, onChange }: { query: TransferQuery; views: TransferView[]; onChange: (q: TransferQuery) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <>
      <Segmented<TransferView>
        aria-label={t('transfers.views.label')}
        value={query.view}
        onChange={(view) => onChange({ ...query, view })}
        options={views.map((v) => ({ value: v, label: <span data-testid={`transfer-view-${v}`}>{t(`transfers.views.${v}`)}</span> }))}
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
      />
      <Form
        name="transfer-filter"
        form={form}
        layout="vertical"
        className="filter-form"
        role="search"
        aria-label={t('transfers.filters.label')}
        onFinish={(v) => onChange({ ...query, state: v.state, q: v.q?.trim() || undefined })}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="q" label={t('transfers.filters.q')}>
              <Input allowClear placeholder={t('transfers.filters.qPlaceholder')} maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="state" label={t('transfers.filters.state')}>
              <Select
                allowClear
                placeholder={t('transfers.filters.anyState')}
                options={TRANSFER_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))}
                aria-label={t('transfers.filters.state')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} xl={12} className="filter-actions">
            <Space wrap>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>{t('common.search')}</Button>
              <Button onClick={() => { form.resetFields(); onChange({ view: query.view }); }}>{t('common.reset')}</Button>
            </Space>
          </Col>
        </Row>
      </Form>
    </>
  );
}
