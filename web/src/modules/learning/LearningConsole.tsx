// 远程教育 → 课程管理 in the console: the courses of the actor's subtree (/admin/learning/courses), a new one (…/new) and
// one course's editor with its ordered lessons (…/:id); and 学分规则 (/admin/learning/rules), the province's form.
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { App, Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { isApiError } from '@/api/client';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { MediaPicker } from '@/modules/media/MediaPicker';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import {
  AUDIENCES, LESSON_KINDS, learningApi, learningKeys, uploadCourseFile, useCourse, useCourses, useRules, useTopics,
  type Audience, type Course, type CourseSummary, type Lesson, type LessonInput, type LessonKind, type Rules,
} from './learning-api';

const STATUS_TONE: Record<CourseSummary['status'], Tone> = { draft: 'grey', published: 'green', withdrawn: 'gold' };

export function LearningCoursesConsole({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<CourseList me={me} />} />
      <Route path="new" element={<CourseEditor me={me} />} />
      <Route path=":id" element={<CourseEditor me={me} />} />
    </Routes>
  );
}

function CourseList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const topics = useTopics();
  const [orgId, setOrgId] = useState<string>();
  const [topicId, setTopicId] = useState<string>();
  const [status, setStatus] = useState<CourseSummary['status']>();
  const [q, setQ] = useState<string>();
  const list = useCourses({ orgId, topicId, status, q });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<CourseSummary> = [
    { title: t('learning.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/admin/learning/courses/${r.id}`} data-testid="course-open">{v}</Link> },
    { title: t('learning.topic'), dataIndex: 'topicName', width: 110 },
    { title: t('learning.audiences'), dataIndex: 'audiences', width: 170, render: (v: Audience[]) => v.map((a) => <Tag key={a}>{t(`learning.audience.${a}`)}</Tag>) },
    { title: t('learning.org'), dataIndex: 'orgName', width: 170, ellipsis: true },
    { title: t('learning.lessons'), dataIndex: 'lessonCount', width: 70, align: 'right' },
    { title: t('learning.creditMinutes'), dataIndex: 'creditMinutes', width: 100, align: 'right' },
    { title: t('learning.status_'), dataIndex: 'status', width: 90, render: (v: CourseSummary['status']) => <StatusTag tone={STATUS_TONE[v]}>{t(`learning.status.${v}`)}</StatusTag> },
    { title: t('learning.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (v: string) => <span className="mono">{chinaDateTime(v, false)}</span> },
  ];
  return (
    <>
      <PageHeader title={t('learning.courseAdmin')}
        extra={hasPerm(me, 'learning.manage') && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/admin/learning/courses/new')} data-testid="course-new">{t('learning.newCourse')}</Button>} />
      <Form layout="inline" className="filter-form" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('learning.org')}><OrgPicker allowClear value={orgId} onChange={(v) => setOrgId(v)} style={{ minWidth: 220 }} /></Form.Item>
        <Form.Item label={t('learning.topic')}><Select allowClear value={topicId} onChange={setTopicId} placeholder={t('learning.allTopics')} style={{ width: 140 }} options={(topics.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} /></Form.Item>
        <Form.Item label={t('learning.status_')}><Select allowClear value={status} onChange={setStatus} style={{ width: 110 }} options={(['draft', 'published', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`learning.status.${s}`) }))} /></Form.Item>
        <Form.Item><Input.Search allowClear placeholder={t('learning.search')} aria-label={t('learning.search')} onSearch={(v) => setQ(v.trim() || undefined)} /></Form.Item>
      </Form>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : (
        <>
          <Table rowKey="id" size="middle" columns={columns} dataSource={items} loading={list.isFetching} pagination={false} scroll={{ x: 1000 }}
            locale={{ emptyText: <EmptyPanel title={t('learning.listEmpty')} /> }} />
          {list.hasNextPage && <Button block style={{ marginTop: 12 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('common.loadMore')}</Button>}
        </>
      )}
    </>
  );
}

interface CourseValues { orgId?: string; topicId: string; title: string; description?: string; audiences: Audience[] }

function CourseEditor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const course = useCourse(id);
  const topics = useTopics();
  const [form] = Form.useForm<CourseValues>();
  const [saving, setSaving] = useState(false);
  const canWrite = hasPerm(me, 'learning.manage');
  const refresh = () => qc.invalidateQueries({ queryKey: learningKeys.all });

  if (id && course.isPending) return null;
  if (id && course.isError) return <ErrorResult error={course.error} onRetry={() => void course.refetch()} />;
  const c = course.data;

  const save = async (v: CourseValues) => {
    setSaving(true);
    try {
      if (!c) {
        const r = await learningApi.createCourse({ orgId: v.orgId ?? '', topicId: v.topicId, title: v.title, description: v.description, audiences: v.audiences });
        void message.success(t('learning.saved'));
        await refresh();
        void navigate(`/admin/learning/courses/${r.id}`, { replace: true });
      } else {
        await learningApi.updateCourse(c.id, { topicId: v.topicId, title: v.title, description: v.description, audiences: v.audiences, coverFileId: c.coverUrl ? c.coverUrl.split('/').pop() : null, version: c.version });
        void message.success(t('learning.saved'));
        await refresh();
      }
    } catch (e) {
      if (!applyFieldErrors(form, e)) void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try { await fn(); void message.success(done); await refresh(); } catch (e) { void message.error(errorText(t, e)); }
  };

  return (
    <>
      <PageHeader title={c ? c.title : t('learning.newCourse')}
        extra={c && canWrite && (
          <Space>
            {c.status !== 'published' && <Button type="primary" onClick={() => void act(() => learningApi.publish(c.id), t('learning.published'))} data-testid="course-publish">{t('learning.publish')}</Button>}
            {c.status === 'published' && (
              <Popconfirm title={t('learning.withdrawConfirm')} onConfirm={() => void act(() => learningApi.withdraw(c.id), t('learning.withdrawn'))}>
                <Button danger>{t('learning.withdraw')}</Button>
              </Popconfirm>
            )}
          </Space>
        )}>
        {c && <StatusTag tone={STATUS_TONE[c.status]}>{t(`learning.status.${c.status}`)}</StatusTag>}
      </PageHeader>
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" disabled={!canWrite} onFinish={(v) => void save(v)} style={{ maxWidth: 720 }}
          initialValues={c ? { topicId: c.topicId, title: c.title, description: c.description, audiences: c.audiences } : { audiences: ['member'] }}>
          {!c && <Form.Item name="orgId" label={t('learning.org')} rules={[{ required: true }]}><OrgPicker /></Form.Item>}
          {c && <Form.Item label={t('learning.org')}><Typography.Text>{c.orgName}</Typography.Text></Form.Item>}
          <Form.Item name="title" label={t('learning.title')} rules={[{ required: true, max: 80 }]}><Input /></Form.Item>
          <Form.Item name="topicId" label={t('learning.topic')} rules={[{ required: true }]}>
            <Select options={(topics.data?.items ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="audiences" label={t('learning.audiences')} rules={[{ required: true }]}>
            <Checkbox.Group options={AUDIENCES.map((a) => ({ value: a, label: t(`learning.audience.${a}`) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('learning.description')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
          {c && (
            <Form.Item label={t('learning.cover')}>
              <Space>
                {c.coverUrl && <img src={c.coverUrl} alt="" style={{ height: 60, borderRadius: 4 }} />}
                <Upload showUploadList={false} accept=".jpg,.jpeg,.png" customRequest={({ file }) => void (async () => {
                  try {
                    const f = await uploadCourseFile(c.id, file as File);
                    await learningApi.updateCourse(c.id, { topicId: c.topicId, title: c.title, description: c.description, audiences: c.audiences, coverFileId: f.id, version: c.version });
                    await refresh();
                  } catch (e) { void message.error(errorText(t, e)); }
                })()}>
                  <Button icon={<UploadOutlined aria-hidden />}>{t('learning.uploadCover')}</Button>
                </Upload>
              </Space>
            </Form.Item>
          )}
          {canWrite && <Button type="primary" htmlType="submit" loading={saving} data-testid="course-save">{t('learning.save')}</Button>}
        </Form>
      </Card>
      {c && <Lessons course={c} canWrite={canWrite} onChange={refresh} />}
    </>
  );
}

function Lessons({ course, canWrite, onChange }: { course: Course; canWrite: boolean; onChange: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ lesson?: Lesson; kind: LessonKind } | null>(null);
  const ids = course.lessons.map((l) => l.id);
  const move = async (i: number, d: -1 | 1) => {
    const next = [...ids];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    try { await learningApi.orderLessons(course.id, next); await onChange(); } catch (e) { void message.error(errorText(t, e)); }
  };
  const columns: ColumnsType<Lesson> = [
    { title: '#', width: 50, render: (_v, _r, i) => i + 1 },
    { title: t('learning.lessonTitle'), dataIndex: 'title' },
    { title: t('learning.lessonType'), dataIndex: 'kind', width: 80, render: (v: LessonKind) => t(`learning.lessonKind.${v}`) },
    { title: t('learning.durationSeconds'), dataIndex: 'durationSeconds', width: 100, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('learning.creditMinutes'), dataIndex: 'creditMinutes', width: 100, align: 'right', render: (v: number | null) => v ?? '—' },
    ...(canWrite ? [{
      title: '', key: 'ops', width: 260, render: (_v: unknown, r: Lesson, i: number) => (
        <Space size={4}>
          <Button size="small" disabled={i === 0} onClick={() => void move(i, -1)}>{t('learning.moveUp')}</Button>
          <Button size="small" disabled={i === ids.length - 1} onClick={() => void move(i, 1)}>{t('learning.moveDown')}</Button>
          <Button size="small" onClick={() => setEditing({ lesson: r, kind: r.kind })}>{t('learning.edit')}</Button>
          <Popconfirm title={t('learning.removeConfirm')} onConfirm={() => void learningApi.removeLesson(r.id).then(onChange, (e: unknown) => void message.error(errorText(t, e)))}>
            <Button size="small" danger>{t('learning.remove')}</Button>
          </Popconfirm>
        </Space>
      ),
    }] : []),
  ];
  return (
    <Card title={t('learning.lessons')} extra={canWrite && (
      <Select<LessonKind> placeholder={t('learning.addLesson')} value={null as unknown as LessonKind} style={{ width: 140 }} onChange={(k) => setEditing({ kind: k })} data-testid="lesson-add"
        options={LESSON_KINDS.map((k) => ({ value: k, label: `${t('learning.addLesson')}：${t(`learning.lessonKind.${k}`)}` }))} />
    )}>
      <Table rowKey="id" size="small" columns={columns} dataSource={course.lessons} pagination={false} scroll={{ x: 760 }} />
      {editing && <LessonModal course={course} lesson={editing.lesson} kind={editing.kind} onClose={() => setEditing(null)} onSaved={async () => { setEditing(null); await onChange(); }} />}
    </Card>
  );
}

interface LessonValues { title: string; videoUrl?: string; mediaAssetId?: string; durationSeconds?: number; creditMinutes?: number; bodyHtml?: string; passPercent?: number; questions?: { text: string; multiple: boolean; options: string; answer: string }[] }

function LessonModal({ course, lesson, kind, onClose, onSaved }: { course: Course; lesson?: Lesson; kind: LessonKind; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LessonValues>();
  const [fileId, setFileId] = useState<string | null>(lesson?.fileId ?? null);
  const [fileName, setFileName] = useState<string | null>(lesson?.fileName ?? null);
  const [busy, setBusy] = useState(false);
  const initial: LessonValues = lesson ? {
    title: lesson.title, videoUrl: lesson.videoUrl ?? undefined, mediaAssetId: lesson.mediaAssetId ?? undefined, durationSeconds: lesson.durationSeconds ?? undefined,
    creditMinutes: lesson.creditMinutes ?? undefined, bodyHtml: lesson.bodyHtml ?? undefined, passPercent: lesson.passPercent ?? 60,
    questions: lesson.questions.map((q) => ({ text: q.text, multiple: q.multiple, options: q.options.join('\n'), answer: (q.answer ?? []).map((a) => a + 1).join(',') })),
  } : { title: '', passPercent: 60, questions: kind === 'quiz' ? [{ text: '', multiple: false, options: '', answer: '' }] : undefined };
  const submit = async (v: LessonValues) => {
    const body: LessonInput = {
      kind, title: v.title,
      ...(kind === 'video' ? { videoUrl: v.videoUrl || null, mediaAssetId: v.mediaAssetId || null, durationSeconds: v.durationSeconds ?? null, creditMinutes: v.creditMinutes ?? null } : {}),
      ...(kind === 'article' || kind === 'document' ? { bodyHtml: v.bodyHtml || null } : {}),
      ...(kind === 'document' ? { fileId } : {}),
      ...(kind === 'quiz' ? {
        passPercent: v.passPercent ?? 60,
        questions: (v.questions ?? []).map((q) => ({
          text: q.text, multiple: !!q.multiple, options: q.options.split('\n').map((o) => o.trim()).filter(Boolean),
          answer: q.answer.split(/[,，、\s]+/).filter(Boolean).map((a) => Number(a) - 1),
        })),
      } : {}),
    };
    setBusy(true);
    try {
      if (lesson) await learningApi.updateLesson(lesson.id, body); else await learningApi.addLesson(course.id, body);
      void message.success(t('learning.saved'));
      await onSaved();
    } catch (e) {
      if (!applyFieldErrors(form, e)) void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${t(`learning.lessonKind.${kind}`)} · ${lesson ? t('learning.edit') : t('learning.addLesson')}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Form.Item name="title" label={t('learning.lessonTitle')} rules={[{ required: true, max: 80 }]}><Input /></Form.Item>
        {kind === 'video' && (
          <>
            <Form.Item name="mediaAssetId" label={t('learning.mediaAsset')}>
              <MediaPicker uploadVisibility="members" onPick={(v) => { if (v?.durationSeconds && !form.getFieldValue('durationSeconds')) form.setFieldsValue({ durationSeconds: Math.max(1, Math.round(v.durationSeconds)) }); }} />
            </Form.Item>
            <Form.Item name="videoUrl" label={t('learning.videoUrl')}><Input placeholder="https://…/lesson.mp4" /></Form.Item>
            <Space wrap>
              <Form.Item name="durationSeconds" label={t('learning.durationSeconds')} rules={[{ required: true }]}><InputNumber min={1} max={86400} /></Form.Item>
              <Form.Item name="creditMinutes" label={t('learning.creditMinutes')} extra={t('learning.creditDefault')}><InputNumber min={1} max={600} /></Form.Item>
            </Space>
          </>
        )}
        {(kind === 'article' || kind === 'document') && (
          <Form.Item name="bodyHtml" label={t('learning.body')} rules={kind === 'article' ? [{ required: true }] : []}><Input.TextArea rows={8} /></Form.Item>
        )}
        {kind === 'document' && (
          <Form.Item name="fileId" label={t('learning.file')}>
            <Space>
              {fileName && <Typography.Text>{fileName}</Typography.Text>}
              <Upload showUploadList={false} accept=".pdf,.docx,.xlsx,.jpg,.png" customRequest={({ file }) => void uploadCourseFile(course.id, file as File)
                .then((f) => { setFileId(f.id); setFileName(f.fileName); }, (e: unknown) => void message.error(errorText(t, e)))}>
                <Button icon={<UploadOutlined aria-hidden />}>{t('learning.upload')}</Button>
              </Upload>
            </Space>
          </Form.Item>
        )}
        {kind === 'quiz' && (
          <>
            <Form.Item name="passPercent" label={t('learning.passPercent')}><InputNumber min={1} max={100} /></Form.Item>
            <Form.List name="questions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={`${i + 1}`} extra={<Button size="small" danger onClick={() => remove(f.name)}>{t('learning.remove')}</Button>}>
                      <Form.Item name={[f.name, 'text']} label={t('learning.questionText')} rules={[{ required: true }]}><Input /></Form.Item>
                      <Form.Item name={[f.name, 'multiple']} valuePropName="checked"><Checkbox>{t('learning.multiple')}</Checkbox></Form.Item>
                      <Form.Item name={[f.name, 'options']} label={t('learning.options')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
                      <Form.Item name={[f.name, 'answer']} label={t('learning.answer')} rules={[{ required: true }]}><Input /></Form.Item>
                    </Card>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ text: '', multiple: false, options: '', answer: '' })}>{t('learning.addQuestion')}</Button>
                </>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Modal>
  );
}

// ——— 学分规则 ———

export function LearningRulesConsole({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const rules = useRules();
  const [form] = Form.useForm<Rules>();
  const [conflict, setConflict] = useState(false);
  const canWrite = hasPerm(me, 'learning.rules');
  if (rules.isPending) return null;
  if (rules.isError) return <ErrorResult error={rules.error} onRetry={() => void rules.refetch()} />;
  const r = rules.data;
  const save = async (v: Rules) => {
    try {
      const { updatedByName: _n, updatedAt: _a, ...body } = { ...r, ...v, dailyCaps: { ...r.dailyCaps, ...v.dailyCaps }, version: r.version };
      const saved = await learningApi.saveRules(body);
      qc.setQueryData(learningKeys.rules, saved);
      setConflict(false);
      void message.success(t('learning.rulesSaved'));
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        setConflict(true);
        const fresh = await rules.refetch();
        if (fresh.data) form.setFieldsValue(fresh.data);
      } else if (!applyFieldErrors(form, e)) void message.error(errorText(t, e));
    }
  };
  const num = (name: string | string[], label: string, min: number, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}><InputNumber min={min} max={max} style={{ width: 160 }} /></Form.Item>
  );
  return (
    <>
      <PageHeader title={t('learning.rules')} />
      <Card>
        <Typography.Paragraph>{t('learning.rulesIntro')}</Typography.Paragraph>
        {r.updatedByName && <Typography.Paragraph type="secondary">{t('learning.updatedBy', { name: r.updatedByName, at: chinaDateTime(r.updatedAt, false) })}</Typography.Paragraph>}
        {conflict && <Alert type="warning" showIcon title={t('learning.rulesConflict')} style={{ marginBottom: 16 }} data-testid="rules-conflict" />}
        <Form form={form} layout="vertical" initialValues={r} disabled={!canWrite} onFinish={(v) => void save(v)}>
          <Space wrap size="large" align="start">
            {num('completionPercent', t('learning.completionPercent'), 50, 100)}
            {num('articleMinSeconds', t('learning.articleMinSeconds'), 10, 3600)}
            {num('articleMinutes', t('learning.articleMinutes'), 1, 120)}
            {num('quizMinutes', t('learning.quizMinutes'), 1, 120)}
          </Space>
          <Typography.Title level={5}>{t('learning.dailyCaps')}</Typography.Title>
          <Space wrap size="large" align="start">
            {(['lesson', 'article', 'quiz', 'group_viewing', 'live'] as const).map((k) => <span key={k}>{num(['dailyCaps', k], t(`learning.kind.${k}`), 1, 1440)}</span>)}
          </Space>
          <Space wrap size="large" align="start">
            {num('dutyHoursMember', t('learning.dutyHoursMember'), 1, 500)}
            {num('dutyHoursCadre', t('learning.dutyHoursCadre'), 1, 500)}
          </Space>
          {canWrite && <div><Button type="primary" htmlType="submit" data-testid="rules-save">{t('learning.save')}</Button></div>}
        </Form>
      </Card>
    </>
  );
}
