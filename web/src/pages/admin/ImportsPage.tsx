// 数据导入 (/admin/imports): upload an Excel file of members, organizations or stations, follow the
// background job, read the result. The import being followed is in the URL (?id=), so a reload
// comes back to it; ?kind= preselects what to import.
import { useCallback } from 'react';
import { Card, Col, Row } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { PageHeader } from '@/modules/common/PageHeader';
import { ImportForm } from '@/modules/imports/ImportForm';
import { ImportHistory } from '@/modules/imports/ImportHistory';
import { ImportProgressCard } from '@/modules/imports/ImportProgressCard';
import { IMPORT_KINDS, importKeys, KIND_PERMISSION, type ImportKind } from '@/modules/imports/imports-api';

export function ImportsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const asked = params.get('kind') as ImportKind | null;
  const firstAllowed = IMPORT_KINDS.find((k) => me.permissions.includes(KIND_PERMISSION[k])) ?? 'members';
  const kind: ImportKind = asked && IMPORT_KINDS.includes(asked) && me.permissions.includes(KIND_PERMISSION[asked]) ? asked : firstAllowed;
  const id = params.get('id');
  const update = useCallback((patch: Record<string, string | null>) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      return next;
    }, { replace: false });
  }, [setParams]);

  return (
    <>
      <PageHeader title={t('imports.title')}>
        <p className="muted" style={{ margin: '4px 0 0', maxWidth: 880 }}>{t('imports.intro')}</p>
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: id ? 10 : 12, order: 1 }}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('imports.uploadCard')}</h2>}>
            <ImportForm
              me={me}
              kind={kind}
              onKindChange={(k) => update({ kind: k })}
              onStarted={(newId) => {
                update({ id: newId });
                void qc.invalidateQueries({ queryKey: importKeys.mine });
              }}
            />
          </Card>
        </Col>
        {id ? (
          // On phones the followed import comes first, above the form.
          <Col xs={{ span: 24, order: 1 }} lg={{ span: 14, order: 2 }}>
            <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('imports.progressCard')}</h2>}>
              <ImportProgressCard
                key={id}
                id={id}
                onNew={() => {
                  update({ id: null });
                  void qc.invalidateQueries({ queryKey: importKeys.mine });
                }}
              />
            </Card>
          </Col>
        ) : null}
        <Col xs={{ span: 24, order: 3 }} lg={{ span: id ? 24 : 12, order: 3 }}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('imports.history')}</h2>}>
            <ImportHistory currentId={id} onOpen={(openId) => update({ id: openId })} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
