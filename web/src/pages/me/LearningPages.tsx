// 远程教育 in 党员之家 (mobile first): 我的学习 (/me/learning: this year's hours against the duty, today's caps, the
// credit record), 课程 (/me/courses: the catalogue with filters), a course (/me/courses/:id) and a lesson
// (/me/lessons/:id: a video with heartbeats every 15 s while playing, an article or document counted by reading time,
// or a quiz scored on the server).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Input, Progress, Radio, Result, Select, Space, Spin, Tag } from 'antd';
import { ArrowLeftOutlined, BookOutlined, LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { Me } from '@/api/types';
import { isApiError } from '@/api/client';
import { RequireSession } from '@/modules/auth/guards';
import { useLogout } from '@/modules/auth/useLogout';
import { errorText } from '@/modules/common/errors';
import { PublicFrame } from '@/pages/login/PublicFrame';
import type { StringsPart } from '@/i18n/strings';
import { meStrings } from '@/i18n/sections/me.zh-CN';
import { learningStrings } from '@/i18n/sections/learning.zh-CN';
import { LessonVideo, type Tick } from '@/modules/learning/LessonVideo';
import { LiveList } from '@/modules/learning/LiveList';
import {
  AUDIENCES, hoursText, learningApi, learningKeys, useMyCourse, useMyCourses, useMyLearning, useMyLesson, useTopics,
  type Audience, type CreditResult, type MemberLesson, type QuizResult,
} from '@/modules/learning/learning-api';

export const learningPageStrings: readonly StringsPart[] = [meStrings, learningStrings];

export function Frame({ children, back }: { children: (me: Me) => ReactNode; back?: { to: string; label: string } }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <RequireSession>
      {(me) => (
        <PublicFrame
          actions={
            <button type="button" className="portal-btn" onClick={() => void logout()} data-testid="logout">
              <LogoutOutlined aria-hidden style={{ marginRight: 6 }} />
              {t('common.logout')}
            </button>
          }
        >
          <div className="me-wrap">
            <nav className="learning-nav" aria-label={t('learning.myLearning')}>
              <Link to={back?.to ?? '/me'}><ArrowLeftOutlined aria-hidden /> {back?.label ?? t('learning.toMe')}</Link>
            </nav>
            {children(me)}
          </div>
        </PublicFrame>
      )}
    </RequireSession>
  );
}

export const Loading = () => <div className="page-fallback" role="status"><Spin /></div>;

// ——— 我的学习 ———

export function MyLearningPage() {
  return <Frame>{() => <MyLearning />}</Frame>;
}

function MyLearning() {
  const { t } = useTranslation();
  const q = useMyLearning();
  const first = q.data?.pages[0];
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <h1 className="me-title">{t('learning.myLearning')}</h1>
      <div className="learning-nav"><Link to="/me/courses"><BookOutlined aria-hidden /> {t('learning.courses')}</Link></div>
      {q.isPending && <Loading />}
      {q.isError && <Alert type="warning" showIcon title={errorText(t, q.error)} />}
      {first && (
        <>
          <Card className="me-card" title={<h2 className="card-h2">{t('learning.yearProgress', { year: first.year })}</h2>} data-testid="learning-progress">
            <Progress percent={first.percent} strokeColor="#A10F15" aria-label={t('learning.percentDone', { p: first.percent })} />
            <p className="me-note" data-testid="learning-earned">
              {t('learning.earned')}：<strong>{hoursText(first.minutes, t)}</strong> ／ {t('learning.duty')}：{hoursText(first.dutyMinutes, t)}
            </p>
          </Card>
          <Card className="me-card" title={<h2 className="card-h2">{t('learning.today')}</h2>}>
            <div className="learning-caps">
              {first.today.map((c) => (
                <div key={c.kind}>
                  <div className="learning-item-meta">{t(`learning.kind.${c.kind}`)}</div>
                  <Progress percent={Math.round((100 * c.minutes) / c.cap)} size="small" showInfo={false} aria-label={t(`learning.kind.${c.kind}`)} />
                  <div className="learning-item-meta">{t('learning.todayUsed', { used: c.minutes, cap: c.cap })}</div>
                </div>
              ))}
            </div>
          </Card>
          <Card className="me-card" title={<h2 className="card-h2">{t('learning.ledger')}</h2>} data-testid="learning-ledger">
            {items.length === 0 && <p className="me-empty">{t('learning.ledgerEmpty')}</p>}
            <ul className="learning-list">
              {items.map((i) => (
                <li key={i.id} className="learning-item">
                  <div>
                    <p className="learning-item-title">{i.title}</p>
                    <p className="learning-item-meta">
                      <time dateTime={i.at}>{i.day}</time> · {t(`learning.kind.${i.kind}`)}
                      {i.cappedFrom !== null && t('learning.cappedFrom', { m: i.cappedFrom })}
                    </p>
                  </div>
                  <span className="learning-minutes">+{t('learning.minutes', { m: i.minutes })}</span>
                </li>
              ))}
            </ul>
            {q.hasNextPage && <Button block onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('common.loadMore')}</Button>}
          </Card>
        </>
      )}
    </>
  );
}

