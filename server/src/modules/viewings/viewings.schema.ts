/** Request and response shapes of 集中收看 (group viewing at stations, F-72). */
import { Type, type Static } from 'typebox';
import { Cursor, DateString, IdParams, IdString, lit, MultilineText, Nullable, ref, StringEnum } from '../../platform/schemas.js';
export { IdParams };

/** scheduled: before the check-in window · open: check-in allowed · ended: after the end, attendance not yet confirmed · closed · cancelled */
export const PHASES = ['scheduled', 'open', 'ended', 'closed', 'cancelled'] as const;
export type Phase = (typeof PHASES)[number];
export const STATUSES = ['scheduled', 'closed', 'cancelled'] as const;
export const CREDIT_OUTCOMES = ['awarded', 'capped', 'already_today', 'daily_cap', 'departed'] as const;
/** What the member's check-in page says: 可以签到 / 已签到 / 未到签到时间 / 已结束 / 已取消 / 不在本站点范围 / 账号未关联党员档案 */
/** The statuses of a live event (learning_live_events), as the learning module reports them. */
export const LIVE_EVENT_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
/** How far the start of a session of a live event may lie from the event's planned start (either side). */
export const LIVE_START_SLACK_MINUTES = 30;
export const CHECKIN_STATES = ['open', 'checked_in', 'not_yet', 'ended', 'cancelled', 'out_of_scope', 'not_member'] as const;

export const ViewingSession = Type.Object({
  id: Type.String(),
  stationId: Type.String(),
  stationName: Type.String(),
  orgId: Type.String({ description: "the station's organization" }),
  orgName: Type.String(),
  title: Type.String(),
  lessonId: Nullable(Type.String()),
  lessonTitle: Nullable(Type.String({ description: 'the lesson watched: 《course》lesson' })),
  liveEventId: Nullable(Type.String({ description: 'the live event (直播) watched together; a session is of a lesson or of a live event, not both' })),
  liveEventTitle: Nullable(Type.String()),
  liveEventStatus: Nullable(StringEnum(LIVE_EVENT_STATUSES)),
  liveEventStartsAt: Nullable(Type.String({ description: "the live event's planned start as it stands now (staff may move an event after sessions of it were scheduled)" })),
  liveEventMoved: Type.Boolean({ description: "a session not yet held whose start is no longer within 30 minutes of its live event's planned start: staff should adjust it" }),
  liveTitle: Nullable(Type.String({ description: 'free text: the name of a broadcast the platform does not carry' })),
  startsAt: Type.String(),
  endsAt: Type.String(),
  opensAt: Type.String({ description: 'check-in opens 30 minutes before the start' }),
  durationMinutes: Type.Integer(),
  creditMinutes: Type.Integer({ description: "the study minutes each present member asks for at confirmation: the live event's credit minutes, else the duration" }),
  organizerName: Type.String(),
  notes: Nullable(Type.String()),
  status: StringEnum(STATUSES),
  phase: StringEnum(PHASES),
  cancelReason: Nullable(Type.String()),
  confirmedAt: Nullable(Type.String()),
  presentCount: Type.Integer({ description: 'members marked present (live until confirmation, then as confirmed)' }),
  creditedCount: Type.Integer(),
  checkinCode: Nullable(Type.String({ description: 'only for those who manage the session' })),
  canManage: Type.Boolean(),
  canAdjust: Type.Boolean({ description: '调整安排 is open to this account now: it manages the session, which has not started' }),
  version: Type.Integer({ description: 'sent back with 调整安排 (PATCH): a change made by someone else in between is refused' }),
  createdAt: Type.String(),
}, { $id: 'ViewingSession' });
export type ViewingSessionView = Static<typeof ViewingSession>;

export const ViewingList = Type.Object({ items: Type.Array(ref(ViewingSession)), nextCursor: Nullable(Type.String()), total: Type.Integer() });

export const ViewingListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  stationId: Type.Optional(IdString),
  status: Type.Optional(lit(STATUSES)),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ViewingListQueryInput = Static<typeof ViewingListQuery>;

export const ViewingCreateBody = Type.Object({
  stationId: IdString,
  title: Type.String({ minLength: 1, maxLength: 120 }),
  lessonId: Type.Optional(Nullable(IdString)),
  liveEventId: Type.Optional(Nullable(IdString)),
  liveTitle: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
  startsAt: Type.String({ format: 'date-time', maxLength: 40 }),
  durationMinutes: Type.Integer({ minimum: 10, maximum: 480 }),
  organizerName: Type.String({ minLength: 1, maxLength: 30 }),
  notes: Type.Optional(Nullable(MultilineText({ maxLength: 500 }))),
}, { additionalProperties: false });
export type ViewingCreateInput = Static<typeof ViewingCreateBody>;

