/** Shapes of courses, lessons, quizzes, study streams and reading (learning.courses.ts, learning.study.ts, learning.quiz.ts, learning.reading.ts). */
import { Type, type Static } from 'typebox';
import { Cursor, IdString, MultilineText, Nullable, StringEnum, lit } from '../../platform/schemas.js';

export const AUDIENCES = ['member', 'secretary', 'village_official'] as const;
export const LESSON_KINDS = ['video', 'document', 'article', 'quiz'] as const;
export const COURSE_STATUSES = ['draft', 'published', 'withdrawn'] as const;

export const Topic = Type.Object({ id: Type.String(), name: Type.String(), position: Type.Integer(), active: Type.Boolean() }, { $id: 'LearningTopic' });
export const TopicList = Type.Object({ items: Type.Array(Topic) });
export const TopicBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 20 }),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type TopicInput = Static<typeof TopicBody>;

const courseFields = {
  topicId: IdString,
  title: Type.String({ minLength: 1, maxLength: 80 }),
  description: Type.Optional(MultilineText({ maxLength: 2000 })),
  audiences: Type.Array(lit(AUDIENCES), { minItems: 1, maxItems: 3, uniqueItems: true, description: '党员 member, 书记 secretary, 村干部 village_official' }),
  coverFileId: Type.Optional(Nullable(IdString)),
};
export const CourseCreateBody = Type.Object({ orgId: IdString, ...courseFields }, { additionalProperties: false });
export type CourseCreateInput = Static<typeof CourseCreateBody>;
export const CourseUpdateBody = Type.Object({ ...courseFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type CourseUpdateInput = Static<typeof CourseUpdateBody>;

export const CourseSummary = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  topicId: Type.String(),
  topicName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  audiences: Type.Array(StringEnum(AUDIENCES)),
  status: StringEnum(COURSE_STATUSES),
  coverUrl: Nullable(Type.String()),
  lessonCount: Type.Integer(),
  creditMinutes: Type.Integer({ description: 'minutes of all video lessons' }),
  version: Type.Integer(),
  publishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export const CourseList = Type.Object({ items: Type.Array(CourseSummary), nextCursor: Nullable(Type.String()) }, { $id: 'LearningCourseList' });
export const CourseListQuery = Type.Object({
  status: Type.Optional(lit(COURSE_STATUSES)),
  topicId: Type.Optional(IdString),
  audience: Type.Optional(lit(AUDIENCES)),
  orgId: Type.Optional(IdString),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });
export type CourseListFilter = Static<typeof CourseListQuery>;

const QuestionView = Type.Object({
  id: Type.String(),
  text: Type.String(),
  multiple: Type.Boolean(),
  options: Type.Array(Type.String()),
  answer: Type.Optional(Type.Array(Type.Integer(), { description: 'indices of the right options (staff only; never sent to members before they submit)' })),
});

export const Lesson = Type.Object({
  id: Type.String(),
  courseId: Type.String(),
  position: Type.Integer(),
  kind: StringEnum(LESSON_KINDS),
  title: Type.String(),
  mediaAssetId: Nullable(Type.String()),
  videoUrl: Nullable(Type.String()),
  durationSeconds: Nullable(Type.Integer()),
  creditMinutes: Nullable(Type.Integer()),
  bodyHtml: Nullable(Type.String()),
  fileId: Nullable(Type.String()),
  fileUrl: Nullable(Type.String()),
  fileName: Nullable(Type.String()),
  passPercent: Nullable(Type.Integer()),
  questions: Type.Array(QuestionView),
}, { $id: 'LearningLesson' });
export type LessonView = Static<typeof Lesson>;

export const Course = Type.Object({ ...CourseSummary.properties, lessons: Type.Array(Lesson) }, { $id: 'LearningCourse' });
export type CourseView = Static<typeof Course>;

const QuestionBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 300 }),
  multiple: Type.Boolean(),
  options: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 2, maxItems: 8 }),
  answer: Type.Array(Type.Integer({ minimum: 0, maximum: 7 }), { minItems: 1, maxItems: 8, uniqueItems: true }),
}, { additionalProperties: false });

export const LessonBody = Type.Object({
  kind: lit(LESSON_KINDS),
  title: Type.String({ minLength: 1, maxLength: 80 }),
  mediaAssetId: Type.Optional(Nullable(IdString)),
  videoUrl: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500, description: 'an MP4 at an https:// address or a path of this site' }))),
  durationSeconds: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 86400 }))),
  creditMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 600, description: 'default: the duration in whole minutes, rounded up' }))),
  bodyHtml: Type.Optional(Nullable(MultilineText({ maxLength: 100_000 }))),
  fileId: Type.Optional(Nullable(IdString)),
  passPercent: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100 }))),
  questions: Type.Optional(Type.Array(QuestionBody, { maxItems: 50 })),
}, { additionalProperties: false });
export type LessonInput = Static<typeof LessonBody>;

