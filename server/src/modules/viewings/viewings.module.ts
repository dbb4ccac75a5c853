/**
 * 集中收看 (issue 12, F-72): group viewing at distance-education receiving stations — sessions, roll call, QR check-in,
 * confirmation that credits each present member through the learning ledger. docs/viewings.md.
 */
import { defineModule } from '../../platform/module.js';
import { ViewingSession } from './viewings.schema.js';
import { viewingRoutes } from './viewings.routes.js';

export const viewingsModule = defineModule({
  name: 'viewings',
  routes: viewingRoutes,
  schemas: [ViewingSession],
  permissions: {
    'viewing.read': { zh: '查看集中收看', en: 'View group viewings', roles: ['org_admin', 'org_viewer', 'branch_secretary'] },
    'viewing.manage': { zh: '安排集中收看、点名和确认考勤', en: 'Schedule group viewings, take and confirm attendance', roles: ['org_admin', 'branch_secretary'] },
  },
  auditActions: {
    'viewing.create': { zh: '安排集中收看', en: 'Schedule group viewing' },
    'viewing.update': { zh: '调整集中收看安排', en: 'Reschedule group viewing' },
    'viewing.cancel': { zh: '取消集中收看', en: 'Cancel group viewing' },
    'viewing.attendance': { zh: '集中收看点名', en: 'Group viewing roll call' },
    'viewing.guest': { zh: '集中收看添加党员', en: 'Add a member to a group viewing' },
    'viewing.checkin': { zh: '集中收看扫码签到', en: 'Group viewing QR check-in' },
    'viewing.confirm': { zh: '确认集中收看考勤并记入学时', en: 'Confirm group viewing attendance and credit' },
  },
  entityTypes: { viewing_session: { zh: '集中收看', en: 'Group viewing' } },
  problems: {
    'viewing.closed': 'Attendance has been confirmed; the session can no longer change',
    'viewing.cancelled': 'This group viewing has been cancelled',
    'viewing.started': 'This group viewing has started and can no longer be rescheduled',
    'viewing.not_open': 'Check-in has not opened yet (30 minutes before the start)',
    'viewing.not_started': 'Attendance can be confirmed once the session has started',
    'viewing.live_cancelled': 'The live event watched was cancelled; no study time can be credited for it',
    'viewing.ended': 'This group viewing has ended; check-in is closed',
    'viewing.already_checked_in': 'You have already checked in',
    'viewing.out_of_scope': "You are not a member of this station's organization",
  },
});
