// Placeholder page; web/src/modules/stations builds the screen.
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { PageHeader } from '@/modules/common/PageHeader';

export function StationsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  void me;
  return <PageHeader title={t('stations.title')} />;
}
