// The type of the whole catalogue, for typed t() keys: the entry's strings and every namespace that travels with a
// chunk (sections/, registered at run time by the chunk's loader through addStrings()). Types only: nothing here is
// bundled. A console module's namespace is listed here and named by its entry in web/src/modules/manifests.tsx.
import type { EntryCatalogue } from './zh-CN';
import type { accountsZh } from './sections/accounts.zh-CN';
import type { approvalsZh } from './sections/approvals.zh-CN';
import type { auditZh } from './sections/audit.zh-CN';
import type { dashboardZh } from './sections/dashboard.zh-CN';
import type { enumsZh } from './sections/enums.zh-CN';
import type { flowsZh } from './sections/flows.zh-CN';
import type { importsZh } from './sections/imports.zh-CN';
import type { loginZh } from './sections/login.zh-CN';
import type { meZh } from './sections/me.zh-CN';
import type { learningZh } from './sections/learning.zh-CN';
import type { memberAccountZh } from './sections/memberAccount.zh-CN';
import type { membersZh } from './sections/members.zh-CN';
import type { navZh } from './sections/nav.zh-CN';
import type { orgsZh } from './sections/orgs.zh-CN';
import type { profileZh } from './sections/profile.zh-CN';
import type { securityZh } from './sections/security.zh-CN';
import type { smsZh } from './sections/sms.zh-CN';
import type { stationsZh } from './sections/stations.zh-CN';
import type { contactsZh } from './sections/contacts.zh-CN';
import type { transfersZh } from './sections/transfers.zh-CN';
import type { calendarZh } from './sections/calendar.zh-CN';
import type { followupsZh } from './sections/followups.zh-CN';
import type { emergencyZh } from './sections/emergency.zh-CN';
import type { surveysZh } from './sections/surveys.zh-CN';
import type { surveyFormZh } from './sections/surveyForm.zh-CN';
import type { safetyZh } from './sections/safety.zh-CN';
import type { publicSafetyZh } from './sections/publicSafety.zh-CN';
import type { disclosurePublicZh } from './sections/disclosurePublic.zh-CN';
import type { disclosuresZh } from './sections/disclosures.zh-CN';
import type { mailboxPublicZh } from './sections/mailboxPublic.zh-CN';
import type { mailboxZh } from './sections/mailbox.zh-CN';
import type { cadresZh } from './sections/cadres.zh-CN';
import type { mediaZh } from './sections/media.zh-CN';
import type { learningReportsZh } from './sections/learningReports.zh-CN';
import type { cadrePublicZh } from './sections/cadrePublic.zh-CN';
import type { newsZh } from './sections/news.zh-CN';
import type { newsPublicZh } from './sections/newsPublic.zh-CN';
import type { viewingsZh } from './sections/viewings.zh-CN';

export type Catalogue = EntryCatalogue & {
  // the signed-in faces' shell (/login, /me, /admin)
  login: typeof loginZh; profile: typeof profileZh; enums: typeof enumsZh;
  // the member centre
  me: typeof meZh;
  // 远程教育: the member's learning pages and the console's courses and credit rules
  learning: typeof learningZh;
  // the console: its frame, then one namespace per module
  nav: typeof navZh;
  dashboard: typeof dashboardZh; members: typeof membersZh; memberAccount: typeof memberAccountZh; orgs: typeof orgsZh;
  accounts: typeof accountsZh; approvals: typeof approvalsZh; audit: typeof auditZh; security: typeof securityZh;
  transfers: typeof transfersZh; flows: typeof flowsZh; stations: typeof stationsZh; imports: typeof importsZh;
  contacts: typeof contactsZh; calendar: typeof calendarZh;
  sms: typeof smsZh; surveys: typeof surveysZh; followups: typeof followupsZh; emergency: typeof emergencyZh; disclosures: typeof disclosuresZh; mailbox: typeof mailboxZh; cadres: typeof cadresZh; media: typeof mediaZh; news: typeof newsZh;
  learningReports: typeof learningReportsZh;
  viewings: typeof viewingsZh;
  safety: typeof safetyZh;
  // the public web form of a survey (/s/:token)
  surveyForm: typeof surveyFormZh;
  // public forms' phone verification and captcha (modules/safety/public)
  publicSafety: typeof publicSafetyZh;
  // the public disclosure pages (/disclosure, /tv/disclosures/:orgId)
  disclosurePublic: typeof disclosurePublicZh;
  // the public mailbox pages (/mailbox, /mailbox/:orgId/write, /mailbox/track)
  mailboxPublic: typeof mailboxPublicZh;
  // the public cadre pages (/cadres, /notices)
  cadrePublic: typeof cadrePublicZh;
  // the public news pages (/news, /news/:id, /news/tv)
  newsPublic: typeof newsPublicZh;
};

/** A namespace of the catalogue other than the entry's. */
export type Namespace = Exclude<keyof Catalogue, keyof EntryCatalogue>;
