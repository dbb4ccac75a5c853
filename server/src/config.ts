/**
 * Typed configuration, read once from the environment.
 * Every variable is documented in docs/configuration.md; keep the two in step.
 */
import path from 'node:path';
import { isIP } from 'node:net';

export type CipherName = 'aes-256-gcm' | 'sm4-ctr-hmac';

export interface Config {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** Load demo organizations, members and accounts into an empty database (never in production). */
  demoData: boolean;
  demoMembers: number;
  /** Base64 32-byte keys; in embedded mode generated under dataDir when absent. */
  dataKey: string | undefined;
  indexKey: string | undefined;
  cipher: CipherName;
  /** Base64 32-byte HMAC key of the audit chain (DJ_AUDIT_KEY); in embedded mode generated under dataDir when absent. */
  auditKey: string | undefined;
  /** Append-only file the audit chain head is anchored to, outside the database. */
  auditAnchorFile: string;
  auditAnchorIntervalSeconds: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
  loginRateLimitPerMinute: number;
  /** Sign-in by SMS code (auth module, docs/security.md). */
  smsLogin: { codeMinutes: number; perIpPerHour: number };
  /** Public forms and phone verification (safety module, docs/security.md "Safety of public input"). */
  /** Public GET answers: kept this many seconds (browsers, proxies, the process) and limited per client address (platform/public-reads.ts). */
  publicReads: { cacheSeconds: number; perMinute: number };
  publicForms: { perMinute: number; perIpPerHour: number; perPhonePerHour: number; captchaAfter: number; codeMinutes: number; codesPerIpPerHour: number; tokenMinutes: number };
  webDist: string;
  imports: ImportLimits;
  /** Retention of finished background jobs (docs/configuration.md, "Background jobs"). */
  jobs: JobRetention;
  /** Client addresses or CIDR blocks that may read /metrics without a token. */
  metricsAllow: string[];
  /** Bearer token that opens /metrics from any address; undefined: addresses only. */
  metricsToken: string | undefined;
  sms: SmsConfig;
  /**
   * The address the public reaches this platform at (PUBLIC_BASE_URL, no trailing slash): links sent by SMS (a
   * survey's web form) start with it. Default http://HOST:PORT, right only for a demo on one machine.
   */
  publicBaseUrl: string;
  /** The follow-up engine (docs/followups.md). */
  followups: { escalateAgainWorkingDays: number };
  /** Video and file assets (docs/media.md). */
  media: MediaConfig;
  /** Distance education (docs/learning.md): how old the organization figures (学习统计) may get before the job refreshes them. */
  learning: { statsRefreshMinutes: number };
}

/** Video and file assets (docs/configuration.md, "Media"; docs/media.md). */
export interface MediaConfig {
  /** MEDIA_DIR: where uploads, HLS renditions, posters and MP4 files are kept (default DATA_DIR/media). */
  dir: string;
  /** The largest file one upload may be. */
  maxUploadBytes: number;
  /** The largest chunk one PATCH may carry. */
  chunkBytes: number;
  /** ffmpeg's path, or null: transcoding off (MEDIA_FFMPEG=off), MP4 files are served as uploaded. */
  ffmpeg: string | null;
  /** ffprobe's path (beside ffmpeg unless MEDIA_FFPROBE says otherwise). */
  ffprobe: string | null;
  /**
   * LIVE_MEDIA_ORIGINS: the origins (https://live.example.cn, comma-separated) of the live-stream origin servers or CDN
   * that live lessons play from. Allowed in the Content-Security-Policy (media-src, connect-src for hls.js); when set,
   * a live lesson's source must be on one of them. Empty: any http(s) source may be saved, but browsers block playing it.
   */
  liveOrigins: string[];
}

function mediaConfig(env: NodeJS.ProcessEnv): MediaConfig {
  const raw = (env.MEDIA_FFMPEG ?? '/usr/bin/ffmpeg').trim();
  const ffmpeg = raw === '' || raw.toLowerCase() === 'off' ? null : path.resolve(raw);
  const ffprobe = ffmpeg ? path.resolve(env.MEDIA_FFPROBE?.trim() || path.join(path.dirname(ffmpeg), 'ffprobe')) : null;
  return {
    dir: path.resolve(env.MEDIA_DIR || path.join(env.DATA_DIR || './data', 'media')),
    maxUploadBytes: positive('MEDIA_MAX_UPLOAD_MB', 2048, env) * 1024 * 1024,
    chunkBytes: positive('MEDIA_CHUNK_MB', 8, env) * 1024 * 1024,
    ffmpeg,
    ffprobe,
    liveOrigins: (env.LIVE_MEDIA_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
      let u: URL;
      try { u = new URL(o); } catch { throw new Error(`LIVE_MEDIA_ORIGINS: ${o} is not an http(s) origin`); }
      if (!/^https?:$/.test(u.protocol)) throw new Error(`LIVE_MEDIA_ORIGINS: ${o} is not an http(s) origin`);
      return u.origin;
    }),
  };
}

