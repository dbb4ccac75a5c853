/** Excel in and out for the members, organizations and stations lists. */
import { defineModule } from '../../platform/module.js';
import { importRoutes } from './imports.routes.js';
import { exportRoutes } from './exports.routes.js';
import * as svc from './imports.service.js';

export const importsModule = defineModule({
  name: 'imports',
  routes: async (app, opts) => {
    await app.register(importRoutes, opts);
    await app.register(exportRoutes, opts);
  },
  queues: [{ name: svc.IMPORT_QUEUE, handler: (ctx) => (job, control) => svc.runImport(ctx, job, control) }],
  schedules: [{ name: 'imports.cleanup', everyMs: 3_600_000, run: (ctx) => svc.purgeExpiredImports(ctx) }],
  entityTypes: {
    import: { zh: '导入任务', en: 'Import job' },
  },
  problems: {
    'import.file_refused': 'The file was refused',
    'import.not_xlsx': 'Please upload an .xlsx Excel file (the import template can be downloaded)',
    'import.errors_expired': 'The error report of this import has been deleted after its retention period; import the original file again to check it',
    'import.rate_limited': 'Too many uploads; please wait before uploading another import file',
  },
});
