/**
 * Every module's Excel importers and exporters, served by the platform's Excel engine (platform/excel/routes.ts).
 * One list, in one place, until the module manifests carry it.
 */
import type { ExcelRegistry } from '../platform/excel/routes.js';
import { membersExcel } from './members/members.excel.js';
import { orgsExcel } from './orgs/orgs.excel.js';
import { stationsExcel } from './stations/stations.excel.js';
import { flowsExcel } from './flows/flows.excel.js';
import { transfersExcel } from './transfers/transfers.excel.js';

const modules: ExcelRegistry[] = [membersExcel, orgsExcel, stationsExcel, transfersExcel, flowsExcel];

export const excelRegistry: ExcelRegistry = {
  importers: modules.flatMap((m) => m.importers),
  exporters: modules.flatMap((m) => m.exporters),
};
