/** The ordered list of migrations. Add new files here; never edit one that has landed. */
import type { Migration } from 'kysely';
import * as foundation from './20261127T0400-foundation.js';
import * as transfers from './20261127T0500-transfers.js';
import * as memberFlows from './20261127T0510-member-flows.js';
import * as jobsImports from './20261127T0520-jobs-imports.js';
import * as scale from './20261127T0530-scale.js';
import * as memberSearch from './20261127T0540-member-search.js';
import * as memberDeparture from './20261127T0550-member-departure.js';
import * as auditChain from './20261129T0200-audit-chain.js';
import * as importFiles from './20261129T0300-import-files.js';
import * as adminApprovals from './20261129T0400-admin-approvals.js';
import * as transferSidesFromOrgs from './20261129T0500-transfer-sides-from-orgs.js';
import * as importsKindFree from './20261130T0100-imports-kind-free.js';
import * as jobSchedules from './20261130T0200-job-schedules.js';
import * as contacts from './20261201T0100-contacts.js';
import * as sms from './20261201T0300-sms.js';
import * as smsFewerIndexes from './20261202T0000-sms-fewer-indexes.js';
import * as smsReports from './20261202T0200-sms-reports.js';
import * as smsLogin from './20261202T0300-sms-login.js';
import * as smsRecipientSpan from './20261202T0400-sms-recipient-span.js';
import * as smsTemplates from './20261202T0500-sms-templates.js';
import * as calendar from './20261203T0100-calendar.js';
import * as followups from './20261203T0110-followups.js';
import * as smsSeams from './20261204T0100-sms-seams.js';
import * as followupsEngine from './20261204T0200-followups-engine.js';
import * as emergency from './20261204T0300-emergency.js';
import * as surveys from './20261204T0400-surveys.js';
import * as followupHopDeadlines from './20261205T0100-followup-hop-deadlines.js';
import * as mailbox from './20261205T0200-mailbox.js';
import * as mailboxPublication from './20261205T0300-mailbox-publication.js';
import * as safety from './20261205T0600-safety.js';
import * as disclosures from './20261205T0700-disclosures.js';
import * as cadres from './20261205T0900-cadres.js';
import * as disclosureQuestions from './20261205T1000-disclosure-questions.js';
import * as countsVersion from './20261206T0010-counts-version.js';
import * as cadreObjectorMask from './20261206T0200-cadre-objector-mask.js';
import * as cadreEdits from './20261206T0210-cadre-edits.js';
import * as learningLedger from './20261207T0000-learning-ledger.js';
import * as learningCourses from './20261207T0200-learning-courses.js';
import * as learningOrgStats from './20261207T0400-learning-org-stats.js';
import * as viewings from './20261207T0500-viewings.js';
import * as disclosureHistory from './20261206T0300-disclosure-history.js';
import * as mediaAssets from './20261207T0100-media-assets.js';
import * as news from './20261207T0300-news.js';
import * as learningLive from './20261208T0000-learning-live.js';
import * as viewingLiveEvents from './20261208T0100-viewing-live-events.js';
import * as mediaAssetRefs from './20261208T0200-media-asset-refs.js';
import * as nameGramsStatistics from './20261209T0000-name-grams-statistics.js';
import * as learningSourceKeys from './20261210T0000-learning-source-keys.js';

export const migrations: Record<string, Migration> = {
  '20261127T0400-foundation': foundation,
  '20261127T0500-transfers': transfers,
  '20261127T0510-member-flows': memberFlows,
  '20261127T0520-jobs-imports': jobsImports,
  '20261127T0530-scale': scale,
  '20261127T0540-member-search': memberSearch,
  '20261127T0550-member-departure': memberDeparture,
  '20261129T0200-audit-chain': auditChain,
  '20261129T0300-import-files': importFiles,
  '20261129T0400-admin-approvals': adminApprovals,
  '20261129T0500-transfer-sides-from-orgs': transferSidesFromOrgs,
  '20261130T0100-imports-kind-free': importsKindFree,
  '20261130T0200-job-schedules': jobSchedules,
  '20261201T0100-contacts': contacts,
  '20261201T0300-sms': sms,
  '20261202T0000-sms-fewer-indexes': smsFewerIndexes,
  '20261202T0200-sms-reports': smsReports,
  '20261202T0300-sms-login': smsLogin,
  '20261202T0400-sms-recipient-span': smsRecipientSpan,
  '20261202T0500-sms-templates': smsTemplates,
  '20261203T0100-calendar': calendar,
  '20261203T0110-followups': followups,
  '20261204T0100-sms-seams': smsSeams,
  '20261204T0200-followups-engine': followupsEngine,
  '20261204T0300-emergency': emergency,
  '20261204T0400-surveys': surveys,
  '20261205T0100-followup-hop-deadlines': followupHopDeadlines,
  '20261205T0200-mailbox': mailbox,
  '20261205T0300-mailbox-publication': mailboxPublication,
  '20261205T0600-safety': safety,
  '20261205T0700-disclosures': disclosures,
  '20261205T0900-cadres': cadres,
  '20261205T1000-disclosure-questions': disclosureQuestions,
  '20261206T0010-counts-version': countsVersion,
  '20261206T0200-cadre-objector-mask': cadreObjectorMask,
  '20261206T0210-cadre-edits': cadreEdits,
  '20261206T0300-disclosure-history': disclosureHistory,
  '20261207T0000-learning-ledger': learningLedger,
  '20261207T0100-media-assets': mediaAssets,
  '20261207T0300-news': news,
  '20261207T0200-learning-courses': learningCourses,
  '20261207T0400-learning-org-stats': learningOrgStats,
  '20261207T0500-viewings': viewings,
  '20261208T0000-learning-live': learningLive,
  '20261208T0100-viewing-live-events': viewingLiveEvents,
  '20261208T0200-media-asset-refs': mediaAssetRefs,
  '20261209T0000-name-grams-statistics': nameGramsStatistics,
  '20261210T0000-learning-source-keys': learningSourceKeys,
};
