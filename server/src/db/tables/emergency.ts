/** The emergency module's tables (migration 20261204T0300-emergency; docs/emergency.md). */
import type { ColumnType, Generated } from 'kysely';
import type { Enum, EnumWithDefault, Id, IdRef, Json, Timestamp } from '../schema.js';

export type AlertKind = 'typhoon' | 'flood' | 'geological' | 'epidemic' | 'other';

export interface EmergencyAlertsTable {
  id: Id;
  org_id: IdRef;
  kind: Enum<AlertKind>;
  title: string;
  text: string;
  sms_text: string;
  audience: Json;
  ignore_opt_out: Generated<boolean>;
  remind_after_minutes: number;
  max_reminders: number;
  escalate_after_minutes: number;
  reply_ext: string;
  state: EnumWithDefault<'open' | 'closed'>;
  sender: Json;
  created_by: IdRef | null;
  created_by_name: string;
  created_at: Timestamp;
  sent_at: Date | null;
  broadcast_id: IdRef | null;
  recipients: Generated<number>;
  skipped_no_phone: Generated<number>;
  skipped_opt_out: Generated<number>;
  reminders_sent: Generated<number>;
  next_reminder_at: Date | null;
  escalate_at: Date | null;
  escalated_at: Date | null;
  closed_at: Date | null;
  closed_by_name: string | null;
}

export interface EmergencyRecipientsTable {
  id: Id;
  alert_id: IdRef;
  person_kind: Enum<'member' | 'official' | 'contact'>;
  person_id: IdRef;
  name: string;
  org_id: IdRef;
  phone_enc: Buffer;
  phone_bidx: string;
  phone_masked: string;
  confirmed_at: Date | null;
  confirm_inbound_id: IdRef | null;
}

export interface EmergencyRepliesTable {
  id: Id;
  alert_id: IdRef;
  inbound_id: IdRef;
  recipient_id: IdRef | null;
  org_id: IdRef | null;
  phone_masked: string;
  text: string;
  received_at: ColumnType<Date, Date, Date>;
}

export interface EmergencySendsTable {
  id: Id;
  alert_id: IdRef;
  kind: Enum<'alert' | 'reminder' | 'escalation'>;
  seq: number;
  broadcast_id: IdRef | null;
  recipients: Generated<number>;
  created_at: Timestamp;
}

export interface EmergencyEscalationsTable {
  id: Id;
  alert_id: IdRef;
  parent_org_id: IdRef | null;
  org_ids: ColumnType<string[], string[], string[]>;
  text: string | null;
  recipients: Generated<number>;
  created_at: Timestamp;
}

export interface EmergencyTables {
  emergency_alerts: EmergencyAlertsTable;
  emergency_recipients: EmergencyRecipientsTable;
  emergency_replies: EmergencyRepliesTable;
  emergency_sends: EmergencySendsTable;
  emergency_escalations: EmergencyEscalationsTable;
}
