// 统计结果: for the chosen question, the share of each category (text questions) or option (choice, yes/no) among
// those who answered it, with exact counts; the response rate; the same by organization a level at a time (drill
// down, and back up by the trail); replies per day and in total; the words most used (a tag cloud sized by count);
// example replies per category. Refreshed every 10 s while the survey is open. 打印报告 opens the same question and
// level as a printable report (SurveyReportPage).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Breadcrumb, Button, Card, Col, Empty, Form, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { fmtCount, fmtPercent } from '@/modules/common/format';
import { ChartCard } from '@/modules/dashboard/ChartCard';
import { ScrollRegion } from '@/modules/sms/ScrollRegion';
import { useResults, useTimeline, useWords, type Question, type Results, type ResultsOrgLine, type Survey, type WordCounts } from './surveys-api';
import { pct } from './surveys-format';
import { TimelineChart } from './TimelineChart';

/** The question selector shared by the tabs: 第1题：… (文字题). */
export function QuestionSelect({ survey, value, onChange, only }: { survey: Survey; value?: string; onChange: (id: string) => void; only?: Question['kind'] }) {
  const { t } = useTranslation();
  const qs = survey.questions.filter((q) => !only || q.kind === only);
  return (
    <Form.Item label={t('surveys.results.question')} htmlFor="survey-question-select" style={{ marginBottom: 0 }}>
      <Select id="survey-question-select" value={value} onChange={onChange} style={{ width: 420, maxWidth: 'calc(100vw - 120px)' }} data-testid="survey-question-select"
        options={qs.map((q) => ({ value: q.id, label: t('surveys.results.questionOption', { no: q.seq, text: q.text, kind: t(`surveys.kinds.${q.kind}`) }) }))} />
    </Form.Item>
  );
}