// ——— 课程 ———

export function CoursesPage() {
  const { t } = useTranslation();
  return <Frame back={{ to: '/me/learning', label: t('learning.myLearning') }}>{() => <Courses />}</Frame>;
}

function Courses() {
  const { t } = useTranslation();
  const topics = useTopics();
  const [topicId, setTopicId] = useState<string | undefined>();
  const [audience, setAudience] = useState<Audience | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const list = useMyCourses({ topicId, audience, q });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <h1 className="me-title">{t('learning.courses')}</h1>
      <LiveList />
      <div className="learning-filters">
        <Select allowClear placeholder={t('learning.allTopics')} aria-label={t('learning.topic')} value={topicId} onChange={setTopicId}
          options={(topics.data?.items ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))} />
        <Select allowClear placeholder={t('learning.allAudiences')} aria-label={t('learning.audiences')} value={audience} onChange={setAudience}
          options={AUDIENCES.map((a) => ({ value: a, label: t(`learning.audience.${a}`) }))} />
        <Input.Search allowClear placeholder={t('learning.search')} aria-label={t('learning.search')} onSearch={(v) => setQ(v.trim() || undefined)} />
      </div>
      {list.isPending && <Loading />}
      {list.isError && <Alert type="warning" showIcon title={errorText(t, list.error)} />}
      {list.isSuccess && items.length === 0 && <p className="me-empty">{t('learning.coursesEmpty')}</p>}
      {items.map((c) => (
        <Card key={c.id} className="learning-course-card" size="small" data-testid="course-card">
          <h2><Link to={`/me/courses/${c.id}`}>{c.title}</Link></h2>
          <p className="learning-item-meta">
            <Tag>{c.topicName}</Tag>{c.audiences.map((a) => <Tag key={a} color="red">{t(`learning.audience.${a}`)}</Tag>)}
          </p>
          <p className="learning-item-meta">{t('learning.lessonsCount', { n: c.lessonCount })}{c.creditMinutes > 0 && ` · ${t('learning.courseMinutes', { m: c.creditMinutes })}`} · {t('learning.by', { org: c.orgName })}</p>
        </Card>
      ))}
      {list.hasNextPage && <Button block onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('common.loadMore')}</Button>}
    </>
  );
}

export function CoursePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return <Frame back={{ to: '/me/courses', label: t('learning.courses') }}>{() => <CourseView id={id} />}</Frame>;
}

function lessonState(l: MemberLesson, t: TFunction): string | null {
  if (!l.progress) return null;
  if (l.progress.completed || (l.kind !== 'video' && l.progress.completions > 0)) return t('learning.lessonDone');
  return l.kind === 'video' ? t('learning.lessonCovered', { p: l.progress.coveredPercent }) : null;
}