export const LessonOrderBody = Type.Object({ lessonIds: Type.Array(IdString, { minItems: 1, maxItems: 200, uniqueItems: true }) }, { additionalProperties: false });
export const FileUploadQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) });
export const FileCreated = Type.Object({ id: Type.String(), fileName: Type.String(), kind: Type.String(), sizeBytes: Type.Integer(), url: Type.String() });
export const Created = Type.Object({ id: Type.String() });
export const VersionView = Type.Object({ version: Type.Integer() });

// ——— members ———

export const MyProgress = Type.Object({
  coveredSeconds: Type.Integer(),
  coveredPercent: Type.Integer({ minimum: 0, maximum: 100 }),
  completed: Type.Boolean({ description: 'the current pass reached the completion share' }),
  completions: Type.Integer(),
});
export const MemberLesson = Type.Object({ ...Lesson.properties, progress: Nullable(MyProgress) }, { $id: 'LearningMemberLesson' });
export const MemberCourse = Type.Object({ ...CourseSummary.properties, lessons: Type.Array(MemberLesson) }, { $id: 'LearningMemberCourse' });
export const MemberCourseQuery = Type.Object({
  topicId: Type.Optional(IdString),
  audience: Type.Optional(lit(AUDIENCES)),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
}, { additionalProperties: false });
export type MemberCourseFilter = Static<typeof MemberCourseQuery>;

// ——— study streams ———

const Token = Type.String({ minLength: 10, maxLength: 300, pattern: '^[A-Za-z0-9_.-]+$' });
export const StreamStarted = Type.Object({
  token: Type.String({ description: 'signed; send it with the first heartbeat' }),
  intervalSeconds: Type.Integer({ description: 'send a heartbeat this often while playing (and on pause and end)' }),
  durationSeconds: Type.Integer(),
  completionPercent: Type.Integer(),
  coveredSeconds: Type.Integer(),
  resumeAt: Type.Integer({ description: 'where the member left the lesson' }),
});
export const HeartbeatBody = Type.Object({
  token: Token,
  position: Type.Number({ minimum: 0, maximum: 86400, description: 'playhead, seconds' }),
  playing: Type.Boolean(),
}, { additionalProperties: false });
export const CreditResult = Type.Object({
  awarded: Type.Boolean(),
  minutes: Type.Integer(),
  reason: Nullable(StringEnum(['already_today', 'daily_cap'] as const)),
  capped: Type.Boolean(),
  message: Type.String({ description: 'what the member is told, in Chinese' }),
});
export const HeartbeatResult = Type.Object({
  token: Type.String(),
  intervalSeconds: Type.Integer(),
  counted: Type.Integer({ description: 'seconds this heartbeat added to the coverage' }),
  coveredSeconds: Type.Integer(),
  coveredPercent: Type.Integer(),
  completed: Type.Boolean(),
  credit: Nullable(CreditResult),
});

// ——— quizzes ———

export const QuizBody = Type.Object({
  answers: Type.Array(Type.Object({
    questionId: IdString,
    choices: Type.Array(Type.Integer({ minimum: 0, maximum: 7 }), { maxItems: 8, uniqueItems: true }),
  }, { additionalProperties: false }), { maxItems: 50 }),
}, { additionalProperties: false });
export type QuizInput = Static<typeof QuizBody>;
export const QuizResult = Type.Object({
  score: Type.Integer({ description: 'percent of questions answered right' }),
  passPercent: Type.Integer(),
  passed: Type.Boolean(),
  results: Type.Array(Type.Object({ questionId: Type.String(), correct: Type.Boolean(), answer: Type.Array(Type.Integer()) })),
  credit: Nullable(CreditResult),
});

// ——— reading ———

export const ReadingStarted = Type.Object({
  token: Type.String(),
  minSeconds: Type.Integer({ description: 'reading time before the article counts' }),
  intervalSeconds: Type.Integer({ description: 'send a heartbeat at least this often (gaps over 45 s are not counted)' }),
  creditMinutes: Type.Integer({ description: 'study minutes the reading is worth once the minimum time is reached (before the daily cap)' }),
});
export const ReadingHeartbeatBody = Type.Object({ token: Token }, { additionalProperties: false });
export const ReadingResult = Type.Object({
  token: Type.String(),
  readSeconds: Type.Integer(),
  minSeconds: Type.Integer(),
  credit: Nullable(CreditResult),
});
