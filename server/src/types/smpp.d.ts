/** The part of the `smpp` package (0.5.x, no bundled types) the platform uses: sessions, PDUs, servers. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
    toBuffer(): Buffer;
  }
  export const PDU: { new (command: string, options?: Record<string, unknown>): PDU; fromBuffer(b: Buffer): PDU };

  export class Session extends EventEmitter {
    constructor(options: Record<string, unknown>);
    socket: Socket;
    server?: Server;
    paused: boolean;
    send(pdu: PDU, responseCallback?: (pdu: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    pause(): void;
    resume(): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    [command: string]: unknown;
  }
  export class Server extends NetServer {
    sessions: Session[];
  }
  export function createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
  export function createServer(listener?: (session: Session) => void): Server;
  export function connect(options: Record<string, unknown> | string, listener?: () => void): Session;
  export const errors: Record<string, number>;
  export const consts: Record<string, Record<string, number> | number>;
  export const commands: Record<string, { id: number; params?: Record<string, { filter?: { encode: (v: unknown) => unknown; decode: (v: unknown) => unknown } }> }>;
  export const filters: Record<string, { encode: (v: unknown) => unknown; decode: (v: unknown, skipUdh?: boolean) => unknown }>;
  export const tlvs: Record<string, { id: number }>;
  export function addTLV(tag: string, options: Record<string, unknown>): void;
  const smpp: {
    PDU: typeof PDU;
    Session: typeof Session;
    createServer: typeof createServer;
    connect: typeof connect;
    errors: typeof errors;
    consts: typeof consts;
    commands: typeof commands;
    filters: typeof filters;
    tlvs: typeof tlvs;
    addTLV: typeof addTLV;
  };
  export default smpp;
}