function CourseView({ id }: { id: string }) {
  const { t } = useTranslation();
  const c = useMyCourse(id);
  if (c.isPending) return <Loading />;
  if (c.isError) return <Alert type="warning" showIcon title={errorText(t, c.error)} />;
  const course = c.data;
  return (
    <>
      <h1 className="me-title">{course.title}</h1>
      <p className="learning-item-meta"><Tag>{course.topicName}</Tag>{t('learning.by', { org: course.orgName })}{course.creditMinutes > 0 && ` · ${t('learning.courseMinutes', { m: course.creditMinutes })}`}</p>
      {course.coverUrl && <img src={course.coverUrl} alt="" style={{ width: '100%', borderRadius: 8, margin: '8px 0' }} />}
      {course.description && <p className="learning-body">{course.description}</p>}
      <Card className="me-card" title={<h2 className="card-h2">{t('learning.lessons')}</h2>}>
        <ol className="learning-list">
          {course.lessons.map((l) => (
            <li key={l.id} className="learning-item">
              <div>
                <p className="learning-item-title"><Link to={`/me/lessons/${l.id}`} data-testid="lesson-link">{l.title}</Link></p>
                <p className="learning-item-meta">
                  {t(`learning.lessonKind.${l.kind}`)}
                  {l.durationSeconds ? ` · ${t('learning.minutes', { m: Math.ceil(l.durationSeconds / 60) })}` : ''}
                  {lessonState(l, t) && <> · <strong>{lessonState(l, t)}</strong></>}
                </p>
              </div>
              <Link to={`/me/lessons/${l.id}`}>{t('learning.startLesson')}</Link>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}

// ——— a lesson ———

export function LessonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const l = useMyLesson(id);
  return (
    <Frame back={l.data ? { to: `/me/courses/${l.data.courseId}`, label: t('learning.back') } : undefined}>
      {() => (
        <>
          {l.isPending && <Loading />}
          {l.isError && <Alert type="warning" showIcon title={errorText(t, l.error)} />}
          {l.data && (
            <>
              <h1 className="me-title">{l.data.title}</h1>
              <p className="learning-item-meta">{t(`learning.lessonKind.${l.data.kind}`)}</p>
              {l.data.kind === 'video' && <VideoLesson lesson={l.data} />}
              {(l.data.kind === 'article' || l.data.kind === 'document') && <ReadingLesson lesson={l.data} />}
              {l.data.kind === 'quiz' && <QuizLesson lesson={l.data} />}
            </>
          )}
        </>
      )}
    </Frame>
  );
}

function CreditNote({ credit }: { credit: CreditResult | null }) {
  if (!credit) return null;
  return <Alert type={credit.awarded ? 'success' : 'info'} showIcon title={credit.message} data-testid="credit-message" style={{ marginTop: 12 }} />;
}

function VideoLesson({ lesson }: { lesson: MemberLesson }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const stream = useRef<{ token: string; interval: number; lastSent: number; busy: boolean } | null>(null);
  const starting = useRef(false);
  const [percent, setPercent] = useState(lesson.progress?.coveredPercent ?? 0);
  const [need, setNeed] = useState(90);
  const [completed, setCompleted] = useState(lesson.progress?.completed ?? false);
  const [credit, setCredit] = useState<CreditResult | null>(null);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = useCallback(async (tick: Tick) => {
    const s = stream.current;
    if (!s || s.busy) return;
    s.busy = true;
    try {
      const r = await learningApi.heartbeat(s.token, Math.max(0, tick.position), tick.playing);
      stream.current = { ...s, token: r.token, interval: r.intervalSeconds, lastSent: Date.now(), busy: false };
      setPercent(r.coveredPercent);
      if (r.completed) setCompleted(true);
      if (r.credit) {
        setCredit(r.credit);
        void qc.invalidateQueries({ queryKey: learningKeys.all });
      }
    } catch (e) {
      stream.current = null;
      if (isApiError(e) && e.code === 'learning.stream_ended') setEnded(true);
      else setError(e);
    }
  }, [qc]);

  const onTick = useCallback((tick: Tick) => {
    if (ended) return;
    const s = stream.current;
    if (!s) {
      if (!tick.playing || starting.current) return;
      starting.current = true;
      learningApi.start(lesson.id).then((r) => {
        stream.current = { token: r.token, interval: r.intervalSeconds, lastSent: 0, busy: false };
        setNeed(r.completionPercent);
        return send(tick);
      }).catch(setError).finally(() => { starting.current = false; });
      return;
    }
    // while playing: every interval; a pause or the end: at once.
    if (!tick.playing || Date.now() - s.lastSent >= s.interval * 1000) void send(tick);
  }, [ended, lesson.id, send]);

  return (
    <>
      {lesson.mediaAssetId || lesson.videoUrl
        ? <LessonVideo mediaAssetId={lesson.mediaAssetId} src={lesson.videoUrl} onTick={onTick} title={lesson.title} />
        : <Alert type="info" showIcon title={t('learning.noVideo')} />}
      <Card className="me-card" style={{ marginTop: 12 }}>
        <Progress percent={percent} success={{ percent: completed ? percent : 0 }} aria-label={t('learning.covered', { p: percent, need })} />
        <p className="me-note" data-testid="covered">{t('learning.covered', { p: percent, need })}</p>
        <p className="learning-item-meta">{t('learning.coveredHint')}</p>
        {completed && <Tag color="green">{t('learning.completed')}</Tag>}
        <CreditNote credit={credit} />
        {ended && (
          <Alert type="warning" showIcon title={t('learning.streamEnded')} style={{ marginTop: 12 }}
            action={<Button size="small" onClick={() => setEnded(false)}>{t('learning.restart')}</Button>} />
        )}
        {error !== null && <Alert type="warning" showIcon title={errorText(t, error)} style={{ marginTop: 12 }} />}
      </Card>
    </>
  );
}

function ReadingLesson({ lesson }: { lesson: MemberLesson }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [state, setState] = useState<{ read: number; min: number; credit: CreditResult | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let token: string | null = null;
    let timer = 0;
    let stopped = false;
    learningApi.read(lesson.id).then((r) => {
      if (stopped) return;
      token = r.token;
      setState({ read: 0, min: r.minSeconds, credit: null });
      timer = window.setInterval(() => {
        if (!token || document.visibilityState !== 'visible') return;
        learningApi.readingHeartbeat(token).then((h) => {
          token = h.token;
          setState((s) => ({ read: h.readSeconds, min: h.minSeconds, credit: h.credit ?? s?.credit ?? null }));
          if (h.credit) void qc.invalidateQueries({ queryKey: learningKeys.all });
          if (h.readSeconds >= h.minSeconds) window.clearInterval(timer);
        }).catch((e: unknown) => { token = null; setError(e); });
      }, Math.min(r.intervalSeconds, 30) * 1000);
    }).catch(setError);
    return () => { stopped = true; window.clearInterval(timer); };
  }, [lesson.id, qc]);
  return (
    <>
      {lesson.bodyHtml && <div className="learning-body" dangerouslySetInnerHTML={{ __html: lesson.bodyHtml }} />}
      {lesson.fileUrl && <p><a href={lesson.fileUrl} target="_blank" rel="noopener noreferrer">{t('learning.download')}：{lesson.fileName}</a></p>}
      <Card className="me-card" size="small">
        {state && (state.read >= state.min ? <p className="me-note">{t('learning.readDone')}</p> : <p className="me-note">{t('learning.readHint', { s: state.min })} {t('learning.readProgress', { s: state.read })}</p>)}
        <CreditNote credit={state?.credit ?? null} />
        {error !== null && <Alert type="warning" showIcon title={errorText(t, error)} />}
      </Card>
    </>
  );
}

function QuizLesson({ lesson }: { lesson: MemberLesson }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [result, setResult] = useState<QuizResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const complete = lesson.questions.every((q) => (answers[q.id] ?? []).length > 0);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await learningApi.submitQuiz(lesson.id, lesson.questions.map((q) => ({ questionId: q.id, choices: answers[q.id] ?? [] })));
      setResult(r);
      if (r.credit) void qc.invalidateQueries({ queryKey: learningKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const letters = (a: number[]) => a.map((i) => String.fromCharCode(65 + i)).join('、');
  return (
    <Card className="me-card">
      <p className="me-note">{t('learning.quizIntro', { n: lesson.questions.length, pass: lesson.passPercent ?? 60 })}</p>
      {lesson.questions.map((q, qi) => {
        const r = result?.results.find((x) => x.questionId === q.id);
        const opts = q.options.map((o, i) => ({ value: i, label: `${String.fromCharCode(65 + i)}. ${o}` }));
        return (
          <fieldset key={q.id} className="learning-question" disabled={!!result}>
            <legend>{qi + 1}. {q.text}{q.multiple ? `（${t('learning.multiple')}）` : ''}</legend>
            {q.multiple
              ? <Checkbox.Group options={opts} value={answers[q.id] ?? []} onChange={(v) => setAnswers({ ...answers, [q.id]: v as number[] })} style={{ display: 'flex', flexDirection: 'column', gap: 6 }} />
              : <Radio.Group options={opts} value={answers[q.id]?.[0]} onChange={(e) => setAnswers({ ...answers, [q.id]: [e.target.value as number] })} style={{ display: 'flex', flexDirection: 'column', gap: 6 }} />}
            {r && <p className="learning-item-meta" style={{ color: r.correct ? '#237804' : '#A10F15' }}>{r.correct ? '✓' : '✗'} {t('learning.correctAnswer', { a: letters(r.answer) })}</p>}
          </fieldset>
        );
      })}
      {result ? (
        <>
          <Result status={result.passed ? 'success' : 'warning'} title={result.passed ? t('learning.quizPassed') : t('learning.quizFailed')} subTitle={t('learning.quizScore', { score: result.score })} />
          <CreditNote credit={result.credit} />
          <Space style={{ marginTop: 12 }}><Button onClick={() => { setResult(null); setAnswers({}); }}>{t('learning.retry')}</Button></Space>
        </>
      ) : (
        <Button type="primary" block disabled={!complete} loading={busy} onClick={() => void submit()} title={complete ? undefined : t('learning.answerAll')}>{t('learning.submitQuiz')}</Button>
      )}
      {error !== null && <Alert type="warning" showIcon title={errorText(t, error)} style={{ marginTop: 12 }} />}
    </Card>
  );
}