export function ResultsTab({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [questionId, setQuestionId] = useState<string | undefined>(survey.questions[0]?.id);
  const [parentId, setParentId] = useState<string | undefined>();
  const live = survey.state === 'open';
  const r = useResults(survey.id, questionId, parentId, live);
  const timeline = useTimeline(survey.id, questionId, live, parentId);
  const words = useWords(survey.id, questionId, live, parentId);
  const R = (k: string) => t(`surveys.results.${k}` as 'surveys.results.title');
  if (r.isError) return <ErrorResult error={r.error} onRetry={() => void r.refetch()} />;
  const data = r.data;
  const q = data?.question;
  const isText = q?.kind === 'text';
  const where = data?.trail.at(-1)?.name ?? data?.parent.name ?? '';
  return (
    <div className="survey-results" data-testid="survey-results">
      <Card size="small" className="filter-card">
        <Space wrap size={16}>
          <QuestionSelect survey={survey} value={questionId} onChange={(v) => { setQuestionId(v); }} />
          {live && <span className="survey-live" role="status" data-testid="survey-live">{R('live')}</span>}
          <Button icon={<PrinterOutlined aria-hidden />} title={t('surveys.report.openHint')} data-testid="survey-report-open"
            onClick={() => {
              const q = new URLSearchParams();
              if (questionId) q.set('questionId', questionId);
              if (parentId) q.set('parentId', parentId);
              void navigate(`/admin/surveys/${survey.id}/report${q.size ? `?${q.toString()}` : ''}`);
            }}>
            {t('surveys.report.open')}
          </Button>
        </Space>
      </Card>
      {!data ? <Card loading /> : (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Card size="small">
              <Row gutter={[16, 16]}>
                <Col xs={12} md={6}><Statistic title={R('asked')} value={data.asked} /></Col>
                <Col xs={12} md={6}><Statistic title={R('replied')} value={data.replied} /></Col>
                <Col xs={12} md={6}><Statistic title={R('rate')} value={pct(data.responseRate)} data-testid="survey-rate" /></Col>
                <Col xs={12} md={6}><Statistic title={R('respondents')} value={data.respondents} data-testid="survey-respondents" /></Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <ChartCard
              id="survey-shares"
              kind="hbar"
              height={Math.max(220, data.shares.length * 44 + 40)}
              title={t(isText ? 'surveys.results.sharesTitleText' : 'surveys.results.sharesTitleChoice', { org: where, no: q?.seq ?? 1, count: fmtCount(data.respondents) })}
              data={data.shares.map((s) => ({ key: s.id, label: s.name, count: s.count }))}
            />
          </Col>
          <Col xs={24} xl={10}>
            <SharesTable data={data} />
          </Col>
          <Col xs={24}>
            <ByOrg data={data} onDrill={setParentId} />
          </Col>
          <Col xs={24} xl={12}>
            <TimelineChart title={t('surveys.results.timelineTitle', { org: where })} data={timeline.data?.days ?? []} />
          </Col>
          <Col xs={24} xl={12}>
            <WordCloud words={words.data?.words ?? []} title={t('surveys.results.wordsTitle', { org: where })} />
          </Col>
          {isText && (
            <Col xs={24}>
              <Examples data={data} />
            </Col>
          )}
        </Row>
      )}
    </div>
  );
}

/** The shares in figures: name, count, share of those who answered; tags below. */
function SharesTable({ data }: { data: Results }) {
  const { t } = useTranslation();
  const R = (k: string) => t(`surveys.results.${k}` as 'surveys.results.title');
  return (
    <Card size="small" title={<h2 className="chart-title">{R('sharesTable')}</h2>}>
      <Table size="small" rowKey="id" pagination={false} dataSource={data.shares}
        onRow={() => ({ 'data-testid': 'share-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: R('category'), dataIndex: 'name' },
          { title: R('count'), dataIndex: 'count', align: 'right', render: fmtCount },
          { title: R('share'), dataIndex: 'share', align: 'right', render: (v: number) => <span data-testid="share-value">{pct(v)}</span> },
        ]} />
      {data.tags.length > 0 && (
        <div className="survey-tag-shares">
          <div className="muted small">{R('tags')}</div>
          <Space wrap size={[4, 4]}>{data.tags.map((x) => <Tag key={x.id}>{x.name} {fmtCount(x.count)}（{pct(x.share)}）</Tag>)}</Space>
        </div>
      )}
      <p className="muted small sms-note">{R('shareNote')}</p>
    </Card>
  );
}

/** 按组织统计: each child organization with its subtree, the level's own line, drilling down a level at a time. */
function ByOrg({ data, onDrill }: { data: Results; onDrill: (parentId: string | undefined) => void }) {
  const { t } = useTranslation();
  const R = (k: string) => t(`surveys.results.${k}` as 'surveys.results.title');
  // The trail names the levels from the top of the caller's view down to the one shown.
  const levels = data.trail.length ? data.trail : [data.parent];
  const columns: ColumnsType<ResultsOrgLine> = [
    {
      title: R('org'), dataIndex: 'orgName', width: 170, fixed: 'left',
      render: (name: string, o) => (o.own ? <span>{name}<span className="muted small">（{R('own')}）</span></span>
        : o.hasChildren ? <a href="#" onClick={(e) => { e.preventDefault(); onDrill(o.orgId); }} aria-label={t('surveys.results.drill', { name })} data-testid="results-drill">{name}</a>
        : name),
    },
    { title: R('asked'), dataIndex: 'asked', width: 80, align: 'right', render: fmtCount },
    { title: R('replied'), dataIndex: 'replied', width: 80, align: 'right', render: fmtCount },
    { title: R('rate'), dataIndex: 'responseRate', width: 80, align: 'right', render: (v: number) => pct(v) },
    { title: R('respondents'), dataIndex: 'respondents', width: 90, align: 'right', render: fmtCount },
    ...data.shares.map((s) => ({
      title: s.name, key: `c-${s.id}`, width: 110, align: 'right' as const,
      render: (_: unknown, o: ResultsOrgLine) => {
        const n = o.counts[s.id] ?? 0;
        return <span>{fmtCount(n)}<span className="muted small"> {fmtPercent(n, o.respondents)}</span></span>;
      },
    })),
  ];
  return (
    <Card size="small" title={<h2 className="chart-title">{R('byOrg')}</h2>}>
      <nav aria-label={R('trail')} className="sms-trail">
        <Breadcrumb items={levels.map((l, i) => (i === levels.length - 1
          ? { key: l.id, title: <span aria-current="page">{l.name}</span> }
          : { key: l.id, title: <a href="#" onClick={(e) => { e.preventDefault(); onDrill(i === 0 ? undefined : l.id); }} data-testid="results-trail">{l.name}</a> }))} />
      </nav>
      {!data.byOrg.length ? <EmptyPanel title={R('noOrgs')} /> : (
        <ScrollRegion label={R('byOrg')}>
          <Table<ResultsOrgLine>
            rowKey={(o) => `${o.orgId}:${o.own}`}
            size="small"
            columns={columns}
            dataSource={data.byOrg}
            pagination={false}
            style={{ minWidth: 520 + data.shares.length * 110 }}
            onRow={() => ({ 'data-testid': 'results-org-row' }) as React.HTMLAttributes<HTMLElement>}
          />
        </ScrollRegion>
      )}
      <p className="muted small sms-note">{R('byOrgHint')}</p>
    </Card>
  );
}

/** 词云: the words most used, as tags whose size follows the count (no chart library needed). */
function WordCloud({ words, title }: { words: WordCounts; title: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...words.map((w) => w.count));
  const min = Math.min(max, ...words.map((w) => w.count));
  const size = (n: number) => 13 + Math.round(((n - min) / Math.max(1, max - min)) * 19);
  // Largest in the middle reads as a cloud; alphabetical order would scatter the heavy words.
  const sorted = [...words].sort((a, b) => b.count - a.count).slice(0, 60);
  const cloud = sorted.map((w, i) => ({ w, i })).sort((a, b) => ((a.i % 2 ? 1 : -1) * a.i) - ((b.i % 2 ? 1 : -1) * b.i));
  return (
    <Card size="small" title={<h2 className="chart-title">{title}</h2>}>
      {!words.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.results.noWords')} style={{ height: 200 }} /> : (
        <ul className="survey-cloud" aria-label={title} data-testid="survey-cloud">
          {cloud.map(({ w }, i) => (
            <li key={w.word} style={{ fontSize: size(w.count), color: i % 3 === 0 ? '#A8071A' : i % 3 === 1 ? '#003EB3' : '#262626' }}
              title={t('surveys.results.wordCount', { word: w.word, count: w.count })}>
              {w.word}<span className="visually-hidden">（{fmtCount(w.count)}）</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** 典型回复: a few replies of each category. */
function Examples({ data }: { data: Results }) {
  const { t } = useTranslation();
  const R = (k: string) => t(`surveys.results.${k}` as 'surveys.results.title');
  const byId = new Map(data.examples.map((e) => [e.id, e.replies]));
  const groups = data.shares.filter((s) => (byId.get(s.id) ?? []).length > 0);
  return (
    <Card size="small" title={<h2 className="chart-title">{R('examples')}</h2>}>
      {!groups.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={R('noReplies')} /> : (
        <Row gutter={[16, 16]}>
          {groups.map((s) => (
            <Col key={s.id} xs={24} md={12} xl={8}>
              <h3 className="survey-example-title">{s.name}<span className="muted small">（{fmtCount(s.count)}）</span></h3>
              <ul className="survey-examples">
                {byId.get(s.id)!.map((x) => <li key={x.id}><q>{x.text}</q><span className="muted small"> —— {x.orgName}</span></li>)}
              </ul>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
