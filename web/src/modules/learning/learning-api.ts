// Calls of 远程教育 (issue 12): the member's ledger, the catalogue, lessons, study streams and quizzes; the console's
// courses, lessons and the province's credit rules.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok, uploadFileAnswer } from '@/api/client';
import type { BodyOf, QueryOf, ResponseOf } from '@/api/types';
import type { components } from '@/api/schema';
import type { TFunction } from 'i18next';

export type Course = components['schemas']['LearningCourse'];
export type CourseSummary = ResponseOf<'/api/learning/courses', 'get'>['items'][number];
export type CourseQuery = QueryOf<'/api/learning/courses', 'get'>;
export type MemberCourseQuery = QueryOf<'/api/me/courses', 'get'>;
export type Lesson = components['schemas']['LearningLesson'];
export type LessonInput = BodyOf<'/api/learning/courses/{id}/lessons', 'post'>;
export type CourseInput = BodyOf<'/api/learning/courses', 'post'>;
export type CourseUpdate = BodyOf<'/api/learning/courses/{id}', 'put'>;
export type MemberCourse = components['schemas']['LearningMemberCourse'];
export type MemberLesson = components['schemas']['LearningMemberLesson'];
export type Rules = components['schemas']['LearningRules'];
export type RulesInput = BodyOf<'/api/learning/rules', 'put'>;
export type HeartbeatResult = ResponseOf<'/api/learning/heartbeats', 'post'>;
export type CreditResult = NonNullable<HeartbeatResult['credit']>;
export type QuizResult = ResponseOf<'/api/learning/lessons/{id}/quiz', 'post'>;
export type Audience = CourseSummary['audiences'][number];
export const AUDIENCES: Audience[] = ['member', 'secretary', 'village_official'];
export type LessonKind = Lesson['kind'];
export const LESSON_KINDS: LessonKind[] = ['video', 'document', 'article', 'quiz'];

export const learningKeys = {
  all: ['learning'] as const,
  mine: ['learning', 'me'] as const,
  topics: ['learning', 'topics'] as const,
  rules: ['learning', 'rules'] as const,
  courses: (q: CourseQuery) => ['learning', 'courses', q] as const,
  course: (id: string) => ['learning', 'course', id] as const,
  myCourses: (q: MemberCourseQuery) => ['learning', 'my-courses', q] as const,
  myCourse: (id: string) => ['learning', 'my-course', id] as const,
  myLesson: (id: string) => ['learning', 'my-lesson', id] as const,
};

const path = (id: string) => ({ params: { path: { id } } });

export function useMyLearning() {
  return useInfiniteQuery({
    queryKey: learningKeys.mine,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/me/learning', { params: { query: { cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export const useTopics = () => useQuery({ queryKey: learningKeys.topics, queryFn: ({ signal }) => ok(api.GET('/api/learning/topics', { signal })), staleTime: 300_000 });
export const useRules = () => useQuery({ queryKey: learningKeys.rules, queryFn: ({ signal }) => ok(api.GET('/api/learning/rules', { signal })) });

export function useMyCourses(q: MemberCourseQuery) {
  return useInfiniteQuery({
    queryKey: learningKeys.myCourses(q),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/me/courses', { params: { query: { ...q, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export const useMyCourse = (id: string) => useQuery({ queryKey: learningKeys.myCourse(id), queryFn: ({ signal }) => ok(api.GET('/api/me/courses/{id}', { ...path(id), signal })) });
export const useMyLesson = (id: string) => useQuery({ queryKey: learningKeys.myLesson(id), queryFn: ({ signal }) => ok(api.GET('/api/me/lessons/{id}', { ...path(id), signal })) });

export function useCourses(q: CourseQuery) {
  return useInfiniteQuery({
    queryKey: learningKeys.courses(q),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/learning/courses', { params: { query: { ...q, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
export const useCourse = (id: string | undefined) => useQuery({
  queryKey: learningKeys.course(id ?? ''), enabled: !!id,
  queryFn: ({ signal }) => ok(api.GET('/api/learning/courses/{id}', { ...path(id!), signal })),
});

export const learningApi = {
  start: (lessonId: string) => ok(api.POST('/api/learning/lessons/{id}/start', path(lessonId))),
  heartbeat: (token: string, position: number, playing: boolean) => ok(api.POST('/api/learning/heartbeats', { body: { token, position, playing } })),
  read: (lessonId: string) => ok(api.POST('/api/learning/lessons/{id}/read', path(lessonId))),
  readingHeartbeat: (token: string) => ok(api.POST('/api/learning/reading/heartbeat', { body: { token } })),
  submitQuiz: (lessonId: string, answers: { questionId: string; choices: number[] }[]) => ok(api.POST('/api/learning/lessons/{id}/quiz', { ...path(lessonId), body: { answers } })),
  createCourse: (body: CourseInput) => ok(api.POST('/api/learning/courses', { body })),
  updateCourse: (id: string, body: CourseUpdate) => ok(api.PUT('/api/learning/courses/{id}', { ...path(id), body })),
  publish: (id: string) => ok(api.POST('/api/learning/courses/{id}/publish', path(id))),
  withdraw: (id: string) => ok(api.POST('/api/learning/courses/{id}/withdraw', path(id))),
  addLesson: (courseId: string, body: LessonInput) => ok(api.POST('/api/learning/courses/{id}/lessons', { ...path(courseId), body })),
  updateLesson: (id: string, body: LessonInput) => ok(api.PUT('/api/learning/lessons/{id}', { ...path(id), body })),
  removeLesson: (id: string) => ok(api.DELETE('/api/learning/lessons/{id}', path(id))),
  orderLessons: (courseId: string, lessonIds: string[]) => ok(api.PUT('/api/learning/courses/{id}/lessons/order', { ...path(courseId), body: { lessonIds } })),
  saveRules: (body: RulesInput) => ok(api.PUT('/api/learning/rules', { body })),
};

export type UploadedFile = ResponseOf<'/api/learning/courses/{id}/files', 'post', 201>;
/** POST the file itself as the body (the server checks its type by content); answers the stored file. */
export const uploadCourseFile = async (courseId: string, file: File): Promise<UploadedFile> => (await uploadFileAnswer(`/api/learning/courses/${courseId}/files`, file)) as UploadedFile;

/** 12 小时 30 分钟 style, from minutes. */
export function hoursText(minutes: number, t: TFunction): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? (m ? t('learning.hoursMinutes', { h, m }) : t('learning.hours', { h })) : t('learning.minutes', { m });
}
