/** The learning module's course tables (migration 20261207T0200-learning-courses). */
import type { ColumnType, Generated } from 'kysely';
import type { Enum, EnumWithDefault, Id, IdRef, Timestamp } from '../schema.js';

export type LessonKind = 'video' | 'document' | 'article' | 'quiz';
export type CourseStatus = 'draft' | 'published' | 'withdrawn';
export type Audience = 'member' | 'secretary' | 'village_official';

export interface LearningTopicsTable { id: Id; name: string; position: Generated<number>; active: Generated<boolean> }

export interface LearningCoursesTable {
  id: Id;
  org_id: IdRef;
  topic_id: IdRef;
  title: string;
  description: Generated<string>;
  audiences: Audience[];
  status: EnumWithDefault<CourseStatus>;
  cover_file_id: IdRef | null;
  version: Generated<number>;
  created_by: IdRef;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface LearningFilesTable {
  id: Id; course_id: IdRef; file_name: string; kind: string; size_bytes: number; sha256: string; data: Buffer; uploaded_by: IdRef; uploaded_at: Timestamp;
}

export interface LearningLessonsTable {
  id: Id;
  course_id: IdRef;
  position: number;
  kind: Enum<LessonKind>;
  title: string;
  media_asset_id: IdRef | null;
  video_url: string | null;
  duration_seconds: number | null;
  credit_minutes: number | null;
  body_html: string | null;
  file_id: IdRef | null;
  pass_percent: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  removed_at: Timestamp | null;
}

export interface LearningQuestionsTable { id: Id; lesson_id: IdRef; position: number; text: string; multiple: boolean; options: ColumnType<string[], string, string>; answer: number[] }

export interface LearningStreamsTable {
  id: Id; account_id: IdRef; member_id: IdRef; lesson_id: IdRef; seq: Generated<number>; position: Generated<number>;
  last_at: Timestamp; started_at: Timestamp; ended_at: Timestamp | null; ended_reason: string | null;
}

export interface LearningProgressTable {
  member_id: IdRef; lesson_id: IdRef; covered: ColumnType<[number, number][], string | undefined, string>; covered_seconds: Generated<number>;
  pass_completed_at: Timestamp | null; completions: Generated<number>; first_completed_at: Timestamp | null; updated_at: Timestamp;
}

export interface LearningQuizAttemptsTable { id: Id; member_id: IdRef; lesson_id: IdRef; score: number; passed: boolean; answers: ColumnType<unknown, string, string>; created_at: Timestamp }

export interface LearningReadingsTable {
  id: Id; account_id: IdRef; member_id: IdRef; source_type: string; source_id: IdRef; title: string; seq: Generated<number>; read_seconds: Generated<number>;
  last_at: Timestamp; started_at: Timestamp; credited_at: Timestamp | null;
}

export interface LearningCourseTables {
  learning_topics: LearningTopicsTable;
  learning_courses: LearningCoursesTable;
  learning_files: LearningFilesTable;
  learning_lessons: LearningLessonsTable;
  learning_questions: LearningQuestionsTable;
  learning_streams: LearningStreamsTable;
  learning_progress: LearningProgressTable;
  learning_quiz_attempts: LearningQuizAttemptsTable;
  learning_readings: LearningReadingsTable;
}
