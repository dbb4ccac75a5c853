/** Request and response shapes of the import routes (routes.ts); the kinds are those of the registered importers. */
import { Type, type TSchema } from 'typebox';
import { IdParams, Nullable } from '../schemas.js';
export { IdParams };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const oneOf = (values: string[]): TSchema => Type.Union(values.map((v) => Type.Literal(v)));

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
  kind: Type.String(),
  mode: Type.String(),
  fileName: Nullable(Type.String()),
  state: Type.String({ description: 'queued · running · succeeded · failed (the job)' }),
  phase: Type.String({ description: 'queued · validating · writing · done · failed' }),
  outcome: Nullable(Type.String({ description: 'imported · partial · rejected; null until done' })),
  progress: Type.Object({ processed: Type.Integer(), total: Nullable(Type.Integer()), errors: Type.Integer() }),
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
});

export const templateParams = (kinds: string[]) => Type.Object({ kind: oneOf(kinds.map((k) => `${k}.xlsx`)) });


export const ImportListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) });
export const ImportList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(), kind: Type.String(), mode: Type.String(), fileName: Nullable(Type.String()), state: Type.String(), outcome: Nullable(Type.String()),
    progress: Type.Object({ processed: Type.Integer(), total: Nullable(Type.Integer()), errors: Type.Integer() }),
    rowsTotal: Nullable(Type.Integer()), rowsWritten: Type.Integer(), createdAt: Type.String(), finishedAt: Nullable(Type.String()),
  })),
});
