// The console's modules, one line each, in menu order. The console's routes (AdminApp), its menu, breadcrumb and
// start screen (AdminLayout) are built from this list, and its chunk brings the strings the list names: a new console
// module is its folder, its screen, its namespace in web/src/i18n/sections (listed in i18n/catalogue.ts) and one line
// here. The permission is written once, here; the server checks it again on every request.
import { lazy, type ComponentType, type ReactNode } from 'react';
import {
  AlertOutlined, ApartmentOutlined, EyeOutlined, StopOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, CheckCircleOutlined, CloudUploadOutlined, ContactsOutlined, DashboardOutlined, DesktopOutlined, FileTextOutlined, FlagOutlined, FormOutlined, FundOutlined, IdcardOutlined, InboxOutlined, MessageOutlined, MobileOutlined, NodeIndexOutlined, SafetyCertificateOutlined, SendOutlined, SettingOutlined, SwapOutlined, TeamOutlined, UnorderedListOutlined,
  MailOutlined, PlayCircleOutlined, ReadOutlined, TrophyOutlined, UserSwitchOutlined, VideoCameraOutlined,
} from '@ant-design/icons';
import type { Me, Permission } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import type { Catalogue } from '@/i18n/catalogue';
import type { StringsPart } from '@/i18n/strings';
import { accountsStrings } from '@/i18n/sections/accounts.zh-CN';
import { approvalsStrings } from '@/i18n/sections/approvals.zh-CN';
import { auditStrings } from '@/i18n/sections/audit.zh-CN';
import { dashboardStrings } from '@/i18n/sections/dashboard.zh-CN';
import { flowsStrings } from '@/i18n/sections/flows.zh-CN';
import { importsStrings } from '@/i18n/sections/imports.zh-CN';
import { memberAccountStrings } from '@/i18n/sections/memberAccount.zh-CN';
import { membersStrings } from '@/i18n/sections/members.zh-CN';
import { orgsStrings } from '@/i18n/sections/orgs.zh-CN';
import { securityStrings } from '@/i18n/sections/security.zh-CN';
import { smsStrings } from '@/i18n/sections/sms.zh-CN';
import { stationsStrings } from '@/i18n/sections/stations.zh-CN';
import { contactsStrings } from '@/i18n/sections/contacts.zh-CN';
import { transfersStrings } from '@/i18n/sections/transfers.zh-CN';
import { calendarStrings } from '@/i18n/sections/calendar.zh-CN';
import { followupsStrings } from '@/i18n/sections/followups.zh-CN';
import { emergencyStrings } from '@/i18n/sections/emergency.zh-CN';
import { surveysStrings } from '@/i18n/sections/surveys.zh-CN';
import { safetyStrings } from '@/i18n/sections/safety.zh-CN';
import { disclosuresStrings } from '@/i18n/sections/disclosures.zh-CN';
import { mailboxStrings } from '@/i18n/sections/mailbox.zh-CN';
import { cadresStrings } from '@/i18n/sections/cadres.zh-CN';
import { mediaStrings } from '@/i18n/sections/media.zh-CN';
import { newsStrings } from '@/i18n/sections/news.zh-CN';
import { learningStrings } from '@/i18n/sections/learning.zh-CN';
import { learningReportsStrings } from '@/i18n/sections/learningReports.zh-CN';
import { viewingsStrings } from '@/i18n/sections/viewings.zh-CN';

export interface ConsoleModule {
  /** Menu key, also the React key. */
  key: string;
  /** Below /admin: '' is the console's start page (/admin itself). */
  path: string;
  /** The menu label and breadcrumb. */
  label: `nav.${keyof Catalogue['nav']}`;
  icon: ReactNode;
  /** The permission the screen needs, or a list of which any one will do; none: every staff account. */
  perm?: Permission | readonly Permission[];
  /** The screen, its own chunk. */
  page: ComponentType<{ me: Me }>;
  /** The i18n namespaces the module's screens use (t('<namespace>.…')); they load with the console chunk. */
  i18n: readonly StringsPart[];
  /** Modules of one group sit together under one submenu (and the breadcrumb names the group). */
  group?: MenuGroup;
  /** Only for demo accounts: the screen exists in demo mode only (the server answers 404 elsewhere). */
  demoOnly?: boolean;
  /** The screen has its own routes below its path (a list, a form, a detail page). */
  nested?: boolean;
}

