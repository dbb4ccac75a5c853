/**
 * The station importer's check of a row beyond its cells (stations.excel.ts): the contact phone, by the stations
 * API's own rule. Pure: the import worker thread loads this file (its default export).
 */
import type { Static } from 'typebox';
import type { RowChecker } from '../../platform/excel/rows.js';
import { parseContactPhone } from '../../platform/identity/phone.js';
import type { StationCells } from './stations.excel.js';

/** A station row that passed the checks without the database; the organization is still the cell's reference. */
export interface StationRow {
  orgRef: string;
  name: string; type: string; status: string;
  address: string | null; equipment: string | null; managerName: string | null; contactPhone: string | null;
}

const checkStationRow: RowChecker<Static<typeof StationCells>, StationRow> = () => (c, { add }) => {
  // The same phone rule as the stations API (mobile or landline, normalized).
  const phone = c.contactPhone === undefined ? { value: null, error: null } : parseContactPhone(c.contactPhone);
  if (phone.error) return void add('联系电话', phone.error);
  return {
    orgRef: c.org, name: c.name, type: c.type, status: c.status ?? 'active', address: c.address ?? null, equipment: c.equipment ?? null,
    managerName: c.managerName ?? null, contactPhone: phone.value,
  };
};
export default checkStationRow;
