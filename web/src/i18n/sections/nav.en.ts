import type { navZh } from './nav.zh-CN';

export const navEn: typeof navZh = {
    flows: 'Migrant members', transfers: 'Membership transfers', stations: 'Education stations', contacts: 'Contacts', imports: 'Data import', 
    dashboard: 'Dashboard', members: 'Members', orgs: 'Organizations', accounts: 'Accounts & roles', approvals: 'Approvals', audit: 'Audit log',
    calendar: 'Working-day calendar', security: 'Security policy', sensitiveWords: 'Sensitive words', moderation: 'Moderation', profile: 'My settings', home: 'Home',
    disclosures: 'Public disclosures', mailbox: 'Leader mailboxes', cadres: 'Cadre work', media: 'Videos', news: 'News and publicity', learningReports: 'Learning statistics', viewings: 'Group viewing', emergency: 'Emergency mobilization', smsGroup: 'Text messages', smsBroadcasts: 'Broadcasts', smsInbox: 'Inbox', smsTemplates: 'SMS templates', smsUsage: 'SMS usage', smsPhones: 'Virtual phones',
    surveys: 'Surveys',
    learningGroup: 'Distance education', learningCourses: 'Courses', learningLive: 'Live lessons', learningRules: 'Credit rules',
    followupsGroup: 'Follow-up', followupItems: 'Follow-up items', followupProgress: 'Progress',
};
