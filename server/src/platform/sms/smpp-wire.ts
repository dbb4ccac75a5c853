/**
 * The `smpp` package as both ends of the platform's carrier links use it (the channel in smpp-channel.ts and the
 * simulator in server/src/smsc/). The package decodes short_message and message_payload into strings by its
 * own idea of the alphabet and cuts the user data header off, which loses the bytes the platform needs (a
 * segment's header, UCS-2 that is not valid UTF-16 on its own). Importing this module replaces those filters,
 * once for the process, by ones that keep the raw Buffer on the way in and send a Buffer as it is on the way out;
 * texts are then encoded and decoded with segments.ts.
 */
import smpp, { type PDU } from 'smpp';

const RAW = {
  encode: (value: unknown): unknown => (typeof value === 'string' ? Buffer.from(value, 'latin1') : value),
  decode: (value: unknown): unknown => value,
};

let installed = false;
function installRawShortMessage(): void {
  if (installed) return;
  installed = true;
  for (const command of ['submit_sm', 'deliver_sm', 'submit_multi', 'replace_sm', 'data_sm', 'broadcast_sm']) {
    const param = smpp.commands[command]?.params?.short_message;
    if (param) param.filter = RAW;
  }
  const payload = (smpp.tlvs as Record<string, { filter?: unknown }>).message_payload;
  if (payload) payload.filter = RAW;
}
installRawShortMessage();

export { smpp };

const corked = new WeakSet<object>();

/**
 * Holds a socket's writes until the end of this tick, so the PDUs written in one go — a window of submit_sm, the
 * responses to a committed batch of deliver_sm — leave in one system call instead of one each (writes were a
 * quarter of the SMS path's CPU before this).
 */
export function corkForTick(socket: { cork(): void; uncork(): void }): void {
  if (corked.has(socket)) return;
  corked.add(socket);
  socket.cork();
  process.nextTick(() => {
    corked.delete(socket);
    socket.uncork();
  });
}
export type { PDU };

/** The name of an SMPP command_status (ESME_RTHROTTLED …), or its hex value when the package does not know it. */
const NAMES = new Map<number, string>(Object.entries(smpp.errors).map(([name, code]) => [code, name]));
export function statusName(status: number): string {
  return NAMES.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`;
}

export const STATUS = {
  OK: 0x00,
  RINVMSGLEN: 0x01,
  RINVCMDID: 0x03,
  RINVBNDSTS: 0x04,
  RALYBND: 0x05,
  RSYSERR: 0x08,
  RINVDSTADR: 0x0b,
  RBINDFAIL: 0x0d,
  RINVPASWD: 0x0e,
  RINVSYSID: 0x0f,
  RMSGQFUL: 0x14,
  RTHROTTLED: 0x58,
  RX_T_APPN: 0x64,
  RX_P_APPN: 0x65,
} as const;

/** Statuses after which the same submit may succeed later (the carrier was busy, not the message wrong). */
export const TEMPORARY = new Set<number>([STATUS.RMSGQFUL, STATUS.RTHROTTLED, STATUS.RSYSERR, STATUS.RX_T_APPN, 0x45 /* RSUBMITFAIL */]);

/** What SMPP 3.4 calls the states of message_state (5.3.2.35), by their receipt stat words. */
export const MESSAGE_STATE_STATS: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

/** esm_class message type bits of a deliver_sm: an SMSC delivery receipt (0x04) or an intermediate notification (0x20). */
export const ESM_RECEIPT = 0x04;
export const ESM_INTERMEDIATE = 0x20;

/** The short message of a deliver_sm / submit_sm as raw bytes: short_message, or message_payload when that is empty. */
export function rawMessage(pdu: PDU): Buffer {
  const sm = pdu.short_message;
  if (Buffer.isBuffer(sm) && sm.length > 0) return sm;
  const payload = pdu.message_payload;
  if (Buffer.isBuffer(payload)) return payload;
  return Buffer.isBuffer(sm) ? sm : Buffer.alloc(0);
}

/** An address as the platform keeps it: digits only (a leading + or 86 country code of a mobile dropped). */
export function digits(address: unknown): string {
  const d = String(address ?? '').replace(/\D/g, '');
  return /^861[3-9]\d{9}$/.test(d) ? d.slice(2) : d;
}
