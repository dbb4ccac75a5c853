// 问卷调查: the list of surveys (/admin/surveys), the editor of a draft (…/new, …/:id/edit) and a survey's page with
// its tabs (…/:id?tab=results|replies|rules|themes), the printable report of its results
// (…/:id/report?questionId=…|all&parentId=…), and the page of one reply (…/replies/:replyId).
import { useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { Button, Card, Form, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { chinaDateTime, fmtCount } from '@/modules/common/format';
import { useDebounced } from '@/modules/common/useDebounced';
import { SURVEY_STATES, useSurveyList, type SurveyState, type SurveySummary } from './surveys-api';
import { STATE_TONE } from './surveys-format';
import { SurveyEditPage } from './SurveyEditPage';
import { SurveyDetailPage } from './SurveyDetailPage';
import { SurveyReportPage } from './SurveyReportPage';
import { ReplyPage } from './ReplyPage';
import './surveys.css';

export function SurveysPage({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<SurveyList me={me} />} />
      <Route path="new" element={<SurveyEditPage me={me} />} />
      <Route path=":id/edit" element={<SurveyEditPage me={me} />} />
      <Route path=":id" element={<SurveyDetailPage me={me} />} />
      <Route path=":id/report" element={<SurveyReportPage />} />
      <Route path="replies/:replyId" element={<ReplyPage />} />
    </Routes>
  );
}

function SurveyList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = hasPerm(me, 'survey.write');
  const [state, setState] = useState<SurveyState | undefined>();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const list = useSurveyList(state, q || undefined);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (r: SurveySummary) => void navigate(r.state === 'draft' && canWrite ? `/admin/surveys/${r.id}/edit` : `/admin/surveys/${r.id}`);
  const L = (k: string) => t(`surveys.list.${k}` as 'surveys.list.title');

  const columns: ColumnsType<SurveySummary> = [
    { title: L('fields.title'), dataIndex: 'title', width: 260, render: (v: string, r) => (
      <Button type="link" className="survey-list-title" onClick={() => open(r)} data-testid="survey-open">{v}</Button>
    ) },
    { title: L('fields.org'), dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: L('fields.state'), dataIndex: 'state', width: 96, render: (v: SurveyState) => <StatusTag tone={STATE_TONE[v]}>{t(`surveys.states.${v}`)}</StatusTag> },
    { title: L('fields.questions'), dataIndex: 'questions', width: 72, align: 'right' },
    { title: L('fields.invited'), dataIndex: 'invited', width: 96, align: 'right', render: (v: number, r) => (r.state === 'draft' ? '—' : fmtCount(v)) },
    { title: L('fields.openedAt'), dataIndex: 'openedAt', width: 160, render: (v: string | null) => <span className="mono nowrap">{chinaDateTime(v, false)}</span> },
    { title: L('fields.closesAt'), dataIndex: 'closesAt', width: 160, render: (v: string | null) => <span className="mono nowrap">{chinaDateTime(v, false)}</span> },
    { title: L('fields.createdBy'), dataIndex: 'createdByName', width: 150, ellipsis: true },
  ];

  return (
    <>
      <PageHeader
        title={L('title')}
        extra={canWrite && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/admin/surveys/new')} data-testid="survey-new">{L('create')}</Button>
        )}
      />
      <Card size="small" className="filter-card">
        <Form layout="inline" className="survey-filters">
          <Form.Item label={L('stateFilter')} htmlFor="survey-state-filter">
            <Select<SurveyState | ''>
              id="survey-state-filter"
              style={{ width: 140 }}
              value={state ?? ''}
              onChange={(v) => setState(v || undefined)}
              options={[{ value: '', label: L('anyState') }, ...SURVEY_STATES.map((s) => ({ value: s, label: t(`surveys.states.${s}`) }))]}
              data-testid="survey-state-filter"
            />
          </Form.Item>
          <Form.Item label={L('keyword')} htmlFor="survey-q">
            <Input.Search id="survey-q" allowClear value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={L('keywordPlaceholder')} maxLength={60} style={{ width: 240 }} />
          </Form.Item>
        </Form>
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={state || q ? L('emptyFiltered') : L('emptyTitle')} hint={canWrite ? L('emptyHint') : undefined} />
      ) : (
        <Table<SurveySummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1150 }}
          onRow={() => ({ 'data-testid': 'survey-row' }) as React.HTMLAttributes<HTMLElement>}
          footer={() => <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />}
        />
      )}
    </>
  );
}
