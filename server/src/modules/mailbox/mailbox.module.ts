/** 部长信箱 (F-30, F-31; issue 11 item 1): letters from the public to the department heads (docs/mailbox.md). */
import { defineModule } from '../../platform/module.js';
import { registerFollowupSource } from '../followups/followups.sources.js';
import { registerModerationKind } from '../safety/safety.moderation.js';
import { LetterDetail } from './mailbox.schema.js';
import { mailboxRoutes } from './mailbox.routes.js';
import { LETTER_SOURCE, MODERATION_KIND } from './mailbox.letters.js';
import { onModerated } from './mailbox.moderation.js';
import { handleInbound } from './mailbox.inbound.js';

registerFollowupSource(LETTER_SOURCE, { label: { zh: '部长信箱来信', en: 'Letter to the mailbox' }, sourceLink: (item) => `/admin/mailbox/letters/${item.sourceId}` });
registerModerationKind(MODERATION_KIND, { label: { zh: '部长信箱来信', en: 'Letter to the mailbox' }, onDecided: onModerated });

export const mailboxModule = defineModule({
  name: 'mailbox',
  routes: mailboxRoutes,
  schemas: [LetterDetail],
  permissions: {
    'mailbox.read': { zh: '查看部长信箱来信', en: 'View letters to the mailboxes', roles: ['org_admin', 'org_viewer'] },
    'mailbox.write': { zh: '受理来信、起草答复', en: 'Triage letters and draft answers', roles: ['org_admin'] },
    'mailbox.approve': { zh: '审核来信答复', en: 'Approve answers to letters', roles: ['org_admin'] },
  },
  auditActions: {
    'mailbox.letter.submit': { zh: '群众来信', en: 'Letter written' },
    'mailbox.letter.accept': { zh: '受理来信', en: 'Accept letter' },
    'mailbox.letter.decline': { zh: '来信不予受理', en: 'Decline letter' },
    'mailbox.letter.moderated': { zh: '来信审核', en: 'Letter moderated' },
    'mailbox.answer.draft': { zh: '起草来信答复', en: 'Draft answer' },
    'mailbox.answer.approve': { zh: '审核通过来信答复', en: 'Approve answer' },
    'mailbox.letter.publish': { zh: '公开来信及答复', en: 'Publish letter and answer' },
    'mailbox.letter.unpublish': { zh: '撤回公开的来信', en: 'Withdraw published letter' },
  },
  entityTypes: { mailbox_letter: { zh: '部长信箱来信', en: 'Mailbox letter' } },
  smsInbound: handleInbound,
  problems: {
    'mailbox.no_consent': 'The writer did not agree to publication',
    'mailbox.state': 'The letter is not in a state that allows this',
    'mailbox.no_draft': 'There is no draft answer to approve',
    'mailbox.own_draft': 'An answer is approved by someone other than its drafter',
  },
});
