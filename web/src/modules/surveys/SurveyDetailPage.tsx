// 问卷详情: the survey's page with its tabs — 概况 (state, counts, the SMS broadcast that asked, 结束问卷), 统计结果,
// 回复, 分类规则 and 主题推荐. The tab is in the address (?tab=…) so a reload or a shared link lands on it.
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { App, Button, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Tabs } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime, fmtCount, fmtPercent } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { STATE_TONE as BROADCAST_TONE } from '@/modules/sms/sms-format';
import { surveyKeys, surveysApi, useSurvey, type Survey } from './surveys-api';
import { testId, STATE_TONE } from './surveys-format';
import { ResultsTab } from './ResultsTab';
import { RepliesTab } from './RepliesTab';
import { RulesTab } from './RulesTab';
import { ThemesTab } from './ThemesTab';

const TABS = ['overview', 'results', 'replies', 'rules', 'themes'] as const;
type TabKey = (typeof TABS)[number];

export function SurveyDetailPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const s = useSurvey(id);
  const D = (k: string) => t(`surveys.detail.${k}` as 'surveys.detail.title');
  const back = <Button onClick={() => void navigate('/admin/surveys')}>{D('back')}</Button>;
  if (s.isPending) return <><PageHeader title={D('title')} extra={back} /><Skeleton active /></>;
  if (!s.data) return <><PageHeader title={D('title')} extra={back} /><ErrorResult error={s.error} onRetry={() => void s.refetch()} /></>;
  const survey = s.data;
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'overview';
  const canWrite = hasPerm(me, 'survey.write') && !survey.partial;
  const hasText = survey.questions.some((q) => q.kind === 'text');
  const items = [
    { key: 'overview', label: D('tabs.overview'), children: <Overview me={me} survey={survey} canWrite={canWrite} /> },
    { key: 'results', label: D('tabs.results'), children: <ResultsTab survey={survey} /> },
    { key: 'replies', label: D('tabs.replies'), children: <RepliesTab survey={survey} canWrite={canWrite} /> },
    { key: 'rules', label: D('tabs.rules'), children: <RulesTab survey={survey} canWrite={canWrite} /> },
    ...(hasText ? [{ key: 'themes', label: D('tabs.themes'), children: <ThemesTab survey={survey} canWrite={canWrite} /> }] : []),
  ];
  return (
    <>
      <PageHeader
        title={<Space wrap>{survey.title}<StatusTag tone={STATE_TONE[survey.state]}><span data-testid="survey-state">{t(`surveys.states.${survey.state}`)}</span></StatusTag></Space>}
        extra={<Space wrap>
          {survey.state === 'draft' && canWrite && <Button type="primary" onClick={() => void navigate(`/admin/surveys/${id}/edit`)}>{D('edit')}</Button>}
          {back}
        </Space>}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'overview' ? {} : { tab: k }, { replace: true })}
        items={items.map((i) => ({ ...i, label: <span data-testid={`survey-tab-${i.key}`}>{i.label}</span> }))}
        destroyOnHidden
      />
    </>
  );
}

