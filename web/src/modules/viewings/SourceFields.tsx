// What a group viewing is of, in the schedule form: a live event (直播) the station's members see, a video lesson of a
// published course (课程课时), or another programme named in free text. Picking an event fills in its start, length and
// title; picking a lesson its length and title. The choices come from the server for the chosen station, 20 at a time
// as the list scrolls.
import { useEffect, useRef, useState, type UIEvent } from 'react';
import { Form, Input, Radio, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { chinaDateTime } from '@/modules/common/format';
import { useLessonChoices, useLiveEventChoices, type LessonChoice, type LiveEventChoice } from './viewings-api';

export type SourceKind = 'live' | 'lesson' | 'other';
export interface ScheduleValues {
  stationId: string; source: SourceKind; liveEventId?: string; lessonId?: string; liveTitle?: string;
  title: string; startsAt: Dayjs; durationMinutes: number; organizerName: string; notes?: string;
}

/** An option of the open list: its whole title, wrapped (a phone's list is narrow), and a second line in grey. */
function TwoLines({ first, second }: { first: string; second: string }) {
  return (
    <div style={{ whiteSpace: 'normal', lineHeight: 1.4, padding: '2px 0' }}>
      <div>{first}</div>
      <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 12 }}>{second}</div>
    </div>
  );
}

const clampMinutes = (m: number) => Math.min(480, Math.max(10, Math.round(m)));
/** Fetches the next page when the open list is scrolled near its end. */
const nearEnd = (e: UIEvent<HTMLDivElement>) => {
  const el = e.currentTarget;
  return el.scrollTop + el.clientHeight >= el.scrollHeight - 24;
};

