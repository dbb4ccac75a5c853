/**
 * A module's manifest: everything the platform needs to know about a module, in one object the module
 * exports from `<name>.module.ts`. `modules/index.ts` lists the manifests; the platform assembles itself from
 * that list (routes, permissions and which roles hold them, audit and entity labels, job queues and schedules,
 * organization-path copies), and `assembleModules` refuses a list whose names collide or point nowhere.
 * Adding a module is its own folder plus one line in that list (docs/architecture.md, "Adding a module").
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import type { AppContext } from './context.js';
import type { JobHandler, ScheduleWhen } from './jobs.js';
import type { ExcelRegistry } from './excel/routes.js';
import { ImportStatus } from './excel/schema.js';
import { installPermissions, ROLE_NAMES, type Role } from './roles.js';
import type { SmsAudienceSource, SmsInboundHandler } from './sms/hooks.js';

/** A name shown to people, in both interface languages. */
export interface Label { zh: string; en: string }

export interface PermissionDecl extends Label {
  /** The roles that hold this permission wherever they are granted (their whole subtree). */
  roles: readonly Role[];
}

/** A column outside `orgs.path` that holds an organization path (see orgs.path-copies.ts for the three kinds). */
export interface PathColumn { table: string; column: string; why: string }

export interface QueueDecl {
  name: string;
  handler: (ctx: AppContext) => JobHandler;
  /** How many of its jobs one instance runs at once (default 1). */
  concurrency?: number;
}

/** A recurring schedule kept in the database: one job on `queue` per slot, however many instances run (`ctx.jobs.every`). */
export interface ScheduleDecl {
  name: string;
  when: ScheduleWhen;
  /** A queue some module declares. */
  queue: string;
  payload?: unknown;
}

/** Housekeeping every instance runs on its own timer (`ctx.jobs.schedule`); must be idempotent. */
export interface MaintenanceDecl {
  name: string;
  everyMs: number;
  run: (ctx: AppContext) => Promise<unknown>;
}

export interface ServiceDecl {
  name: string;
  start: (ctx: AppContext) => Promise<{ stop(): Promise<void> }>;
}

export interface ModuleManifest<P extends string = string> {
  /** The module's folder name. */
  name: string;
  routes?: FastifyPluginAsyncTypebox<{ ctx: AppContext }>;
  /** The permissions this module introduces, keyed `<module>.<verb>`. */
  permissions?: { readonly [K in P]: PermissionDecl };
  /** Every audit action the module writes, with its label for the audit log screen. */
  auditActions?: Readonly<Record<string, Label>>;
  /** Every audit `entity_type` the module writes. */
  entityTypes?: Readonly<Record<string, Label>>;
  /**
   * The English title of every problem code the module answers with (the Chinese title is written where the
   * error is raised); an English console gets these (platform/language.ts).
   */
  problems?: Readonly<Record<string, string>>;
  /** Response shapes with an `$id`, published once in the OpenAPI document's components (platform/schemas.ts, `ref`). */
  schemas?: readonly TSchema[];
  /** Its spreadsheets: importers and exporters served by the Excel engine (platform/excel/). */
  excel?: ExcelRegistry;
  queues?: readonly QueueDecl[];
  schedules?: readonly ScheduleDecl[];
  maintenance?: readonly MaintenanceDecl[];
  /**
   * Long-running services a server instance starts after it listens and stops before it closes (the SMS
   * dispatcher and its carrier links). Tests start them themselves when they need them.
   */
  services?: readonly ServiceDecl[];
  /** Hands this module incoming SMS (a survey's answers, an emergency's confirmations); platform/sms/hooks.ts. */
  smsInbound?: SmsInboundHandler;
  /** Recipient sources this module's SMS broadcasts are resolved from, by name (`<module>.<what>`); platform/sms/hooks.ts. */
  smsAudiences?: Readonly<Record<string, SmsAudienceSource>>;
  /** Organization-path copies this module's tables keep; see orgs.path-copies.ts. */
  pathCopies?: {
    /** Rewritten by a subtree move in the move's own transaction. */
    rewritten?: readonly PathColumn[];
    /** Kept true by database triggers on rewritten columns. */
    triggerKept?: readonly PathColumn[];
    /** As it was when something happened; never rewritten, never used to decide access. */
    historical?: readonly PathColumn[];
  };
}

/** Keeps the permission keys' literal types, so `Permission` is an exact union (modules/index.ts). */
export function defineModule<const P extends string = never>(m: ModuleManifest<P>): ModuleManifest<P> {
  return m;
}

