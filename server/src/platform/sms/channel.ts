/**
 * The carrier link as the platform sees it (issue 9, item 2). The SMS module stores every message before it
 * asks a channel to submit it and commits every receipt and incoming part before the channel acknowledges it;
 * the channel itself keeps nothing. One implementation speaks SMPP 3.4 (smpp-channel.ts) — to a carrier, or to
 * the embedded simulator (server/src/smsc/) when no SMPP_URL is configured — so demo, tests and production run
 * the same client code.
 */

/** One recipient message to send. */
export interface OutboundSms {
  /** Our id of this recipient message: logged with every segment, never reused. */
  key: string;
  /** Destination number, digits only (a mainland mobile: 11 digits starting with 1). */
  to: string;
  /** Source address; the link's configured one when absent. */
  from?: string;
  /** Digits appended to the link's source number (扩展码), so that replies come back to that extension. */
  ext?: string | null;
  /** The whole text; the channel cuts it into segments (segments.ts). */
  text: string;
}

/**
 * What became of a submit. `segmentIds` are the carrier's message ids of the segments it accepted, in order,
 * normalized (see normalizeCarrierId), whether or not all were accepted.
 */
export type SubmitResult =
  | { ok: true; link: string; segmentIds: string[] }
  | {
      ok: false;
      link: string | null;
      segmentIds: string[];
      /** True when sending again later may succeed (throttling, queue full, timeout, no link bound). */
      retryable: boolean;
      /** The SMPP status name (ESME_RINVDSTADR …) or 'timeout' / 'unbound' / 'link_closed'. */
      code: string;
      /** The numeric command_status, when the carrier answered. */
      status?: number;
      /** In words, for the failure list (the carrier's reason). */
      reason: string;
    };

/** The final or intermediate states of SMPP message_state, by their receipt names. */
export type ReceiptState = 'delivered' | 'expired' | 'deleted' | 'undeliverable' | 'accepted' | 'unknown' | 'rejected' | 'enroute';

/** A delivery receipt for one segment. */
export interface DeliveryReceipt {
  link: string;
  /** The segment's carrier message id, normalized. */
  carrierId: string;
  state: ReceiptState;
  /** The stat word as the carrier wrote it (DELIVRD, UNDELIV …). */
  stat: string;
  /** The carrier's error code (err:…), when given. */
  error?: string;
  /** done date, when given. */
  doneAt?: Date;
  /** The handset (the receipt's source address). */
  phone: string;
}

/** One incoming short message as it came off the wire: a whole message or one segment of a long one. */
export interface InboundPart {
  link: string;
  /** Sender, digits only. */
  from: string;
  /** Our number it was sent to (may carry an extension after the link's source number). */
  to: string;
  /** The digits of `to` after the link's source number (a reply to a message sent with that extension), or null. */
  ext?: string | null;
  /** The text of this part (after the user data header), decoded by its data_coding. */
  text: string;
  /** Present when the part is one segment of a long message. */
  concat: { ref: number; total: number; seq: number } | null;
  /**
   * The carrier's id of this part, normalized, when the PDU carries one (the receipted_message_id option on an
   * incoming message, as the simulator and several carriers send it); null otherwise. The store drops a part
   * whose (link, sender, carrierId) it already has.
   */
  carrierId: string | null;
  receivedAt: Date;
}

/** Health of one link, for /metrics and the SMS status screen. */
export interface LinkStatus {
  name: string;
  state: 'connecting' | 'bound' | 'backoff' | 'closed';
  inFlight: number;
  /** Contracted messages per second. */
  rate: number;
  /** Until when submits are held back after ESME_RTHROTTLED or a queue-full error, if they are. */
  throttledUntil: Date | null;
  submitted: number;
  receipts: number;
  inbound: number;
}

export interface SmsChannel {
  /** Connects and binds every link; resolves once the first is bound or immediately if binding goes on in the background. */
  start(): Promise<void>;
  /**
   * Submits one message (all its segments) within the window and the rate of a bound link. Never rejects: a
   * failure is a result. Resolves once every segment has a submit_sm_resp or the attempt has failed.
   */
  submit(msg: OutboundSms): Promise<SubmitResult>;
  /**
   * Receipts: the channel answers deliver_sm_resp only after the handler's promise resolves (the receipt is
   * committed); when it rejects the channel answers a temporary error (ESME_RX_T_APPN) so the carrier retries.
   */
  onReceipt(handler: (r: DeliveryReceipt) => Promise<void>): void;
  /** Incoming messages, one part at a time, acknowledged the same way. */
  onInbound(handler: (p: InboundPart) => Promise<void>): void;
  status(): LinkStatus[];
  /** Unbinds and closes every link; pending submits resolve as failed and retryable. */
  close(): Promise<void>;
}

/** A carrier message id as stored: trimmed, lower-case, without leading zeros. */
export function normalizeCarrierId(raw: string): string {
  return raw.trim().toLowerCase().replace(/^0+(?=.)/, '');
}

/**
 * The stored ids a receipt's id may match. Carriers give the id in hex in submit_sm_resp and in decimal in the
 * receipt text, or the other way round, or the same way both times; no configuration says which. A receipt is
 * matched against its id as written and against the id read in the other base: within one link and the life of
 * a message, two of these never name different messages in practice.
 */
export function carrierIdCandidates(raw: string): string[] {
  const id = normalizeCarrierId(raw);
  const out = new Set([id]);
  if (/^[0-9]{1,30}$/.test(id)) out.add(BigInt(id).toString(16));
  if (/^[0-9a-f]{1,24}$/.test(id)) out.add(BigInt('0x' + id).toString(10));
  return [...out];
}
