// 问卷回复: the page of one reply (/admin/surveys/replies/:replyId), reached from the replies tab and from the
// follow-up item made from it (its 来源 link) — the survey and question it answers, the sender (phone masked, as in
// the list), the reply with its category and tags, the follow-up items made from it and the categorization history.
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { chinaDateTime } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { useReply, type ReplyDetail } from './surveys-api';
import { FOLLOWUP_TONE, STATE_TONE } from './surveys-format';

export function ReplyPage() {
  const { t } = useTranslation();
  const { replyId = '' } = useParams();
  const navigate = useNavigate();
  const r = useReply(replyId);
  const R = (k: string) => t(`surveys.reply.${k}` as 'surveys.reply.title');
  const back = (to: string) => <Button onClick={() => void navigate(to)}>{R('back')}</Button>;
  if (r.isPending) return <><PageHeader title={R('title')} extra={back('/admin/surveys')} /><Skeleton active /></>;
  if (!r.data) return <><PageHeader title={R('title')} extra={back('/admin/surveys')} /><ErrorResult error={r.error} onRetry={() => void r.refetch()} /></>;
  const d = r.data;
  return (
    <div data-testid="survey-reply">
      <PageHeader title={t('surveys.reply.titleNo', { id: d.id })} extra={back(`/admin/surveys/${d.survey.id}?tab=replies`)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={R('content')} className="survey-card">
            <blockquote className="survey-history-text survey-reply-quote" data-testid="reply-text">{d.text || <span className="muted">{R('noText')}</span>}</blockquote>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label={R('category')} span={2}>
                <span data-testid="reply-category">{d.categoryName}</span>
                {d.categorizedBy === 'staff' && <span className="muted small">{t('surveys.replies.byStaff')}</span>}
              </Descriptions.Item>
              <Descriptions.Item label={R('tags')} span={2}>
                {d.tags.length ? <Space size={[4, 4]} wrap>{d.tags.map((x) => <Tag key={x.id}>{x.name}</Tag>)}</Space> : <span className="muted">—</span>}
              </Descriptions.Item>
              <Descriptions.Item label={R('channel')}>{t(`surveys.channels.${d.channel as 'sms'}`)}{d.messages > 1 && <span className="muted small">{t('surveys.replies.messages', { count: d.messages })}</span>}</Descriptions.Item>
              <Descriptions.Item label={R('receivedAt')}><span className="mono">{chinaDateTime(d.receivedAt, false)}</span></Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={R('followups')} className="survey-card">
            {!d.followups.length ? <p className="muted" data-testid="reply-no-followup">{R('noFollowup')}</p> : (
              <ul className="survey-reply-followups">
                {d.followups.map((f) => (
                  <li key={f.id}>
                    <Link to={`/admin/followups/${f.id}`} data-testid="reply-followup-link">{t('surveys.reply.followupNo', { id: f.id })}</Link>
                    <StatusTag tone={FOLLOWUP_TONE[f.state]}>{R(`followupStates.${f.state}`)}</StatusTag>
                    <span className="muted small">{t('surveys.reply.owner', { org: f.ownerOrgName })}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={R('info')} className="survey-card">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={R('survey')}>
                <Space size={4} wrap>
                  <Link to={`/admin/surveys/${d.survey.id}`} data-testid="reply-survey-link">{d.survey.title}</Link>
                  <StatusTag tone={STATE_TONE[d.survey.state]}>{t(`surveys.states.${d.survey.state}`)}</StatusTag>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={R('surveyOrg')}>{d.survey.orgName}</Descriptions.Item>
              <Descriptions.Item label={R('question')}><QuestionText d={d} /></Descriptions.Item>
              <Descriptions.Item label={R('org')}>{d.orgName}</Descriptions.Item>
              <Descriptions.Item label={R('name')}>{d.name ?? <span className="muted">{R('noSender')}</span>}</Descriptions.Item>
              <Descriptions.Item label={R('phone')}>{d.phone ? <span className="mono" data-testid="reply-phone">{d.phone}</span> : <span className="muted">—</span>}</Descriptions.Item>
            </Descriptions>
            {d.phone && <p className="muted small survey-reply-note">{R('maskedNote')}</p>}
          </Card>
          <Card size="small" title={R('history')} className="survey-card">
            {!d.history.length ? <p className="muted">{t('surveys.history.none')}</p> : (
              <Timeline items={d.history.map((x, i) => ({
                key: i,
                children: (
                  <div data-testid="history-item">
                    <div><strong>{x.from}</strong> → <strong>{x.to}</strong></div>
                    <div className="muted small">{chinaDateTime(x.at, false)} · {x.byRules ? t('surveys.history.byRules') : x.byName}</div>
                    {x.reason && <div className="small">{t('surveys.history.reason', { reason: x.reason })}</div>}
                  </div>
                ),
              }))} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function QuestionText({ d }: { d: ReplyDetail }) {
  const { t } = useTranslation();
  return (
    <span>
      {t('surveys.reply.questionNo', { no: d.question.seq, kind: t(`surveys.kinds.${d.question.kind}`) })}{d.question.text}
      {d.question.options.length > 0 && <span className="muted small">（{d.question.options.map((o, i) => `${i + 1}.${o}`).join(' ')}）</span>}
    </span>
  );
}
