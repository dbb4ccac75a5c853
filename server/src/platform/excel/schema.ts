/** Request and response shapes of the import routes (routes.ts); the kinds are those of the registered importers. */
import { Type, type TSchema } from 'typebox';
import { IdParams, Nullable, StringEnum } from '../schemas.js';
export { IdParams };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const oneOf = (values: string[]): TSchema => Type.Union(values.map((v) => Type.Literal(v)));

export const IMPORT_MODES = ['all_or_nothing', 'valid_only'] as const;
/** The job's state. */
const ImportState = StringEnum(['queued', 'running', 'succeeded', 'failed']);
/** null until done; failed: the job gave up after its last attempt. */
const ImportOutcome = Nullable(StringEnum(['imported', 'partial', 'rejected', 'failed']));
const ImportProgress = Type.Object({ processed: Type.Integer(), total: Nullable(Type.Integer()), errors: Type.Integer() });
/** A registered importer's kind: the modules' own (the request schemas list them; a response may name a kind since retired). */
const ImportKindName = Type.String({ description: 'the kind of a registered importer: members · organizations · stations …' });

export const importCreateQuery = (kinds: string[]) => Type.Object({
  kind: oneOf(kinds),
  mode: Type.Optional(Type.Union([Type.Literal('all_or_nothing'), Type.Literal('valid_only')], { default: 'all_or_nothing' })),
  fileName: Type.Optional(Type.String({ maxLength: 200 })),
});

export const ImportCreated = Type.Object({ id: Type.String(), jobId: Type.String(), statusUrl: Type.String() });

export const ImportStatusQuery = Type.Object({
  errorsOffset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  errorsLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});

export const ImportStatus = Type.Object({
  id: Type.String(),
  jobId: Type.String(),
  kind: ImportKindName,
  mode: StringEnum(IMPORT_MODES),
  fileName: Nullable(Type.String()),
  state: ImportState,
  phase: StringEnum(['queued', 'validating', 'writing', 'done', 'failed']),
  outcome: ImportOutcome,
  progress: ImportProgress,
  rowsTotal: Nullable(Type.Integer()),
  rowsValid: Nullable(Type.Integer()),
  rowsWritten: Type.Integer(),
  failure: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  errors: Type.Object({
    items: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })),
    total: Type.Integer(),
    offset: Type.Integer(),
    limit: Type.Integer(),
  }),
}, { $id: 'ImportStatus' });

export const templateParams = (kinds: string[]) => Type.Object({ kind: oneOf(kinds.map((k) => `${k}.xlsx`)) });


export const ImportListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) });
export const ImportList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(), kind: ImportKindName, mode: StringEnum(IMPORT_MODES), fileName: Nullable(Type.String()), state: ImportState, outcome: ImportOutcome,
    progress: ImportProgress,
    rowsTotal: Nullable(Type.Integer()), rowsWritten: Type.Integer(), createdAt: Type.String(), finishedAt: Nullable(Type.String()),
  })),
});