function Overview({ me, survey, canWrite }: { me: Me; survey: Survey; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const D = (k: string) => t(`surveys.detail.${k}` as 'surveys.detail.title');
  const broadcast = useQuery({
    queryKey: ['sms', 'broadcast', survey.broadcastId ?? ''],
    enabled: !!survey.broadcastId && hasPerm(me, 'sms.read'),
    queryFn: ({ signal }) => ok(api.GET('/api/sms/broadcasts/{id}', { params: { path: { id: survey.broadcastId! } }, signal })),
    refetchInterval: (q) => (q.state.data && ['completed', 'cancelled', 'rejected'].includes(q.state.data.state) ? false : 5000),
  });
  const close = () => modal.confirm({
    title: D('closeTitle'),
    content: D('closeBody'),
    okText: D('close'),
    okButtonProps: { danger: true, ...testId('survey-close-ok') },
    cancelText: t('common.cancel'),
    onOk: async () => {
      try {
        const next = await surveysApi.close(survey.id);
        queryClient.setQueryData(surveyKeys.survey(survey.id), next);
        await queryClient.invalidateQueries({ queryKey: surveyKeys.all });
        message.success(D('closed'));
      } catch (e) {
        modal.error({ title: D('close'), content: errorText(t, e) });
      }
    },
  });
  const to = survey.broadcastId ? `/admin/sms/broadcasts/${survey.broadcastId}` : null;
  const audience = survey.audience as { who?: string[] } | null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card title={survey.state === 'open' ? D('liveTitle') : D('countsTitle')}
          extra={survey.state === 'open' && canWrite && <Button danger onClick={close} data-testid="survey-close">{D('close')}</Button>}>
          {survey.partial && <p className="muted small">{D('partialNote')}</p>}
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}><Statistic title={D('invited')} value={survey.invited} data-testid="survey-invited" /></Col>
            <Col xs={12} md={6}><Statistic title={D('replied')} value={survey.replied} data-testid="survey-replied" /></Col>
            <Col xs={12} md={6}><Statistic title={D('rate')} value={survey.invited ? fmtPercent(survey.replied, survey.invited) : '—'} /></Col>
            <Col xs={12} md={6}><Statistic title={D('reminders')} value={`${survey.remindersSent} / ${survey.maxReminders}`} /></Col>
          </Row>
          {survey.state === 'open' && <p className="muted small survey-live-note">{D('liveNote')}</p>}
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={D('info')}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'org', label: D('org'), children: survey.orgName },
            { key: 'channels', label: D('channels'), children: [survey.bySms && t('surveys.edit.channelSms'), survey.byWeb && t('surveys.edit.channelWeb')].filter(Boolean).join(t('common.listSep')) },
            { key: 'who', label: D('who'), children: (audience?.who ?? []).map((w) => t(`sms.who.${w}` as 'sms.who.secretaries')).join(t('common.listSep')) || '—' },
            { key: 'questions', label: D('questions'), children: fmtCount(survey.questions.length) },
            { key: 'createdBy', label: D('createdBy'), children: survey.createdByName },
            { key: 'createdAt', label: D('createdAt'), children: <span className="mono">{chinaDateTime(survey.createdAt, false)}</span> },
            { key: 'openedAt', label: D('openedAt'), children: <span className="mono">{chinaDateTime(survey.openedAt, false)}</span> },
            { key: 'closesAt', label: D('closesAt'), children: <span className="mono">{chinaDateTime(survey.closesAt, false)}</span> },
            ...(survey.closedAt ? [{ key: 'closedAt', label: D('closedAt'), children: <span className="mono">{chinaDateTime(survey.closedAt, false)}</span> }] : []),
            { key: 'remind', label: D('remind'), children: survey.remindAfterHours && survey.maxReminders ? t('surveys.detail.remindText', { hours: survey.remindAfterHours, times: survey.maxReminders }) : D('noRemind') },
            { key: 'notify', label: t('surveys.edit.fields.notifyOnClose'), children: survey.notifyOnClose ? t('common.yes') : t('common.no') },
            { key: 'public', label: t('surveys.edit.fields.publicResults'), children: survey.publicResults ? t('common.yes') : t('common.no') },
            ...(to ? [{
              key: 'broadcast', label: D('broadcast'), span: 'filled' as const, children: (
                <Space wrap>
                  <a href={to} onClick={(e) => { e.preventDefault(); void navigate(to); }} data-testid="survey-broadcast-link">{t('surveys.detail.broadcastNo', { id: survey.broadcastId })}</a>
                  {broadcast.data && <StatusTag tone={BROADCAST_TONE[broadcast.data.state]}>{t(`sms.states.${broadcast.data.state}`)}</StatusTag>}
                  {broadcast.data?.state === 'awaiting_approval' && <span className="muted small">{D('awaitingApproval')}</span>}
                </Space>
              ),
            }] : survey.state === 'open' && survey.bySms && !survey.invited ? [{ key: 'broadcast', label: D('broadcast'), span: 'filled' as const, children: <span className="muted">{D('broadcastPending')}</span> }] : []),
            { key: 'intro', label: D('intro'), span: 'filled' as const, children: survey.intro || '—' },
          ]} />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={D('questionsTitle')}>
          <ol className="survey-question-list">
            {survey.questions.map((q) => (
              <li key={q.id}>
                <span className="muted small">［{t(`surveys.kinds.${q.kind}`)}］</span>{q.text}
                {q.kind === 'choice' && <ol className="survey-option-list">{q.options.map((o, i) => <li key={i}>{o}</li>)}</ol>}
              </li>
            ))}
          </ol>
        </Card>
      </Col>
    </Row>
  );
}