export interface MenuGroup {
  key: string;
  label: `nav.${keyof Catalogue['nav']}`;
  icon: ReactNode;
}

/** React.lazy over a named export: every screen is its own chunk. */
function screen<K extends string>(load: () => Promise<Record<K, ComponentType<{ me: Me }>>>, name: K): ComponentType<{ me: Me }> {
  return lazy<ComponentType<{ me: Me }>>(() => load().then((m) => ({ default: m[name] })));
}

const icon = (Icon: ComponentType<{ 'aria-hidden'?: boolean }>) => <Icon aria-hidden />;

const SMS_GROUP: MenuGroup = { key: 'sms', label: 'nav.smsGroup', icon: icon(MessageOutlined) };
const LEARNING_GROUP: MenuGroup = { key: 'learning', label: 'nav.learningGroup', icon: icon(ReadOutlined) };
const FOLLOWUPS_GROUP: MenuGroup = { key: 'followups', label: 'nav.followupsGroup', icon: icon(FlagOutlined) };

export const CONSOLE_MODULES: readonly ConsoleModule[] = [
  { key: 'dashboard', path: '', label: 'nav.dashboard', icon: icon(DashboardOutlined), perm: 'dashboard.read', page: screen(() => import('@/pages/admin/DashboardPage'), 'DashboardPage'), i18n: [dashboardStrings, viewingsStrings] },
  { key: 'members', path: 'members', label: 'nav.members', icon: icon(TeamOutlined), perm: 'member.read', page: screen(() => import('@/pages/admin/MembersPage'), 'MembersPage'), i18n: [membersStrings, memberAccountStrings] },
  { key: 'flows', path: 'flows', label: 'nav.flows', icon: icon(NodeIndexOutlined), perm: 'member.read', page: screen(() => import('@/pages/admin/FlowsPage'), 'FlowsPage'), i18n: [flowsStrings] },
  { key: 'transfers', path: 'transfers', label: 'nav.transfers', icon: icon(SwapOutlined), perm: 'transfer.read', page: screen(() => import('@/pages/admin/TransfersPage'), 'TransfersPage'), i18n: [transfersStrings] },
  { key: 'stations', path: 'stations', label: 'nav.stations', icon: icon(DesktopOutlined), perm: 'station.read', page: screen(() => import('@/pages/admin/StationsPage'), 'StationsPage'), i18n: [stationsStrings, viewingsStrings] },
  // 远程教育: courses and lessons of the subtree, and the province's credit rules (issue 12).
  { key: 'learning-courses', path: 'learning/courses', label: 'nav.learningCourses', icon: icon(ReadOutlined), perm: 'learning.read', group: LEARNING_GROUP, nested: true, page: screen(() => import('@/modules/learning/LearningConsole'), 'LearningCoursesConsole'), i18n: [learningStrings, mediaStrings] },
  { key: 'learning-live', path: 'learning/live', label: 'nav.learningLive', icon: icon(VideoCameraOutlined), perm: 'learning.read', group: LEARNING_GROUP, nested: true, page: screen(() => import('@/modules/learning/LiveConsole'), 'LiveConsole'), i18n: [learningStrings, mediaStrings] },
  { key: 'learning-rules', path: 'learning/rules', label: 'nav.learningRules', icon: icon(TrophyOutlined), perm: 'learning.rules', group: LEARNING_GROUP, page: screen(() => import('@/modules/learning/LearningConsole'), 'LearningRulesConsole'), i18n: [learningStrings] },
  // 学习统计: completion rates by organization, drill-down, members' hours and transcripts.
  { key: 'learning-reports', path: 'learning/reports', label: 'nav.learningReports', icon: icon(BarChartOutlined), perm: 'learning.read', group: LEARNING_GROUP, page: screen(() => import('@/modules/learning-reports/LearningReportsPage'), 'LearningReportsPage'), i18n: [learningReportsStrings, dashboardStrings] },
  { key: 'viewings', path: 'viewings', label: 'nav.viewings', icon: icon(PlayCircleOutlined), perm: 'viewing.read', nested: true, page: screen(() => import('@/modules/viewings/ViewingsConsole'), 'ViewingsConsole'), i18n: [viewingsStrings] },
  { key: 'contacts', path: 'contacts', label: 'nav.contacts', icon: icon(ContactsOutlined), perm: 'contact.read', page: screen(() => import('@/pages/admin/ContactsPage'), 'ContactsPage'), i18n: [contactsStrings] },
  { key: 'imports', path: 'imports', label: 'nav.imports', icon: icon(CloudUploadOutlined), perm: 'member.write', page: screen(() => import('@/pages/admin/ImportsPage'), 'ImportsPage'), i18n: [importsStrings] },
  { key: 'sms-broadcasts', path: 'sms/broadcasts', label: 'nav.smsBroadcasts', icon: icon(SendOutlined), perm: 'sms.read', group: SMS_GROUP, nested: true, page: screen(() => import('@/modules/sms/BroadcastsPage'), 'BroadcastsPage'), i18n: [smsStrings] },
  { key: 'sms-inbox', path: 'sms/inbox', label: 'nav.smsInbox', icon: icon(InboxOutlined), perm: 'sms.read', group: SMS_GROUP, nested: true, page: screen(() => import('@/modules/sms/InboxPage'), 'InboxPage'), i18n: [smsStrings] },
  { key: 'sms-templates', path: 'sms/templates', label: 'nav.smsTemplates', icon: icon(FileTextOutlined), perm: 'sms.read', group: SMS_GROUP, page: screen(() => import('@/modules/sms/TemplatesPage'), 'TemplatesPage'), i18n: [smsStrings] },
  { key: 'sms-usage', path: 'sms/usage', label: 'nav.smsUsage', icon: icon(BarChartOutlined), perm: 'sms.read', group: SMS_GROUP, page: screen(() => import('@/modules/sms/UsagePage'), 'UsagePage'), i18n: [smsStrings] },
  { key: 'sms-phones', path: 'sms/phones', label: 'nav.smsPhones', icon: icon(MobileOutlined), perm: 'sms.send', group: SMS_GROUP, demoOnly: true, page: screen(() => import('@/modules/sms/PhonesPage'), 'PhonesPage'), i18n: [smsStrings] },
  // 问卷调查 asks by SMS and web form: its own entry after the SMS platform (its screens use the SMS strings: who, broadcast states).
  { key: 'surveys', path: 'surveys', label: 'nav.surveys', icon: icon(FormOutlined), perm: 'survey.read', nested: true, page: screen(() => import('@/modules/surveys/SurveysPage'), 'SurveysPage'), i18n: [surveysStrings, smsStrings, dashboardStrings] },
  // 部长信箱: letters from the public; an accepted letter becomes a follow-up item (the group below).
  { key: 'mailbox', path: 'mailbox', label: 'nav.mailbox', icon: icon(MailOutlined), perm: 'mailbox.read', nested: true, page: screen(() => import('@/modules/mailbox/MailboxConsole'), 'MailboxConsole'), i18n: [mailboxStrings] },
  { key: 'followup-items', path: 'followups', label: 'nav.followupItems', icon: icon(UnorderedListOutlined), perm: 'followup.read', group: FOLLOWUPS_GROUP, nested: true, page: screen(() => import('@/modules/followups/FollowupsPage'), 'FollowupsPage'), i18n: [followupsStrings] },
  { key: 'followup-progress', path: 'followups/progress', label: 'nav.followupProgress', icon: icon(FundOutlined), perm: 'followup.read', group: FOLLOWUPS_GROUP, page: screen(() => import('@/modules/followups/ProgressPage'), 'ProgressPage'), i18n: [followupsStrings] },
  { key: 'emergency', path: 'emergency', label: 'nav.emergency', icon: icon(AlertOutlined), perm: 'emergency.read', nested: true, page: screen(() => import('@/modules/emergency/EmergencyPage'), 'EmergencyPage'), i18n: [emergencyStrings] },
  // 内容审核: public text held for moderation, decided by each organization's administrators.
  { key: 'moderation', path: 'moderation', label: 'nav.moderation', icon: icon(EyeOutlined), perm: 'moderation.review', page: screen(() => import('@/modules/safety/ModerationPage'), 'ModerationPage'), i18n: [safetyStrings] },
  { key: 'disclosures', path: 'disclosures', label: 'nav.disclosures', icon: icon(FileTextOutlined), perm: 'disclosure.read', nested: true, page: screen(() => import('@/modules/disclosures/DisclosuresConsole'), 'DisclosuresConsole'), i18n: [disclosuresStrings] },
  { key: 'news', path: 'news', label: 'nav.news', icon: icon(ReadOutlined), perm: 'news.edit', nested: true, page: screen(() => import('@/modules/news/NewsConsole'), 'NewsConsole'), i18n: [newsStrings, mediaStrings] },
  { key: 'cadres', path: 'cadres', label: 'nav.cadres', icon: icon(IdcardOutlined), perm: 'cadre.read', nested: true, page: screen(() => import('@/modules/cadres/CadresConsole'), 'CadresConsole'), i18n: [cadresStrings] },
  { key: 'media', path: 'media', label: 'nav.media', icon: icon(PlayCircleOutlined), perm: 'media.read', page: screen(() => import('@/modules/media/MediaPage'), 'MediaPage'), i18n: [mediaStrings] },
  { key: 'orgs', path: 'orgs', label: 'nav.orgs', icon: icon(ApartmentOutlined), perm: 'org.read', page: screen(() => import('@/pages/admin/OrgsPage'), 'OrgsPage'), i18n: [orgsStrings] },
  { key: 'accounts', path: 'accounts', label: 'nav.accounts', icon: icon(UserSwitchOutlined), perm: 'account.read', page: screen(() => import('@/pages/admin/AccountsPage'), 'AccountsPage'), i18n: [accountsStrings] },
  // Requesters (system administrator) and approvers (security administrator) both work here.
  { key: 'approvals', path: 'approvals', label: 'nav.approvals', icon: icon(CheckCircleOutlined), perm: ['account.read', 'account.approve'], page: screen(() => import('@/pages/admin/ApprovalsPage'), 'ApprovalsPage'), i18n: [approvalsStrings] },
  { key: 'audit', path: 'audit', label: 'nav.audit', icon: icon(AuditOutlined), perm: 'audit.read', page: screen(() => import('@/pages/admin/AuditPage'), 'AuditPage'), i18n: [auditStrings] },
  { key: 'calendar', path: 'calendar', label: 'nav.calendar', icon: icon(CalendarOutlined), perm: 'calendar.read', page: screen(() => import('@/modules/calendar/CalendarPage'), 'CalendarPage'), i18n: [calendarStrings] },
  { key: 'security', path: 'security', label: 'nav.security', icon: icon(SafetyCertificateOutlined), perm: 'security.read', page: screen(() => import('@/pages/admin/SecurityPage'), 'SecurityPage'), i18n: [securityStrings] },
  { key: 'sensitive-words', path: 'sensitive-words', label: 'nav.sensitiveWords', icon: icon(StopOutlined), perm: 'security.read', page: screen(() => import('@/modules/safety/WordsPage'), 'WordsPage'), i18n: [safetyStrings, importsStrings] },
  { key: 'profile', path: 'profile', label: 'nav.profile', icon: icon(SettingOutlined), page: screen(() => import('@/pages/admin/ProfilePage'), 'ProfilePage'), i18n: [] },
];

/** Whether the account sees the module: holds its permission and, for a demo-only screen, is a demo account. */
export function visibleTo(me: Me, m: ConsoleModule): boolean {
  return hasPerm(me, m.perm) && (!m.demoOnly || me.demo);
}

/** The absolute URL of a module's screen. */
export function modulePath(m: ConsoleModule): string {
  return m.path ? `/admin/${m.path}` : '/admin';
}

/** The module a path belongs to (the longest matching prefix). */
export function moduleOf(pathname: string): ConsoleModule | undefined {
  const p = pathname.replace(/\/+$/, '') || '/admin';
  return [...CONSOLE_MODULES].sort((a, b) => modulePath(b).length - modulePath(a).length)
    .find((m) => p === modulePath(m) || p.startsWith(`${modulePath(m)}/`));
}
