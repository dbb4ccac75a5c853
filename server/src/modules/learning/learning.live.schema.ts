/** Shapes of live lessons (直播课堂): events, presence, chat and moderation (learning.live.ts). docs/learning.md, "直播". */
import { Type, type Static } from 'typebox';
import { Cursor, IdString, MultilineText, Nullable, StringEnum, lit } from '../../platform/schemas.js';
import { AUDIENCES } from './learning.courses.schema.js';

export const LIVE_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export const CHAT_STATES = ['shown', 'held', 'hidden'] as const;
export const CHAT_MAX = 200;

const eventFields = {
  title: Type.String({ minLength: 1, maxLength: 80 }),
  description: Type.Optional(MultilineText({ maxLength: 2000 })),
  audiences: Type.Array(lit(AUDIENCES), { minItems: 1, maxItems: 3, uniqueItems: true, description: '党员 member, 书记 secretary, 村干部 village_official' }),
  sourceUrl: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500, description: 'the encoder’s HLS playlist: an http(s) address ending in .m3u8 (on the origin or CDN, not this platform)' }))),
  sourceAssetId: Type.Optional(Nullable(IdString)),
  startsAt: Type.String({ format: 'date-time', maxLength: 40 }),
  endsAt: Type.String({ format: 'date-time', maxLength: 40 }),
  creditMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 600, description: 'credit for attending; default: the planned length in whole minutes' }))),
  courseId: Type.Optional(Nullable(IdString)),
};
export const LiveCreateBody = Type.Object({ orgId: IdString, ...eventFields }, { additionalProperties: false });
export type LiveCreateInput = Static<typeof LiveCreateBody>;
export const LiveUpdateBody = Type.Object({ ...eventFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type LiveUpdateInput = Static<typeof LiveUpdateBody>;
export const LiveCancelBody = Type.Object({ reason: MultilineText({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const LiveRecordingBody = Type.Object({
  mediaAssetId: Type.Optional(Nullable(IdString)),
  videoUrl: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500, description: 'an MP4 at an https:// address or a path of this site' }))),
  durationSeconds: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 86400, description: 'default: the asset’s duration' }))),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'default: 「<event title>（回放）」' })),
  courseId: Type.Optional(Nullable(IdString)),
}, { additionalProperties: false });
export type LiveRecordingInput = Static<typeof LiveRecordingBody>;

export const LiveEvent = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  audiences: Type.Array(StringEnum(AUDIENCES)),
  sourceUrl: Nullable(Type.String()),
  sourceAssetId: Nullable(Type.String()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  creditMinutes: Type.Integer(),
  status: StringEnum(LIVE_STATUSES),
  cancelReason: Nullable(Type.String()),
  startedAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  courseId: Nullable(Type.String()),
  courseTitle: Nullable(Type.String()),
  recordingLessonId: Nullable(Type.String()),
  heldCount: Type.Integer({ description: 'chat messages waiting for moderation' }),
  version: Type.Integer(),
  updatedAt: Type.String(),
}, { $id: 'LearningLiveEvent' });
export const LiveList = Type.Object({ items: Type.Array(LiveEvent), nextCursor: Nullable(Type.String()) }, { $id: 'LearningLiveList' });
/** The stream origins the platform's CSP allows (LIVE_MEDIA_ORIGINS): none means only platform media assets play. */
export const LiveSettings = Type.Object({ liveOrigins: Type.Array(Type.String()) }, { $id: 'LearningLiveSettings' });
export const LiveListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  status: Type.Optional(lit(LIVE_STATUSES)),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });
export type LiveListFilter = Static<typeof LiveListQuery>;

// ——— members ———

export const MemberLive = Type.Object({
  id: Type.String(),
  orgName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  audiences: Type.Array(StringEnum(AUDIENCES)),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: StringEnum(LIVE_STATUSES),
  cancelReason: Nullable(Type.String()),
  creditMinutes: Type.Integer(),
  recordingLessonId: Nullable(Type.String()),
  courseId: Nullable(Type.String()),
}, { $id: 'LearningMemberLive' });
export const MemberLiveList = Type.Object({ items: Type.Array(MemberLive), nextCursor: Nullable(Type.String()) }, { $id: 'LearningMemberLiveList' });
export const MemberLiveQuery = Type.Object({
  when: Type.Optional(StringEnum(['current', 'ended'], { description: 'current (default): scheduled and live, soonest first; ended: ended, latest first' })),
  audience: Type.Optional(lit(AUDIENCES)),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
}, { additionalProperties: false });
export type MemberLiveFilter = Static<typeof MemberLiveQuery>;

export const MemberLivePage = Type.Object({
  ...MemberLive.properties,
  serverTime: Type.String({ description: 'the server’s clock, so the page counts down to startsAt correctly' }),
  sourceUrl: Nullable(Type.String({ description: 'the HLS playlist; only while the event is live' })),
  viewers: Type.Integer({ description: 'members seen in the last 60 s (cached a few seconds)' }),
  chatOpen: Type.Boolean(),
  presenceSeconds: Type.Integer({ description: 'send POST …/presence this often while the page is open' }),
  watchedSeconds: Type.Integer({ description: 'this member’s counted seconds today' }),
  neededSeconds: Type.Integer({ description: 'seconds to watch for the credit (the completion share of the planned length)' }),
  credited: Type.Boolean({ description: 'today’s attendance was credited' }),
}, { $id: 'LearningMemberLivePage' });

export const PresenceResult = Type.Object({
  status: StringEnum(LIVE_STATUSES),
  viewers: Type.Integer(),
  watchedSeconds: Type.Integer(),
  neededSeconds: Type.Integer(),
  credit: Nullable(Type.Object({
    awarded: Type.Boolean(),
    minutes: Type.Integer(),
    message: Type.String(),
  })),
});

export const ChatMessage = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'the sender’s name, masked (赵**) for other members' }),
  mine: Type.Boolean(),
  text: Type.String(),
  at: Type.String(),
  removed: Type.Boolean({ description: 'taken down by a moderator since the page last asked: drop it (name and text are empty)' }),
});
export const ChatList = Type.Object({ items: Type.Array(ChatMessage), last: Nullable(Type.String({ description: 'the newest id; ask again with after=last' })) });
export const ChatQuery = Type.Object({
  after: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'only messages after this id (oldest first); without it, the latest' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
}, { additionalProperties: false });
export type ChatFilter = Static<typeof ChatQuery>;
export const ChatBody = Type.Object({ text: MultilineText({ minLength: 1, maxLength: CHAT_MAX }) }, { additionalProperties: false });
export const ChatPosted = Type.Object({ id: Type.String(), state: StringEnum(CHAT_STATES), message: Type.String() });

export const HeldMessage = Type.Object({
  id: Type.String(),
  name: Type.String(),
  orgName: Type.String(),
  text: Type.String(),
  state: StringEnum(CHAT_STATES),
  words: Type.Array(Type.String(), { description: 'the listed words the screening found' }),
  at: Type.String(),
  moderatedByName: Nullable(Type.String()),
  moderatedAt: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
export const HeldList = Type.Object({ items: Type.Array(HeldMessage), nextCursor: Nullable(Type.String()) });
export const HeldQuery = Type.Object({
  state: Type.Optional(lit(CHAT_STATES)),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });
export const HideBody = Type.Object({ reason: MultilineText({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