export function SourceFields({ form }: { form: FormInstance<ScheduleValues> }) {
  const { t } = useTranslation();
  const stationId = Form.useWatch('stationId', form);
  const source = Form.useWatch('source', form) ?? 'live';
  const liveEventId = Form.useWatch('liveEventId', form);
  const lessonId = Form.useWatch('lessonId', form);
  const [liveQ, setLiveQ] = useState('');
  const [lessonQ, setLessonQ] = useState('');
  const lives = useLiveEventChoices(source === 'live' ? stationId : undefined, liveQ);
  const lessons = useLessonChoices(source === 'lesson' ? stationId : undefined, lessonQ);
  const liveItems = lives.data?.pages.flatMap((p) => p.items) ?? [];
  const lessonItems = lessons.data?.pages.flatMap((p) => p.items) ?? [];
  const picked = liveItems.find((e) => e.id === liveEventId);
  const pickedLesson = lessonItems.find((l) => l.id === lessonId);
  // The title a pick filled in (the field was empty or held the previous pick's): a later pick or another kind of
  // content replaces it; a title the manager typed is kept.
  const filled = useRef<string | null>(null);
  const fillTitle = (title: string | null) => {
    const current = form.getFieldValue('title') as string | undefined;
    if (current && current !== filled.current) return;
    filled.current = title;
    form.setFieldsValue({ title: title ?? '' });
  };

  const pickLive = (e: LiveEventChoice) => {
    form.setFieldsValue({ startsAt: dayjs(e.startsAt), durationMinutes: clampMinutes((Date.parse(e.endsAt) - Date.parse(e.startsAt)) / 60_000) });
    fillTitle(e.title);
  };
  const pickLesson = (l: LessonChoice) => {
    if (l.durationSeconds) form.setFieldsValue({ durationMinutes: clampMinutes(Math.ceil(l.durationSeconds / 60)) });
    fillTitle(l.title);
  };
  // Filled in once per pick, from the chosen value as the form holds it (not from the list's select callback, which
  // can run with the list of an earlier render while a page of choices is arriving).
  const applied = useRef<string | null>(null);
  const choice = picked ? `live:${picked.id}` : pickedLesson ? `lesson:${pickedLesson.id}` : null;
  useEffect(() => {
    if (!choice) { applied.current = null; return; }
    if (applied.current === choice) return;
    applied.current = choice;
    if (picked) pickLive(picked);
    else if (pickedLesson) pickLesson(pickedLesson);
    // Runs when the choice changes; the pick functions read the form at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [choice]);
  const waiting = !stationId ? t('viewings.hints.pickStationFirst') : undefined;

  return (
    <>
      <Form.Item name="source" label={t('viewings.fields.source')} initialValue="live">
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="viewing-source" onChange={() => fillTitle(null)}
          options={(['live', 'lesson', 'other'] as const).map((k) => ({ value: k, label: t(`viewings.source.${k}`) }))} />
      </Form.Item>
      {source === 'live' && (
        <Form.Item name="liveEventId" label={t('viewings.fields.liveEvent')} rules={[{ required: true, message: t('viewings.rules.liveEvent') }]}
          extra={picked ? `${t('viewings.hints.liveEvent')}${t('viewings.hints.liveCredit', { m: picked.creditMinutes })}` : t('viewings.hints.liveEvent')}>
          <Select showSearch filterOption={false} onSearch={setLiveQ} disabled={!stationId} placeholder={waiting ?? t('viewings.hints.searchLive')}
            loading={lives.isFetching} data-testid="viewing-live-event" notFoundContent={lives.isFetching ? undefined : t('viewings.hints.noLive')}
            onPopupScroll={(e) => { if (nearEnd(e) && lives.hasNextPage && !lives.isFetchingNextPage) void lives.fetchNextPage(); }}
            optionRender={(o) => <TwoLines first={String(o.data.title)} second={String(o.data.detail)} />}
            options={liveItems.map((e) => ({
              value: e.id,
              label: `${e.status === 'live' ? `【${t('viewings.liveStatus.live')}】` : ''}${e.title}（${chinaDateTime(e.startsAt, false)}，${e.orgName}）`,
              title: `${e.status === 'live' ? `【${t('viewings.liveStatus.live')}】` : ''}${e.title}`,
              detail: `${chinaDateTime(e.startsAt, false)} — ${chinaDateTime(e.endsAt, false).slice(11)} · ${e.orgName} · ${t('viewings.hints.creditOf', { m: e.creditMinutes })}`,
            }))} />
        </Form.Item>
      )}
      {source === 'lesson' && (
        <Form.Item name="lessonId" label={t('viewings.fields.lesson')} rules={[{ required: true, message: t('viewings.rules.lesson') }]} extra={t('viewings.hints.lesson')}>
          <Select showSearch filterOption={false} onSearch={setLessonQ} disabled={!stationId} placeholder={waiting ?? t('viewings.hints.searchLesson')}
            loading={lessons.isFetching} data-testid="viewing-lesson" notFoundContent={lessons.isFetching ? undefined : t('viewings.hints.noLesson')}
            onPopupScroll={(e) => { if (nearEnd(e) && lessons.hasNextPage && !lessons.isFetchingNextPage) void lessons.fetchNextPage(); }}
            optionRender={(o) => <TwoLines first={String(o.data.title)} second={String(o.data.detail)} />}
            options={lessonItems.map((l) => ({
              value: l.id, label: `《${l.courseTitle}》${l.title}`, title: `《${l.courseTitle}》${l.title}`,
              detail: [l.orgName, l.durationSeconds ? t('viewings.hints.lengthOf', { m: Math.ceil(l.durationSeconds / 60) }) : null].filter(Boolean).join(' · '),
            }))} />
        </Form.Item>
      )}
      {source === 'other' && (
        <Form.Item name="liveTitle" label={t('viewings.fields.liveTitle')} extra={t('viewings.hints.liveTitle')}><Input maxLength={120} /></Form.Item>
      )}
    </>
  );
}

/** The request's fields for what is watched: exactly one of the three, the others null. */
export function sourceBody(v: ScheduleValues) {
  return {
    liveEventId: v.source === 'live' ? v.liveEventId ?? null : null,
    lessonId: v.source === 'lesson' ? v.lessonId ?? null : null,
    liveTitle: v.source === 'other' ? v.liveTitle?.trim() || null : null,
  };
}
