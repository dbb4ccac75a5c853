// The collapsible filter form above the member table. Name, mobile and ID number are
// always shown; the enumerations fold away.
import { useState } from 'react';
import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { DownOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MemberQuery } from '@/api/types';
import { enumOptions } from '@/i18n/enums';

export interface FilterValues {
  q?: string;
  phone?: string;
  idNumber?: string;
  category?: MemberQuery['category'];
  standing?: MemberQuery['standing'];
  migrant?: 'true' | 'false';
  lostContact?: 'true' | 'false';
  departed?: 'true';
}

export function toQuery(v: FilterValues): MemberQuery {
  const bool = (s?: string) => (s === undefined ? undefined : s === 'true');
  return {
    q: v.q?.trim() || undefined,
    phone: v.phone?.trim() || undefined,
    idNumber: v.idNumber?.trim().toUpperCase() || undefined,
    category: v.category,
    standing: v.standing,
    migrant: bool(v.migrant),
    lostContact: bool(v.lostContact),
    departed: v.departed === 'true' || undefined,
  };
}

export function MemberFilters({ onSearch }: { onSearch: (v: FilterValues) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const [open, setOpen] = useState(false);
  const yesNo = [
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];
  const select = (name: keyof FilterValues, label: string, options: { value: string; label: string }[]) => (
    <Col xs={24} sm={12} xl={6} key={name}>
      <Form.Item name={name} label={label}>
        <Select allowClear placeholder={t('members.any')} options={options} aria-label={label} />
      </Form.Item>
    </Col>
  );

  return (
    <Form
      name="member-filter"
      form={form}
      layout="vertical"
      className="filter-form"
      onFinish={onSearch}
      aria-label={t('members.filters')}
      role="search"
    >
      <Row gutter={16}>
        <Col xs={24} sm={12} xl={6}>
          <Form.Item name="q" label={t('members.searchName')}>
            <Input allowClear placeholder={t('members.namePlaceholder')} data-testid="member-search-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Form.Item name="phone" label={t('members.searchPhone')}>
            <Input allowClear inputMode="numeric" maxLength={11} placeholder={t('members.phonePlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Form.Item name="idNumber" label={t('members.searchIdNumber')}>
            <Input allowClear maxLength={18} placeholder={t('members.idPlaceholder')} />
          </Form.Item>
        </Col>
        {open && [
          select('category', t('members.fields.category'), enumOptions(t, 'category')),
          select('standing', t('members.fields.standing'), enumOptions(t, 'standing')),
          select('migrant', t('members.fields.migrant'), yesNo),
          select('lostContact', t('members.fields.lostContact'), yesNo),
          select('departed', t('members.rolls'), [{ value: 'true', label: t('members.departedRolls') }]),
        ]}
        <Col xs={24} sm={12} xl={6} className="filter-actions">
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} data-testid="member-search-submit">
              {t('common.search')}
            </Button>
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
