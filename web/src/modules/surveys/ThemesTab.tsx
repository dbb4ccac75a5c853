// 主题推荐: for the replies of a text question that no category took (其他), the server groups similar ones into
// themes in a background job (progress shown, polled); each theme shows its suggested name, keywords, size and
// examples, and 采纳为分类 opens the category dialog with the theme's name and rules filled in.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Progress, Row, Space, Tag } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime, fmtCount } from '@/modules/common/format';
import { surveyKeys, surveysApi, useThemes, type Survey, type Theme } from './surveys-api';
import { ruleText } from './surveys-format';
import { QuestionSelect } from './ResultsTab';
import { CategoryDialog, type CategoryDraft } from './CategoryDialog';

export function ThemesTab({ survey, canWrite }: { survey: Survey; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [questionId, setQuestionId] = useState<string | undefined>(survey.questions.find((q) => q.kind === 'text')?.id);
  const run = useThemes(survey.id, questionId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<CategoryDraft | null>(null);
  const [adopted, setAdopted] = useState<string[]>([]);
  const [adopting, setAdopting] = useState<string | null>(null);
  const T = (k: string) => t(`surveys.themes.${k}` as 'surveys.themes.title');
  const data = run.data;
  const running = data?.state === 'running';

  const start = async () => {
    if (!questionId) return;
    setBusy(true);
    setError(null);
    try {
      const r = await surveysApi.startThemes(survey.id, questionId);
      queryClient.setQueryData(surveyKeys.themes(survey.id, questionId), r);
      setAdopted([]);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const keyOf = (th: Theme) => th.replyIds.slice(0, 3).join(',');
  const total = data?.progress?.total ?? null;
  const processed = data?.progress?.processed ?? 0;

  return (
    <div data-testid="survey-themes">
      <Card size="small" className="filter-card">
        <Space wrap size={16}>
          <QuestionSelect survey={survey} value={questionId} onChange={setQuestionId} only="text" />
          {canWrite && <Button type="primary" icon={<BulbOutlined aria-hidden />} onClick={() => void start()} loading={busy} disabled={running || !questionId} data-testid="themes-start">{T('start')}</Button>}
        </Space>
        <p className="muted small sms-note">{T('intro')}</p>
      </Card>
      {error && <Alert type="error" showIcon title={error} role="alert" className="console-alert" data-testid="themes-error" />}
      {run.isError ? <ErrorResult error={run.error} onRetry={() => void run.refetch()} />
        : run.isPending ? <Card loading />
        : !data ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canWrite ? T('none') : T('noneReadOnly')} />
        : (
          <>
            {running && (
              <Card size="small" className="survey-card" role="status" data-testid="themes-running">
                <div>{T('running')}</div>
                <Progress percent={total ? Math.floor((processed / total) * 100) : 0} status="active" />
                <div className="muted small">{total ? t('surveys.themes.progress', { processed: fmtCount(processed), total: fmtCount(total) }) : T('preparing')}</div>
              </Card>
            )}
            {data.state === 'failed' && <Alert type="error" showIcon title={T('failed')} description={data.error} className="console-alert" />}
            {data.state === 'done' && (
              <p className="muted" data-testid="themes-summary">
                {t('surveys.themes.summary', { at: chinaDateTime(data.finishedAt, false), replies: fmtCount(data.replies), themes: data.themes.length })}
              </p>
            )}
            {data.state === 'done' && !data.themes.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={T('noThemes')} />}
            <Row gutter={[16, 16]}>
              {data.themes.map((th, i) => {
                const done = adopted.includes(keyOf(th));
                return (
                  <Col key={keyOf(th) || i} xs={24} md={12} xl={8}>
                    <Card size="small" className="survey-theme" data-testid="theme-card"
                      title={<span><span className="survey-seq">{i + 1}</span>{th.suggestedName}</span>}
                      extra={<span className="muted small">{t('surveys.themes.size', { count: th.size })}</span>}
                      actions={canWrite ? [
                        done ? <span key="done" className="muted">{T('adopted')}</span>
                          : <Button key="adopt" type="link" onClick={() => { setAdopting(keyOf(th)); setDraft({ kind: 'category', name: th.suggestedName, rules: th.suggestedRules }); }} data-testid="theme-adopt">{T('adopt')}</Button>,
                      ] : undefined}>
                      <div className="survey-theme-keywords"><span className="muted small">{T('keywords')}</span>
                        <Space wrap size={[4, 4]}>{th.keywords.map((k) => <Tag key={k}>{k}</Tag>)}</Space>
                      </div>
                      <div className="muted small">{T('examples')}</div>
                      <ul className="survey-examples">{th.examples.slice(0, 3).map((x) => <li key={x.id}><q>{x.text}</q></li>)}</ul>
                      {th.suggestedRules.length > 0 && <div className="muted small">{T('rules')}{th.suggestedRules.map((r) => ruleText(t, r)).join('；')}</div>}
                    </Card>
                  </Col>
                );
              })}
            </Row>
          </>
        )}
      {draft && (
        <CategoryDialog surveyId={survey.id} draft={draft} onClose={() => setDraft(null)}
          onSaved={() => {
            if (adopting) setAdopted((a) => [...a, adopting]);
            message.info(T('adoptedHint'));
          }} />
      )}
    </div>
  );
}