/** The SMS service (docs/configuration.md, "SMS"; docs/sms.md). */
export interface SmsConfig {
  /** SMPP_URL as given (one link per carrier, comma-separated); undefined: the embedded SMSC simulator is started. */
  smppUrl: string | undefined;
  /** The sender signature every broadcast starts with, as carriers require (【浙江组工】). */
  signature: string;
  /** Broadcasts to more recipients than this need a second staff member's approval. */
  approvalThreshold: number;
  /** Minutes after midnight (China time) when bulk sending stops and starts again; null: no quiet hours. */
  quietHours: { start: number; end: number } | null;
  /** Submits of one message before a retryable error becomes its failure. */
  maxAttempts: number;
  /** A submitted message with no final receipt after this long is "unknown" (never "delivered"). */
  receiptTimeoutMinutes: number;
  /** A dispatcher that has not renewed its lease for this long is taken for dead; its claimed messages are recovered. */
  leaseSeconds: number;
  /** Replies that opt the sender out of broadcasts, and back in (compared after trimming, case-insensitively). */
  optOutKeywords: string[];
  optInKeywords: string[];
  /** Whether this instance sends and receives (SMS_DISPATCH=false for instances that only serve the web). */
  dispatch: boolean;
}

function quietHours(env: NodeJS.ProcessEnv): { start: number; end: number } | null {
  const raw = (env.SMS_QUIET_HOURS ?? '22:00-08:00').trim();
  if (raw === '' || raw.toLowerCase() === 'off') return null;
  const m = /^([01]?\d|2[0-3]):([0-5]\d)-([01]?\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!m) throw new Error(`SMS_QUIET_HOURS must be HH:MM-HH:MM (China time) or off, got "${raw}"`);
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (start === end) throw new Error('SMS_QUIET_HOURS must not start and end at the same minute');
  return { start, end };
}

function keywords(name: string, fallback: string, env: NodeJS.ProcessEnv): string[] {
  const list = (env[name] ?? fallback).split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  if (list.length === 0) throw new Error(`${name} must name at least one keyword`);
  return list;
}

/** Days finished jobs are kept; a job another row refers to (an import's status) stays while that row does. */
export interface JobRetention {
  succeededDays: number;
  /** Failed jobs are the dead letters: kept longer, to see what went wrong. */
  failedDays: number;
}

/** Limits of Excel/CSV imports (docs/configuration.md, "Imports"). */
export interface ImportLimits {
  /** Data rows of one file. */
  maxRows: number;
  /** Columns of one file (the widest template has 22). */
  maxColumns: number;
  /** Characters of one cell. */
  maxCellChars: number;
  /** Bytes an .xlsx (a ZIP archive) may unpack to, counted while inflating. */
  maxUnzippedBytes: number;
  /** Heap of the worker thread that parses and checks a file; past it the file is refused. */
  workerMemoryMb: number;
  /** Uploads per account per hour. */
  uploadsPerHour: number;
  /** Days an error report is kept after its import has ended. */
  errorRetentionDays: number;
}

function addressList(name: string, fallback: string, env: NodeJS.ProcessEnv): string[] {
  const raw = env[name] === undefined ? fallback : env[name]!;
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    const [addr, bits, extra] = item.split('/');
    const family = isIP(addr);
    const maxBits = family === 6 ? 128 : 32;
    const ok = family !== 0 && extra === undefined && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits));
    if (!ok) throw new Error(`${name} must be a comma-separated list of IP addresses or CIDR blocks, got "${item}"`);
  }
  return items;
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function positive(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const n = int(name, fallback, env);
  if (n === 0) throw new Error(`${name} must be a positive integer, got "${env[name]}"`);
  return n;
}

function bool(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const t = env.METRICS_TOKEN;
  if (!t) return undefined;
  if (t.length < 32) throw new Error('METRICS_TOKEN must be at least 32 characters (e.g. 32 random bytes in base64)');
  return t;
}