/** The permission keys a list of manifests declares. */
export type PermissionsOf<M> = M extends ModuleManifest<infer P> ? P : never;

export interface ModuleCatalogue {
  modules: readonly ModuleManifest[];
  permissions: ReadonlyMap<string, PermissionDecl & { module: string }>;
  auditActions: ReadonlyMap<string, Label & { module: string }>;
  entityTypes: ReadonlyMap<string, Label>;
  /** English problem titles by code, the platform's and every module's. */
  problemTitles: ReadonlyMap<string, string>;
  pathCopies: { rewritten: readonly PathColumn[]; triggerKept: readonly PathColumn[]; historical: readonly PathColumn[] };
  /** Every module's importers and exporters, for the Excel engine. */
  excel: ExcelRegistry;
  /** Every module's published response shapes, then the platform's. */
  schemas: readonly TSchema[];
}

/** What the platform itself writes to the audit log, beside the modules (seed and start-up). */
export const PLATFORM_AUDIT_ACTIONS: Readonly<Record<string, Label>> = {
  'system.seed_demo': { zh: '生成演示数据', en: 'Seed demo data' },
};
/** English titles of the problems the platform itself answers with (errors.ts, problem.ts, route-policy.ts). */
export const PLATFORM_PROBLEM_TITLES: Readonly<Record<string, string>> = {
  validation_failed: 'Some of the information is not valid; please correct it as shown',
  bad_request: 'The request could not be processed; please check it and try again',
  rate_limited: 'Too many requests; please try again later',
  internal: 'The system is busy; please try again later',
  not_found: 'The record does not exist or has been deleted',
  'not_found.route': 'No such API route',
  'conflict.version': 'Someone else has changed this record; please refresh and try again',
  'http.bad_url': 'The request address is malformed',
  'http.uri_too_long': 'The request address is too long',
  'auth.required': 'You are not signed in or your session has ended; please sign in again',
  'auth.mfa_required': 'Please complete two-factor verification first',
  'auth.password_change_required': 'Please change your password first (first sign-in, or the password was reset)',
  'auth.locked': 'The account is locked after repeated failures; please try again later',
  'csrf.origin': 'The origin of this request is not allowed',
  forbidden: 'You may not do this',
  'forbidden.permission': 'Your role does not permit this',
  'forbidden.scope': 'This record is outside your jurisdiction',
  'forbidden.reveal': 'You may not see the full personal data; export the masked data instead',
  'forbidden.owner': "You may not view another account's import",
  'metrics.forbidden': 'You may not read the metrics',
  // The Excel engine (platform/excel/).
  'import.unknown_kind': 'There is no import of this kind',
  'import.file_refused': 'The file was refused',
  'import.not_xlsx': 'Please upload an .xlsx Excel file (the import template can be downloaded)',
  'import.errors_expired': 'The error report of this import has been deleted after its retention period; import the original file again to check it',
  'import.rate_limited': 'Too many uploads; please wait before uploading another import file',
};

export const PLATFORM_ENTITY_TYPES: Readonly<Record<string, Label>> = {
  system: { zh: '系统', en: 'System' },
  import: { zh: '导入任务', en: 'Import job' },
};

/**
 * Builds the catalogue from the manifests and refuses an inconsistent list: two modules with one name; a
 * permission, audit action, queue, schedule or published schema declared twice; a permission not of the form
 * <noun>.<verb>; a role that does not exist; an empty label; a schedule on a queue no module declares.
 */