/**
 * 调整安排: what may change in a session not yet started. The station and what is watched stay (a different station or
 * programme is another session: cancel this one and schedule that).
 */
export const ViewingUpdateBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  startsAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  durationMinutes: Type.Optional(Type.Integer({ minimum: 10, maximum: 480 })),
  organizerName: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
  notes: Type.Optional(Nullable(MultilineText({ maxLength: 500 }))),
}, { additionalProperties: false });
export type ViewingUpdateInput = Static<typeof ViewingUpdateBody>;

export const CancelBody = Type.Object({ reason: MultilineText({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const RollEntry = Type.Object({
  memberId: Type.String(),
  name: Type.String(),
  orgName: Type.String(),
  present: Type.Boolean(),
  guest: Type.Boolean({ description: 'added by the organizer from outside the station’s organization' }),
  method: Nullable(StringEnum(['roll_call', 'qr'])),
  checkedInAt: Nullable(Type.String()),
  creditOutcome: Nullable(StringEnum(CREDIT_OUTCOMES)),
  creditMinutes: Nullable(Type.Integer()),
});
export const RollList = Type.Object({
  items: Type.Array(RollEntry), nextCursor: Nullable(Type.String()), total: Type.Integer(), presentCount: Type.Integer(),
});
export const RollQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 30 })),
  present: Type.Optional(Type.Boolean()),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type RollQueryInput = Static<typeof RollQuery>;

export const AttendanceParams = Type.Object({ id: IdString, memberId: IdString });
export const AttendanceBody = Type.Object({ present: Type.Boolean() }, { additionalProperties: false });
export const GuestBody = Type.Object({ memberId: IdString }, { additionalProperties: false });
export const GuestSearchQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 30 }) });
export const GuestCandidates = Type.Object({
  items: Type.Array(Type.Object({ memberId: Type.String(), name: Type.String(), orgName: Type.String() })),
});

export const ConfirmResult = Type.Object({
  session: ref(ViewingSession),
  /** false when the session had already been confirmed: nothing changed */
  changed: Type.Boolean(),
  credited: Type.Integer(), capped: Type.Integer(), alreadyToday: Type.Integer(), dailyCap: Type.Integer(), departed: Type.Integer(),
});

export const CodeParams = Type.Object({ code: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
export const CheckinView = Type.Object({
  title: Type.String(),
  liveTitle: Nullable(Type.String()),
  liveEventId: Nullable(Type.String({ description: 'the live event watched; its page is /me/live/<id>' })),
  liveEventTitle: Nullable(Type.String()),
  liveEventStatus: Nullable(StringEnum(LIVE_EVENT_STATUSES)),
  stationName: Type.String(),
  address: Nullable(Type.String()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  opensAt: Type.String(),
  durationMinutes: Type.Integer(),
  state: StringEnum(CHECKIN_STATES),
  checkedInAt: Nullable(Type.String()),
  memberName: Nullable(Type.String()),
});
export type CheckinViewT = Static<typeof CheckinView>;

export const PickerQuery = Type.Object({
  stationId: IdString,
  q: Type.Optional(Type.String({ maxLength: 50 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export type PickerQueryInput = Static<typeof PickerQuery>;
export const LiveEventChoices = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), orgName: Type.String({ description: 'the organization that holds the event' }), status: StringEnum(LIVE_EVENT_STATUSES),
    startsAt: Type.String(), endsAt: Type.String(), creditMinutes: Type.Integer(),
  })),
  nextCursor: Nullable(Type.String()),
});
export const LessonChoices = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), courseTitle: Type.String(), orgName: Type.String({ description: "the course's organization" }),
    durationSeconds: Nullable(Type.Integer()),
  })),
  nextCursor: Nullable(Type.String()),
});

export const ViewingSummary = Type.Object({
  year: Type.Integer(),
  sessions: Type.Integer({ description: 'sessions held (attendance confirmed) this China year in the subtree' }),
  attendances: Type.Integer({ description: 'members present at those sessions (人次)' }),
});
export type ViewingSummaryT = Static<typeof ViewingSummary>;
