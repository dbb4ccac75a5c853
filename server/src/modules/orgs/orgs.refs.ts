/**
 * An organization named in a spreadsheet cell: its id (digits) or its exact name or full name. Used by the importers
 * of members, organizations and stations, which must say per row when the name matches nothing, lies outside the
 * importer's scope, or matches several organizations.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface OrgRef { id: string; name: string; full_name: string; path: string; type: string; status: string }

const isId = (ref: string) => /^\d{1,18}$/.test(ref);

/** Every organization each reference may mean (by id, or by name or full name), in batches of 1,000 references. */
export async function resolveOrgRefs(db: Kysely<DB>, refs: Set<string>): Promise<Map<string, OrgRef[]>> {
  const ids = [...refs].filter(isId);
  const names = [...refs].filter((r) => !isId(r));
  const found: OrgRef[] = [];
  for (let i = 0; i < Math.max(ids.length, names.length); i += 1000) {
    const idPart = ids.slice(i, i + 1000);
    const namePart = names.slice(i, i + 1000);
    found.push(...(await db.selectFrom('orgs').select(['id', 'name', 'full_name', 'path', 'type', 'status'])
      .where((eb) => eb.or([
        ...(idPart.length ? [eb('id', 'in', idPart)] : []),
        ...(namePart.length ? [eb('name', 'in', namePart), eb('full_name', 'in', namePart)] : []),
      ]))
      .execute()));
  }
  const map = new Map<string, OrgRef[]>();
  for (const ref of refs) {
    const hits = found.filter((o) => (isId(ref) ? o.id === ref : o.name === ref || o.full_name === ref));
    map.set(ref, [...new Map(hits.map((h) => [h.id, h])).values()]);
  }
  return map;
}

/** The one organization a reference means within the scope, or what to tell the user. */
export function pickOrg(hits: OrgRef[] | undefined, inScope: (path: string) => boolean): { org?: OrgRef; message?: string } {
  if (!hits || hits.length === 0) return { message: '系统中没有该党组织，请填写组织编号或准确的组织名称' };
  const mine = hits.filter((h) => inScope(h.path));
  if (mine.length === 0) return { message: '该党组织不在您的管辖范围内' };
  if (mine.length > 1) return { message: `有${mine.length}个同名党组织，请改填组织编号` };
  return { org: mine[0] };
}
