/** The contacts module's spreadsheets: party posts and village officials (importers and exporters on platform/excel). */
import type { ExcelRegistry } from '../../platform/excel/routes.js';

export const contactsExcel: ExcelRegistry = { importers: [], exporters: [] };