export function assembleModules(modules: readonly ModuleManifest[]): ModuleCatalogue {
  const fail = (msg: string): never => {
    throw new Error(`module manifests: ${msg}`);
  };
  const names = new Set<string>();
  const permissions = new Map<string, PermissionDecl & { module: string }>();
  const auditActions = new Map<string, Label & { module: string }>(Object.entries(PLATFORM_AUDIT_ACTIONS).map(([k, v]) => [k, { ...v, module: 'platform' }]));
  const entityTypes = new Map<string, Label>(Object.entries(PLATFORM_ENTITY_TYPES));
  const problemTitles = new Map<string, string>(Object.entries(PLATFORM_PROBLEM_TITLES));
  const queues = new Set<string>();
  const schedules = new Set<string>();
  const pathCopies = { rewritten: [] as PathColumn[], triggerKept: [] as PathColumn[], historical: [] as PathColumn[] };
  const checkLabel = (what: string, l: Label) => {
    if (!l.zh.trim() || !l.en.trim()) fail(`${what} has an empty label`);
  };

  for (const m of modules) {
    if (!/^[a-z][a-z0-9-]*$/.test(m.name)) fail(`module name "${m.name}" is not a folder name`);
    if (names.has(m.name)) fail(`two modules are named "${m.name}"`);
    names.add(m.name);
    for (const [key, decl] of Object.entries<PermissionDecl>(m.permissions ?? {})) {
      if (permissions.has(key)) fail(`permission ${key} is declared by ${permissions.get(key)!.module} and ${m.name}`);
      if (!/^[a-z][a-z_]*\.[a-z][a-z_]*$/.test(key)) fail(`permission "${key}" is not <noun>.<verb>`);
      checkLabel(`permission ${key}`, decl);
      for (const role of decl.roles) if (!(ROLE_NAMES as readonly string[]).includes(role)) fail(`permission ${key} names an unknown role "${role}"`);
      permissions.set(key, { ...decl, module: m.name });
    }
    for (const key of Object.keys(m.smsAudiences ?? {})) {
      if (!key.startsWith(`${m.name}.`)) fail(`SMS recipient source "${key}" of ${m.name} is not named <module>.<what>`);
    }
    for (const [key, label] of Object.entries(m.auditActions ?? {})) {
      if (auditActions.has(key)) fail(`audit action ${key} is declared by ${auditActions.get(key)!.module} and ${m.name}`);
      checkLabel(`audit action ${key}`, label);
      auditActions.set(key, { ...label, module: m.name });
    }
    for (const [key, label] of Object.entries(m.entityTypes ?? {})) {
      checkLabel(`entity type ${key}`, label);
      const known = entityTypes.get(key);
      // Two modules may write rows about the same kind of thing (a member); they must call it the same.
      if (known && (known.zh !== label.zh || known.en !== label.en)) fail(`entity type ${key} has two different labels`);
      entityTypes.set(key, label);
    }
    for (const [code, title] of Object.entries(m.problems ?? {})) {
      if (problemTitles.has(code) && problemTitles.get(code) !== title) fail(`problem ${code} has two English titles`);
      if (!title.trim()) fail(`problem ${code} has an empty English title`);
      problemTitles.set(code, title);
    }
    for (const q of m.queues ?? []) {
      if (queues.has(q.name)) fail(`job queue ${q.name} is declared twice`);
      queues.add(q.name);
    }
    for (const s of [...(m.schedules ?? []), ...(m.maintenance ?? [])]) {
      if (schedules.has(s.name)) fail(`schedule ${s.name} is declared twice`);
      schedules.add(s.name);
    }
    pathCopies.rewritten.push(...(m.pathCopies?.rewritten ?? []));
    pathCopies.triggerKept.push(...(m.pathCopies?.triggerKept ?? []));
    pathCopies.historical.push(...(m.pathCopies?.historical ?? []));
  }
  for (const m of modules) {
    for (const s of m.schedules ?? []) if (!queues.has(s.queue)) fail(`schedule ${s.name} names a queue no module declares: ${s.queue}`);
  }
  const excel = { importers: modules.flatMap((m) => m.excel?.importers ?? []), exporters: modules.flatMap((m) => m.excel?.exporters ?? []) };
  const schemas = [...modules.flatMap((m) => m.schemas ?? []), ...PLATFORM_SCHEMAS];
  const ids = schemas.map((s) => String((s as { $id?: string }).$id));
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (ids.includes('undefined')) fail('a published schema has no $id');
  if (twice) fail(`schema ${twice} is published twice`);
  return { modules, permissions, auditActions, entityTypes, problemTitles, pathCopies, excel, schemas };
}

/** The platform's own published shapes (the Excel engine's import status). */
const PLATFORM_SCHEMAS: readonly TSchema[] = [ImportStatus];

let installed: ModuleCatalogue | null = null;

/**
 * Assembles the manifests and makes them the running platform's: permissions and role holdings
 * (roles.ts), labels, path copies. Called once, by modules/index.ts, with the one list of modules.
 */
export function installModules(modules: readonly ModuleManifest[]): ModuleCatalogue {
  const catalogue = assembleModules(modules);
  installPermissions(catalogue.permissions);
  installed = catalogue;
  return catalogue;
}

/** The installed catalogue; throws before modules/index.js has been imported. */
export function installedModules(): ModuleCatalogue {
  if (!installed) throw new Error('modules are not installed: import modules/index.js first');
  return installed;
}

/** The installed catalogue, or null in a unit test that loads the platform alone. */
export const installedModulesOrNull = (): ModuleCatalogue | null => installed;
