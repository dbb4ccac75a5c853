/**
 * Small TypeBox helpers shared by every module's schema file, and the rules every request string and
 * date obeys wherever it is declared (platform/input.ts applies them to every route):
 *
 * - Text (`x-text`): every string of params, query and body is trimmed before its length is checked (a name
 *   of spaces is empty, so refused) and refused with a field error when it holds NUL or another control
 *   character, a bidirectional-text control (which can make 甲乙 display as 乙甲) or a lone surrogate.
 *   Strings are single-line unless declared `MultilineText` (tab and line breaks allowed); `Secret` strings
 *   (passwords) are not trimmed, since every character of a password counts, but refuse the same characters.
 * - Dates (`x-date`): a `YYYY-MM-DD` that names a real day (not 2026-02-30, 2026-13-01 or 0000-01-01) inside
 *   the field's range. "Not after today" depends on the clock, so services check it with `datesAfterToday`
 *   (platform/china-time.ts) beside their other cross-field rules, so that the form gets every problem at once.
 */
import { Type, type Static, type TSchema, type TOptional, type TString, type TUnsafe } from 'typebox';

/** A timestamp for a response: ISO 8601 in UTC, or null when there is none. */
export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A request field that takes one of a fixed set of values: any other value is refused with a field error. */
export const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
/**
 * A response field that takes one of a fixed set of values, as `{ type: 'string', enum }`: the OpenAPI document
 * lists the values, so the web's generated types are the exact literal union, while the serializer writes the
 * field as the plain string it is (an `anyOf` of constants would be checked branch by branch on every answer).
 */
export const StringEnum = <const T extends readonly string[]>(values: T, o: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...o });

/**
 * A reference to a response shape published under its `$id` in the OpenAPI document's components (modules/index.ts
 * lists them and app.ts registers them), so that the web's generated types name it; typed as the shape itself.
 * A route whose whole answer is a published shape needs no `ref`: `responses()` refers to it.
 */
export function ref<T extends TSchema>(schema: T) {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') throw new Error('ref(): the schema has no $id');
  return Type.Unsafe<Static<T>>(Type.Ref(id));
}
/**
 * `T` or null. A number or boolean becomes `type: [T, 'null']`, not `anyOf`: the request validator coerces types
 * (query strings arrive as text), and under `anyOf` it tries the first branch with coercion, so a JSON null sent for
 * an integer became 0 (an objection to "the notice as a whole" became one to the first candidate), and with null
 * first a 0 became null. With a type list ajv coerces only when no listed type matches. @fastify/swagger writes
 * both forms as `nullable: true` in the OpenAPI 3.0 document, so the document and the web's types do not change.
 */
export function Nullable<T extends TSchema>(t: T): TUnsafe<Static<T> | null> {
  const type = (t as { type?: unknown }).type;
  if (type === 'integer' || type === 'number' || type === 'boolean') {
    const keywords = Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith('~')));
    return Type.Unsafe<Static<T> | null>({ ...keywords, type: [type, 'null'] });
  }
  return Type.Union([t, Type.Null()]) as unknown as TUnsafe<Static<T> | null>;
}

/** Every property optional: the body of a PATCH. */
export const optionalAll = <T extends Record<string, TSchema>>(o: T) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: TOptional<T[K]> };
export const IdString = Type.String({ pattern: '^[0-9]{1,18}$' });
export const IdParams = Type.Object({ id: IdString });
export const Cursor = Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' }));

// ——— text ———

export const TEXT_KEYWORD = 'x-text';
export type TextMode = 'line' | 'multiline' | 'secret';

/** C0 and C1 controls, DEL, bidirectional marks, embeddings, overrides and isolates, line/paragraph separators, BOM, non-characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- these patterns exist to find control characters
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udfff]/u;
/** The same, but tab, line feed and carriage return are allowed. */
// eslint-disable-next-line no-control-regex -- these patterns exist to find control characters
const FORBIDDEN_IN_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udfff]/u;

export const TEXT_MESSAGES: Record<TextMode, string> = {
  line: '不能包含换行、制表符等控制字符或文字方向控制符',
  multiline: '不能包含控制字符或文字方向控制符',
  secret: '不能包含控制字符或文字方向控制符',
};

/** The character rule of a text mode: the first forbidden character's message, or null. */
export function textProblem(value: string, mode: TextMode): string | null {
  return (mode === 'multiline' ? FORBIDDEN_IN_MULTILINE : FORBIDDEN_IN_LINE).test(value) ? TEXT_MESSAGES[mode] : null;
}

type StringOptions = Parameters<typeof Type.String>[0];
/** Free text that may span lines (notes, letters): tab and line breaks are kept; other controls are refused. */
export const MultilineText = (o: StringOptions = {}): TString => Type.String({ ...o, [TEXT_KEYWORD]: 'multiline' } as StringOptions);
/** A password or other secret: never trimmed; control characters refused. */
export const Secret = (o: StringOptions = {}): TString => Type.String({ ...o, [TEXT_KEYWORD]: 'secret' } as StringOptions);

// ——— dates ———

export const DATE_KEYWORD = 'x-date';
/** The founding of the Communist Party of China (commemorated on 1 July 1921): no party date lies before it. */
export const PARTY_FOUNDED_ON = '1921-07-01';
export interface DateRule {
  /** earliest accepted day, 'YYYY-MM-DD' */
  min: string;
  /** latest accepted day, 'YYYY-MM-DD' */
  max: string;
}

/** A calendar day 'YYYY-MM-DD' within the rule's range; by default any day of 1900–2099. */
export const Day = (rule: Partial<DateRule> = {}, o: { description?: string } = {}): TString =>
  Type.String({
    pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
    ...o,
    [DATE_KEYWORD]: { min: rule.min ?? '1900-01-01', max: rule.max ?? '2099-12-31' },
  } as StringOptions);
/** Any real day of 1900–2099 (a planned date may lie ahead). */
export const DateString = Day();
/** A day of a person's life: from 1900 (birth dates); the service refuses days after today. */
export const PastDate = Day();
/** A day in the life of the party: from its founding on (joining, organizational life, founding of an organization); the service refuses days after today. */
export const PartyDate = Day({ min: PARTY_FOUNDED_ON });
