// A member's record as a Descriptions list. Identity fields arrive masked; the caller
// may put reveal controls beside them (the console) or not (the member centre).
import type { ReactNode } from 'react';
import { Descriptions, Grid } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberDetail } from '@/api/types';
import { enumLabel } from '@/i18n/enums';
import { fmtDate, fmtDateTime } from '@/modules/common/format';
import { StatusTag } from '@/modules/common/StatusTag';

interface Props {
  member: MemberDetail;
  /** Renders the masked ID number / mobile, e.g. with a 查看 button beside it. */
  renderSecret?: (field: 'idNumber' | 'mobile', masked: string) => ReactNode;
  columns?: number;
}

export function MemberDescriptions({ member: m, renderSecret, columns }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // A member may have no mobile on record: nothing to reveal then.
  const secret = (f: 'idNumber' | 'mobile') => {
    const masked = m[f];
    if (masked === null) return '—';
    return renderSecret ? renderSecret(f, masked) : masked;
  };
  const migrantTo = [m.migrantProvince, m.migrantCity, m.migrantCounty].filter(Boolean).join(' ');
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('members.fields.name'), children: m.name },
    { key: 'gender', label: t('members.fields.gender'), children: enumLabel(t, 'gender', m.gender) },
    { key: 'ethnicity', label: t('members.fields.ethnicity'), children: m.ethnicity || '—' },
    { key: 'birthDate', label: t('members.fields.birthDate'), children: fmtDate(m.birthDate) },
    { key: 'idType', label: t('members.fields.idType'), children: enumLabel(t, 'idType', m.idType) },
    { key: 'idNumber', label: t('members.fields.idNumber'), children: secret('idNumber') },
    { key: 'education', label: t('members.fields.education'), children: enumLabel(t, 'education', m.education) },
    { key: 'orgName', label: t('members.fields.orgName'), children: m.orgName },
    { key: 'category', label: t('members.fields.category'), children: enumLabel(t, 'category', m.category) },
    {
      key: 'standing', label: t('members.fields.standing'),
      children: <StatusTag tone={m.standing === 'normal' ? 'green' : 'red'}>{enumLabel(t, 'standing', m.standing)}</StatusTag>,
    },
    { key: 'joinedOn', label: t('members.fields.joinedOn'), children: fmtDate(m.joinedOn) },
    { key: 'fullOn', label: t('members.fields.fullOn'), children: fmtDate(m.fullOn) },
    { key: 'job', label: t('members.fields.job'), children: m.job || '—' },
    { key: 'mobile', label: t('members.fields.mobile'), children: secret('mobile') },
    { key: 'landline', label: t('members.fields.landline'), children: m.landline || '—' },
    { key: 'address', label: t('members.fields.address'), children: m.address || '—', span: 'filled' },
    { key: 'migrant', label: t('members.fields.migrant'), children: m.migrant ? (migrantTo ? t('common.withNote', { main: t('common.yes'), note: migrantTo }) : t('common.yes')) : t('common.no') },
    { key: 'lostContact', label: t('members.fields.lostContact'), children: m.lostContact ? t('common.withNote', { main: t('common.yes'), note: fmtDate(m.lostContactOn) }) : t('common.no') },
    { key: 'createdAt', label: t('members.fields.createdAt'), children: fmtDateTime(m.createdAt) },
    { key: 'updatedAt', label: t('members.fields.updatedAt'), children: fmtDateTime(m.updatedAt) },
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={columns ?? (screens.md ? 2 : 1)}
      items={items}
      styles={{ label: { width: '7.5em', whiteSpace: 'nowrap' } }}
    />
  );
}
