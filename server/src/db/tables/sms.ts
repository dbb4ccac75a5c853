/** The SMS store (migration 20261201T0300-sms; docs/sms.md). */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Enum, EnumWithDefault, Id, IdRef, Json, Timestamp, TimestampRequired } from '../schema.js';

export type BroadcastState = 'resolving' | 'awaiting_approval' | 'scheduled' | 'sending' | 'paused' | 'completed' | 'cancelled' | 'rejected';
export type MessageState = 'held' | 'queued' | 'claimed' | 'submitting' | 'submitted' | 'delivered' | 'failed' | 'unknown' | 'cancelled';
export type PersonKind = 'member' | 'official' | 'contact';
export type SegmentState = 'submitted' | 'delivered' | 'expired' | 'deleted' | 'undeliverable' | 'accepted' | 'unknown' | 'rejected' | 'enroute';
type SmallInt = ColumnType<number, number | undefined, number>;

export interface SmsBroadcastsTable {
  id: Id;
  org_id: IdRef;
  created_by: IdRef | null;
  created_by_name: string;
  lane: Enum<'emergency' | 'bulk'>;
  text: string;
  audience: Json;
  recipients: Generated<number>;
  skipped_opt_out: Generated<number>;
  skipped_no_phone: Generated<number>;
  state: Enum<BroadcastState>;
  send_at: Date | null;
  ignore_opt_out: Generated<boolean>;
  approval_required: Generated<boolean>;
  approved_by: IdRef | null;
  approved_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Date | null;
  version: Generated<number>;
  /** The broadcast whose failed / unknown recipients this one sends again (migration 20261202T0200-sms-reports). */
  resend_of: IdRef | null;
  /**
   * The lowest and highest id of the broadcast's messages, fixed by its resolve job (null before, and when it has
   * none): they bound a scan of its recipients by id to its own span (migration 20261202T0400-sms-recipient-span).
   */
  first_message_id: IdRef | null;
  last_message_id: IdRef | null;
  /** Digits appended to the link's source number; replies come to that number (migration 20261204T0100-sms-seams). */
  reply_ext: string | null;
  /** The recipient source another module declared (sms hooks), for a broadcast another module sent. */
  source: string | null;
  /** What the broadcast list shows for a broadcast another module sent (问卷调查：…). */
  label: string | null;
}

export interface SmsMessagesTable {
  id: Id;
  broadcast_id: IdRef | null;
  lane: number;
  person_kind: Enum<PersonKind> | null;
  person_id: IdRef | null;
  name: string | null;
  org_id: IdRef;
  phone_enc: Buffer;
  phone_bidx: string;
  phone_masked: string;
  text: string;
  state: Enum<MessageState>;
  attempts: SmallInt;
  not_before: Timestamp;
  claimed_by: string | null;
  claimed_at: Date | null;
  segments: number | null;
  link: string | null;
  error_code: string | null;
  error_reason: string | null;
  submitted_at: Date | null;
  expires_at: Date | null;
  finished_at: Date | null;
  sent_by: IdRef | null;
  created_at: Timestamp;
  /** null for broadcasts and staff replies; set for a transactional message another module queued (sms.commands.ts). */
  purpose: ColumnType<SmsPurpose | null, SmsPurpose | null | undefined, SmsPurpose | null>;
  /** Digits appended to the link's source number when this message is sent (replies come back to them). */
  reply_ext: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Transactional messages other modules queue. The text of a login_code message is never shown in console lists. */
export type SmsPurpose = 'login_code' | 'survey' | 'emergency' | 'notice' | 'verify_code';

export interface SmsSegmentsTable {
  message_id: IdRef;
  seq: number;
  link: string;
  carrier_id: string;
  state: EnumWithDefault<SegmentState>;
  stat: string | null;
  error: string | null;
  done_at: Date | null;
}

export interface SmsReceiptsTable {
  id: Id;
  link: string;
  carrier_id: string;
  carrier_id_alt: string | null;
  state: string;
  stat: string;
  error: string | null;
  done_at: Date | null;
  received_at: Timestamp;
}

export interface SmsInboundTable {
  id: Id;
  link: string;
  carrier_id: string | null;
  phone_enc: Buffer;
  phone_bidx: string;
  phone_masked: string;
  to_number: string;
  text: string;
  parts: SmallInt;
  missing_parts: SmallInt;
  received_at: TimestampRequired;
  stored_at: Timestamp;
  person_kind: Enum<PersonKind> | null;
  person_id: IdRef | null;
  org_id: IdRef | null;
  keyword: Enum<'opt_out' | 'opt_in'> | null;
  assigned_by: IdRef | null;
  assigned_at: Date | null;
  /** The extension of our number the message came to (digits after the link's source number), if any. */
  reply_ext: ColumnType<string | null, string | null | undefined, string | null>;
  /** The module that took this reply as its own (surveys, emergency) and what it became. */
  handled_by: ColumnType<string | null, string | null | undefined, string | null>;
  handled_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SmsInboundPartsTable {
  id: Id;
  link: string;
  phone_enc: Buffer;
  phone_bidx: string;
  to_number: string;
  ref: number;
  total: number;
  seq: number;
  carrier_id: string | null;
  text: string;
  received_at: TimestampRequired;
  inbound_id: IdRef | null;
}

export interface SmsDispatchersTable {
  instance: string;
  started_at: Timestamp;
  seen_at: Timestamp;
}

/** 短信模板: a saved text staff compose from (migration 20261202T0500-sms-templates). */
export interface SmsTemplatesTable {
  id: Id;
  org_id: IdRef;
  name: string;
  text: string;
  created_by: IdRef | null;
  updated_by: IdRef | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type SmsBroadcastRow = Selectable<SmsBroadcastsTable>;
export type SmsMessageRow = Selectable<SmsMessagesTable>;
export type SmsInboundRow = Selectable<SmsInboundTable>;

export interface SmsTables {
  sms_broadcasts: SmsBroadcastsTable;
  sms_messages: SmsMessagesTable;
  sms_segments: SmsSegmentsTable;
  sms_receipts: SmsReceiptsTable;
  sms_inbound: SmsInboundTable;
  sms_inbound_parts: SmsInboundPartsTable;
  sms_dispatchers: SmsDispatchersTable;
  sms_templates: SmsTemplatesTable;
}
