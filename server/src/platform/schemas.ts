/** Small TypeBox helpers shared by every module's schema file. */
import { Type, type TSchema, type TOptional } from 'typebox';

export const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** Every property optional: the body of a PATCH. */
export const optionalAll = <T extends Record<string, TSchema>>(o: T) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: TOptional<T[K]> };
export const IdString = Type.String({ pattern: '^[0-9]{1,18}$' });
export const IdParams = Type.Object({ id: IdString });
export const DateString = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
export const Cursor = Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' }));
