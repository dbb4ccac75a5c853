/** 工作台: the statistics of a subtree at a glance. */
import { defineModule } from '../../platform/module.js';
import { dashboardRoutes } from './dashboard.routes.js';

export const dashboardModule = defineModule({
  name: 'dashboard',
  routes: dashboardRoutes,
  permissions: {
    'dashboard.read': { zh: '查看工作台统计', en: 'View the dashboard', roles: ['org_admin', 'org_viewer', 'branch_secretary'] },
  },
});