function publicBaseUrl(env: NodeJS.ProcessEnv): string {
  const raw = (env.PUBLIC_BASE_URL ?? '').trim().replace(/\/+$/, '');
  if (!raw) return `http://${env.HOST || '127.0.0.1'}:${env.PORT || 3000}`;
  let u: URL;
  try { u = new URL(raw); } catch { throw new Error(`PUBLIC_BASE_URL must be an http(s) address such as https://dj.example.gov.cn, got "${raw}"`); }
  if (!/^https?:$/.test(u.protocol) || u.search || u.hash) throw new Error(`PUBLIC_BASE_URL must be an http(s) address without query, got "${raw}"`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const production = nodeEnv === 'production';
  const cipher = (env.DJ_CIPHER ?? 'aes-256-gcm') as CipherName;
  if (!['aes-256-gcm', 'sm4-ctr-hmac'].includes(cipher)) throw new Error(`DJ_CIPHER must be aes-256-gcm or sm4-ctr-hmac, got "${cipher}"`);
  const demoRequested = bool('DEMO_DATA', !production, env);
  if (production && demoRequested) throw new Error('DEMO_DATA cannot be enabled with NODE_ENV=production');
  return {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 3000, env),
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, env),
    demoData: demoRequested,
    demoMembers: int('DEMO_MEMBERS', 5000, env),
    dataKey: env.DJ_DATA_KEY || undefined,
    indexKey: env.DJ_INDEX_KEY || undefined,
    cipher,
    auditKey: env.DJ_AUDIT_KEY || undefined,
    auditAnchorFile: path.resolve(env.AUDIT_ANCHOR_FILE || path.join(env.DATA_DIR || './data', 'audit-anchors.jsonl')),
    auditAnchorIntervalSeconds: positive('AUDIT_ANCHOR_INTERVAL_SECONDS', 60, env),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30, env),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, env),
    cookieSecure: bool('COOKIE_SECURE', production, env),
    trustProxy: bool('TRUST_PROXY', false, env),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    loginRateLimitPerMinute: int('LOGIN_RATE_LIMIT_PER_MINUTE', 20, env),
    smsLogin: {
      codeMinutes: positive('SMS_LOGIN_CODE_MINUTES', 5, env),
      perIpPerHour: positive('SMS_LOGIN_CODES_PER_IP_HOUR', 20, env),
    },
    publicReads: {
      cacheSeconds: int('PUBLIC_CACHE_SECONDS', 10, env),
      perMinute: int('PUBLIC_RATE_LIMIT_PER_MINUTE', 300, env),
    },
    publicForms: {
      perMinute: positive('PUBLIC_FORM_RATE_LIMIT_PER_MINUTE', 10, env),
      perIpPerHour: positive('PUBLIC_FORM_PER_IP_HOUR', 30, env),
      perPhonePerHour: positive('PUBLIC_FORM_PER_PHONE_HOUR', 10, env),
      captchaAfter: int('PUBLIC_FORM_CAPTCHA_AFTER', 3, env),
      codeMinutes: positive('PHONE_VERIFY_CODE_MINUTES', 10, env),
      codesPerIpPerHour: positive('PHONE_VERIFY_CODES_PER_IP_HOUR', 20, env),
      tokenMinutes: positive('PHONE_VERIFY_TOKEN_MINUTES', 30, env),
    },
    publicBaseUrl: publicBaseUrl(env),
    webDist: path.resolve(env.WEB_DIST || path.join(import.meta.dirname, '../../web/dist')),
    imports: {
      maxRows: positive('IMPORT_MAX_ROWS', 200_000, env),
      maxColumns: positive('IMPORT_MAX_COLUMNS', 60, env),
      maxCellChars: positive('IMPORT_MAX_CELL_CHARS', 1000, env),
      maxUnzippedBytes: positive('IMPORT_MAX_UNZIPPED_MB', 500, env) * 1024 * 1024,
      workerMemoryMb: positive('IMPORT_WORKER_MEMORY_MB', 1024, env),
      uploadsPerHour: positive('IMPORT_UPLOADS_PER_HOUR', 20, env),
      errorRetentionDays: positive('IMPORT_ERROR_RETENTION_DAYS', 7, env),
    },
    jobs: {
      succeededDays: positive('JOBS_SUCCEEDED_RETENTION_DAYS', 7, env),
      failedDays: positive('JOBS_FAILED_RETENTION_DAYS', 30, env),
    },
    metricsAllow: addressList('METRICS_ALLOW', '127.0.0.1,::1', env),
    metricsToken: metricsToken(env),
    sms: {
      smppUrl: env.SMPP_URL?.trim() || undefined,
      signature: env.SMS_SIGNATURE ?? '【浙江组工】',
      approvalThreshold: positive('SMS_APPROVAL_THRESHOLD', 1000, env),
      quietHours: quietHours(env),
      maxAttempts: positive('SMS_MAX_ATTEMPTS', 5, env),
      receiptTimeoutMinutes: positive('SMS_RECEIPT_TIMEOUT_MINUTES', 48 * 60, env),
      leaseSeconds: positive('SMS_LEASE_SECONDS', 30, env),
      optOutKeywords: keywords('SMS_OPTOUT_KEYWORDS', 'TD,退订,T', env),
      optInKeywords: keywords('SMS_OPTIN_KEYWORDS', 'DY,订阅', env),
      dispatch: bool('SMS_DISPATCH', true, env),
    },
    followups: {
      escalateAgainWorkingDays: positive('FOLLOWUP_ESCALATE_AGAIN_WORKING_DAYS', 3, env),
    },
    media: mediaConfig(env),
    learning: {
      statsRefreshMinutes: positive('LEARNING_STATS_REFRESH_MINUTES', 10, env),
    },
  };
}
