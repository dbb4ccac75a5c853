// 统计报告 (/admin/surveys/:id/report?questionId=…|all&parentId=…): the survey's results as a formal, printable
// report for the leaders — a header (title, organization, level, period in 2026年11月30日 form, 生成时间), the level's
// figures, then per question: the shares as a bar chart and a table of exact counts, the table by organization one
// level down, replies per day, the words most used and example replies. The console frame and the controls are not
// printed (survey-report.css); charts are drawn as SVG so they print sharp at the size of the A4 page.
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, Form, Select, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { LineChart } from 'echarts/charts';
import { SVGRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { brand, chartPalette } from '@/theme';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { fmtCount, fmtPercent } from '@/modules/common/format';
import { echarts } from '@/modules/dashboard/echarts';
import { useResults, useSurvey, useTimeline, useWords, type Question, type Results, type Survey, type Timeline, type WordCounts } from './surveys-api';
import { cnNumber, pct, reportDate } from './surveys-format';
import './survey-report.css';

echarts.use([LineChart, SVGRenderer]);

/** The value of ?questionId= that puts every question in the report. */
export const ALL_QUESTIONS = 'all';
/** How many of the most used words the report lists. */
const TOP_WORDS = 30;
const SVG = { renderer: 'svg' as const };

type Chart = ReturnType<typeof echarts.init>;
/**
 * ECharts draws its SVG at the container's size in pixels without a viewBox; with one the drawing scales, in
 * proportion, to the box the print styles give it (the page is seldom exactly as wide as the screen). Set after each
 * drawing, the resize ones too.
 */
const fitSvg = (chart: Chart) => {
  const svg = chart.getDom().querySelector('svg');
  svg?.setAttribute('viewBox', `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
};
const FIT_EVENTS = { finished: (_: unknown, chart: Chart) => fitSvg(chart) };

export function SurveyReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const s = useSurvey(id);
  // The moment the report is made; it says so in its header.
  const [generatedAt] = useState(() => new Date());
  const P = (k: string, o?: Record<string, unknown>) => t(`surveys.report.${k}` as 'surveys.report.print', o ?? {});
  const survey = s.data;

  useEffect(() => {
    if (!survey) return;
    const before = document.title;
    // The name a browser gives the PDF it saves.
    document.title = t('surveys.report.docTitle', { title: survey.title });
    return () => { document.title = before; };
  }, [survey, t]);

  const back = () => void navigate(`/admin/surveys/${id}?tab=results`);
  if (s.isPending) return <Skeleton active />;
  if (!survey) return <ErrorResult error={s.error} onRetry={() => void s.refetch()} />;

  const asked = params.get('questionId');
  const parentId = params.get('parentId') ?? undefined;
  const all = asked === ALL_QUESTIONS;
  // Like the results tab: the first question unless one is named.
  const chosen = survey.questions.find((q) => q.id === asked) ?? survey.questions[0];
  const questions = all ? survey.questions : chosen ? [chosen] : [];
  const setScope = (v: string) => {
    const next = new URLSearchParams(params);
    next.set('questionId', v);
    setParams(next, { replace: true });
  };

  return (
    <div className="survey-report-page">
      <div className="report-toolbar no-print">
        <Space wrap size={12}>
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={back} data-testid="report-back">{P('back')}</Button>
          {survey.questions.length > 1 && (
            <Form.Item label={P('scope')} htmlFor="report-scope" style={{ marginBottom: 0 }}>
              <Select id="report-scope" value={all ? ALL_QUESTIONS : chosen?.id} onChange={setScope} style={{ width: 360, maxWidth: 'calc(100vw - 120px)' }} data-testid="report-scope"
                options={[
                  ...survey.questions.map((q) => ({ value: q.id, label: t('surveys.results.questionOption', { no: q.seq, text: q.text, kind: t(`surveys.kinds.${q.kind}`) }) })),
                  { value: ALL_QUESTIONS, label: P('scopeAll', { count: survey.questions.length }) },
                ]} />
            </Form.Item>
          )}
        </Space>
        <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()} data-testid="report-print">{P('print')}</Button>
      </div>
      <Report survey={survey} questions={questions} parentId={parentId} generatedAt={generatedAt} />
    </div>
  );
}

function Report({ survey, questions, parentId, generatedAt }: { survey: Survey; questions: Question[]; parentId?: string; generatedAt: Date }) {
  const { t } = useTranslation();
  const P = (k: string, o?: Record<string, unknown>) => t(`surveys.report.${k}` as 'surveys.report.print', o ?? {});
  const R = (k: string) => t(`surveys.results.${k}` as 'surveys.results.title');
  // The level's figures are the same for every question; the first question's results carry them.
  const first = useResults(survey.id, questions[0]?.id, parentId, false);
  if (first.isError) return <ErrorResult error={first.error} onRetry={() => void first.refetch()} />;
  const data = first.data;
  const level = data ? data.trail.at(-1)?.name ?? data.parent.name : '';
  const from = reportDate(survey.openedAt);
  const period = !survey.openedAt ? P('notOpened')
    : survey.state === 'closed' ? P('periodClosed', { from, to: reportDate(survey.closedAt ?? survey.closesAt) })
    : survey.closesAt ? P('periodUntil', { from, to: reportDate(survey.closesAt) })
    : P('periodOpen', { from });
  const heading = (no: number, title: string) => P('heading', { cn: cnNumber(no), no, title });

  return (
    <article className="survey-report" aria-labelledby="report-title" data-testid="survey-report">
      <header className="report-head">
        <p className="report-kicker">{P('kicker')}</p>
        <h1 id="report-title" className="report-title">{survey.title}</h1>
        <dl className="report-meta" aria-label={P('meta')}>
          <div><dt>{P('org')}</dt><dd>{survey.orgName}</dd></div>
          <div><dt>{P('level')}</dt><dd data-testid="report-level">{data ? P('levelText', { name: level }) : '…'}</dd></div>
          <div><dt>{P('period')}</dt><dd data-testid="report-period">{period}</dd></div>
          {questions.length === 1 && questions[0] && (
            <div><dt>{P('questions')}</dt><dd>{t('surveys.results.questionOption', { no: questions[0].seq, text: questions[0].text, kind: t(`surveys.kinds.${questions[0].kind}`) })}</dd></div>
          )}
          <div><dt>{P('generatedAt')}</dt><dd data-testid="report-generated">{reportDate(generatedAt, true)}</dd></div>
        </dl>
        {survey.partial && <p className="report-note">{P('partialNote')}</p>}
      </header>

      <section className="report-section report-overview" aria-labelledby="report-overview">
        <h2 id="report-overview" className="report-h2">{heading(1, P('overview'))}</h2>
        {!data ? <Skeleton active paragraph={{ rows: 2 }} /> : (
          <>
            <p className="report-text">{P('overviewText', { level, asked: fmtCount(data.asked), replied: fmtCount(data.replied), rate: pct(data.responseRate) })}</p>
            <dl className="report-figures" data-testid="report-figures">
              <div><dt>{R('asked')}</dt><dd data-testid="report-asked">{fmtCount(data.asked)}</dd></div>
              <div><dt>{R('replied')}</dt><dd data-testid="report-replied">{fmtCount(data.replied)}</dd></div>
              <div><dt>{R('rate')}</dt><dd data-testid="report-rate">{pct(data.responseRate)}</dd></div>
              {questions.length === 1 && <div><dt>{R('respondents')}</dt><dd data-testid="report-respondents">{fmtCount(data.respondents)}</dd></div>}
            </dl>
          </>
        )}
      </section>

      {questions.map((q, i) => <QuestionSection key={q.id} survey={survey} question={q} parentId={parentId} no={i + 2} />)}
    </article>
  );
}

function QuestionSection({ survey, question, parentId, no }: { survey: Survey; question: Question; parentId?: string; no: number }) {
  const { t } = useTranslation();
  const P = (k: string, o?: Record<string, unknown>) => t(`surveys.report.${k}` as 'surveys.report.print', o ?? {});
  const R = (k: string) => t(`surveys.results.${k}` as 'surveys.results.title');
  const r = useResults(survey.id, question.id, parentId, false);
  const timeline = useTimeline(survey.id, question.id, false, parentId);
  const words = useWords(survey.id, question.id, false, parentId);
  const isText = question.kind === 'text';
  const headingId = `report-q-${question.id}`;
  let sub = 0;
  const subheading = (title: string) => { sub += 1; return P('subheading', { cn: cnNumber(sub), no, sub, title }); };
  const data = r.data;
  const org = data ? data.trail.at(-1)?.name ?? data.parent.name : '';
  const top = data?.shares.reduce<Results['shares'][number] | undefined>((m, s) => (!m || s.count > m.count ? s : m), undefined);
  const shareWhat = isText ? P('shares') : P('sharesChoice');

  return (
    <section className="report-section report-question" aria-labelledby={headingId} data-testid="report-question">
      <h2 id={headingId} className="report-h2">{P('heading', { cn: cnNumber(no), no, title: P('questionTitle', { no: question.seq, text: question.text }) })}</h2>
      <p className="report-text muted">{P('kind', { kind: t(`surveys.kinds.${question.kind}`) })}</p>
      {r.isError ? <ErrorResult error={r.error} onRetry={() => void r.refetch()} /> : !data ? <Skeleton active /> : (
        <>
          <p className="report-text">
            {P('questionText', { respondents: fmtCount(data.respondents) })}
            {top && top.count > 0 && P('topShare', { name: top.name, count: fmtCount(top.count), share: pct(top.share) })}
          </p>

          <div className="report-block">
            <h3 className="report-h3">{subheading(shareWhat)}</h3>
            <SharesChart title={P('sharesChart', { org, no: question.seq, what: shareWhat, count: fmtCount(data.respondents) })} data={data} />
            <table className="report-table report-shares" data-testid="report-shares">
              <caption className="visually-hidden">{R('sharesTable')}</caption>
              <thead><tr><th scope="col">{R('category')}</th><th scope="col" className="num">{R('count')}</th><th scope="col" className="num">{R('share')}</th></tr></thead>
              <tbody>
                {data.shares.map((s) => (
                  <tr key={s.id} data-testid="report-share-row"><th scope="row">{s.name}</th><td className="num">{fmtCount(s.count)}</td><td className="num" data-testid="report-share-value">{pct(s.share)}</td></tr>
                ))}
              </tbody>
              <tfoot><tr><th scope="row">{P('total')}</th><td className="num">{fmtCount(data.respondents)}</td><td className="num">{data.respondents ? '100.0%' : '—'}</td></tr></tfoot>
            </table>
            {data.tags.length > 0 && (
              <p className="report-small">{R('tags')}：{data.tags.map((x) => `${x.name} ${fmtCount(x.count)}（${pct(x.share)}）`).join(t('common.listSep'))}</p>
            )}
            <p className="report-small muted">{R('shareNote')}</p>
          </div>

          <ByOrgTable data={data} title={subheading(P('byOrg'))} label={P('byOrgOf', { no: question.seq })} caption={P('byOrgCaption', { org })} />

          <div className="report-block">
            <h3 className="report-h3">{subheading(P('timeline'))}</h3>
            <TimelineSvg title={t('surveys.results.timelineTitle', { org })} days={timeline.data?.days} />
          </div>

          {isText && (
            <div className="report-block">
              <h3 className="report-h3">{subheading(P('words'))}</h3>
              <TopWords words={words.data?.words} />
            </div>
          )}

          {isText && <Examples data={data} title={subheading(P('examples'))} />}
        </>
      )}
    </section>
  );
}

/** The shares as horizontal bars with the count and share on each, drawn as SVG, without animation (it prints). */
function SharesChart({ title, data }: { title: string; data: Results }) {
  const { t } = useTranslation();
  const total = data.respondents;
  if (!data.shares.length || !total) return <p className="report-empty">{t('surveys.report.noData')}</p>;
  const summary = data.shares.map((s) => `${s.name} ${fmtCount(s.count)}（${pct(s.share)}）`).join(t('common.listSep'));
  return (
    <figure className="report-figure">
      <figcaption className="report-caption">{title}</figcaption>
      <ReactEChartsCore
        echarts={echarts}
        opts={SVG}
        onEvents={FIT_EVENTS}
        onChartReady={fitSvg}
        notMerge
        className="report-chart"
        data-testid="report-shares-chart"
        style={{ height: Math.max(140, data.shares.length * 34 + 24), width: '100%' }}
        role="img"
        aria-label={t('surveys.report.chartSummary', { title, items: summary })}
        option={{
          animation: false,
          color: [brand.red],
          grid: { left: 8, right: 110, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: 'value', max: (v: { max: number }) => Math.max(1, v.max), minInterval: 1, axisLabel: { color: '#262626' }, splitLine: { lineStyle: { color: '#e8e8e8' } } },
          yAxis: { type: 'category', inverse: true, data: data.shares.map((s) => s.name), axisLabel: { color: '#000', fontSize: 12, width: 150, overflow: 'truncate' } },
          series: [{
            type: 'bar', barMaxWidth: 22,
            label: { show: true, position: 'right', color: '#000', fontSize: 12, formatter: (p: { value: number }) => `${fmtCount(p.value)}（${fmtPercent(p.value, total)}）` },
            data: data.shares.map((s) => s.count),
          }],
        }}
      />
    </figure>
  );
}

/** Replies per day (bars) and in total (line), drawn as SVG. */
function TimelineSvg({ title, days }: { title: string; days: Timeline['days'] | undefined }) {
  const { t } = useTranslation();
  const R = (k: string) => t(`surveys.results.${k}` as 'surveys.results.daily');
  if (!days) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!days.length) return <p className="report-empty">{R('noReplies')}</p>;
  const last = days.at(-1);
  return (
    <figure className="report-figure">
      <figcaption className="report-caption">{title}</figcaption>
      <ReactEChartsCore
        echarts={echarts}
        opts={SVG}
        onEvents={FIT_EVENTS}
        onChartReady={fitSvg}
        notMerge
        className="report-chart"
        data-testid="report-timeline-chart"
        style={{ height: 220, width: '100%' }}
        role="img"
        aria-label={t('surveys.results.timelineSummary', { days: days.length, total: fmtCount(last?.cumulative ?? 0) })}
        option={{
          animation: false,
          color: [chartPalette[0], brand.red],
          legend: { top: 0, data: [R('daily'), R('cumulative')], textStyle: { color: '#000' } },
          grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
          xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)), axisLabel: { color: '#000' } },
          yAxis: [
            { type: 'value', minInterval: 1, name: R('daily'), nameTextStyle: { color: '#000', align: 'left' }, axisLabel: { color: '#262626' }, splitLine: { lineStyle: { color: '#e8e8e8' } } },
            { type: 'value', minInterval: 1, name: R('cumulative'), nameTextStyle: { color: '#000', align: 'right' }, axisLabel: { color: '#262626' }, splitLine: { show: false } },
          ],
          series: [
            { name: R('daily'), type: 'bar', barMaxWidth: 24, data: days.map((d) => d.replies), label: { show: days.length <= 14, position: 'top', color: '#000' } },
            { name: R('cumulative'), type: 'line', yAxisIndex: 1, data: days.map((d) => d.cumulative), symbolSize: 5 },
          ],
        }}
      />
    </figure>
  );
}

/** One level of organizations (the one chosen), with the level's own line, counts and shares per category. */
function ByOrgTable({ data, title, label, caption }: { data: Results; title: string; label: string; caption: string }) {
  const { t } = useTranslation();
  const R = (k: string) => t(`surveys.results.${k}` as 'surveys.results.title');
  return (
    <div className="report-block report-block-long">
      <h3 className="report-h3">{title}</h3>
      {!data.byOrg.length ? <p className="report-empty">{R('noOrgs')}</p> : (<>
        <p className="report-caption">{caption}</p>
        <div className="report-scroll" tabIndex={0} role="region" aria-label={label}>
          <table className="report-table report-byorg" data-testid="report-byorg">
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col">{R('org')}</th>
                <th scope="col" className="num">{R('asked')}</th>
                <th scope="col" className="num">{R('replied')}</th>
                <th scope="col" className="num">{R('rate')}</th>
                <th scope="col" className="num">{R('respondents')}</th>
                {data.shares.map((s) => <th key={s.id} scope="col" className="num">{s.name}</th>)}
              </tr>
            </thead>
            <tbody>
              {data.byOrg.map((o) => (
                <tr key={`${o.orgId}:${o.own}`} data-testid="report-org-row">
                  <th scope="row">{o.orgName}{o.own && <span className="muted">（{R('own')}）</span>}</th>
                  <td className="num">{fmtCount(o.asked)}</td>
                  <td className="num">{fmtCount(o.replied)}</td>
                  <td className="num">{pct(o.responseRate)}</td>
                  <td className="num">{fmtCount(o.respondents)}</td>
                  {data.shares.map((s) => {
                    const n = o.counts[s.id] ?? 0;
                    return <td key={s.id} className="num">{fmtCount(n)}<span className="report-pct"> {fmtPercent(n, o.respondents)}</span></td>;
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('surveys.report.total')}</th>
                <td className="num">{fmtCount(data.asked)}</td>
                <td className="num">{fmtCount(data.replied)}</td>
                <td className="num">{pct(data.responseRate)}</td>
                <td className="num">{fmtCount(data.respondents)}</td>
                {data.shares.map((s) => <td key={s.id} className="num">{fmtCount(s.count)}<span className="report-pct"> {pct(s.share)}</span></td>)}
              </tr>
            </tfoot>
          </table>
        </div>
      </>)}
    </div>
  );
}

function TopWords({ words }: { words: WordCounts | undefined }) {
  const { t } = useTranslation();
  if (!words) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (!words.length) return <p className="report-empty">{t('surveys.results.noWords')}</p>;
  const top = [...words].sort((a, b) => b.count - a.count).slice(0, TOP_WORDS);
  return (
    <>
      <p className="report-caption">{t('surveys.report.wordsCaption', { count: top.length })}</p>
      <ol className="report-words" data-testid="report-words">
        {top.map((w) => <li key={w.word}>{w.word}<span className="muted">（{fmtCount(w.count)}）</span></li>)}
      </ol>
    </>
  );
}

function Examples({ data, title }: { data: Results; title: string }) {
  const { t } = useTranslation();
  const byId = new Map(data.examples.map((e) => [e.id, e.replies]));
  const groups = data.shares.filter((s) => (byId.get(s.id) ?? []).length > 0);
  return (
    <div className="report-block report-block-long">
      <h3 className="report-h3">{title}</h3>
      {!groups.length ? <p className="report-empty">{t('surveys.results.noReplies')}</p> : groups.map((s) => (
        <div key={s.id} className="report-example-group" data-testid="report-examples">
          <h4 className="report-h4">{s.name}<span className="muted">（{fmtCount(s.count)}）</span></h4>
          <ul className="report-examples">
            {byId.get(s.id)!.map((x) => <li key={x.id}>“{x.text}”<span className="muted"> —— {x.orgName}</span></li>)}
          </ul>
        </div>
      ))}
    </div>
  );
}
