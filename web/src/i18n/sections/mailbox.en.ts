import type { mailboxZh } from './mailbox.zh-CN';

export const mailboxEn: typeof mailboxZh = {
  states: { held: 'Held for review', received: 'Awaiting triage', handling: 'Being handled', declined: 'Declined', answered: 'Answered' },
  categories: { suggestion: 'Suggestion', consultation: 'Question', complaint: 'Complaint or report', help: 'Request for help', other: 'Other' },
  declineKinds: { duplicate: 'Duplicate letter', not_ours: 'Not for this mailbox', invalid: 'Invalid content' },
  outcomes: { resolved: 'Resolved', explained: 'Explained' },
  list: {
    title: 'Leader mailboxes', state: 'State', anyState: 'All states', category: 'Category', anyCategory: 'All categories', mailbox: 'Mailbox', anyMailbox: 'All mailboxes',
    q: 'Keyword', qPlaceholder: 'Words of the title, or a tracking code', reset: 'Reset', publicPage: 'Public letter page',
    fields: { title: 'Title', mailbox: 'Mailbox', category: 'Category', writer: 'Writer', state: 'State', handling: 'Handled by / due', createdAt: 'Written' },
    emptyTitle: 'No letters match', emptyHint: 'Letters written in the portal\'s mailbox section are listed here; change the filters above.',
  },
  letter: {
    back: 'Back to the letters', letter: 'Letter', code: 'Tracking code', mailbox: 'Mailbox', category: 'Category', writer: 'Writer', anonymous: 'No name given', phone: 'Phone',
    createdAt: 'Written', consent: 'Publication', consentYes: 'May be published (without personal details)', consentNo: 'Not to be published',
    held: 'The letter contains a listed word and waits in Moderation; it can be triaged once approved.',
    declined: 'Declined: {{kind}}', duplicateOf: 'Duplicate of letter {{id}}', followup: 'Follow-up item', followupOpen: 'Open the follow-up item', owner: 'Handled by', due: 'Due',
    followupState: 'Item state', followupHint: 'Forwarding, deadlines, notes and attachments are handled in the follow-up item; each hop down can get its own deadline.',
    answer: 'Answer', draft: 'Draft answer', draftedBy: 'Drafted by {{name}}, {{at}}', approvedBy: 'Approved by {{name}}, {{at}}', noDraft: 'No answer drafted yet',
    waitingApproval: 'The draft waits for approval (by someone other than its drafter).',
    actions: { accept: 'Accept', decline: 'Decline', draft: 'Draft answer', editDraft: 'Edit answer', approve: 'Approve' },
    accepted: 'Accepted: it is now a follow-up item', declinedDone: 'Declined; the writer was told the reason by SMS', drafted: 'Draft saved', approved: 'Answer approved; the writer was told by SMS',
  },
  forms: {
    acceptTitle: 'Accept the letter', acceptHelp: 'An accepted letter becomes a follow-up item of the mailbox\'s organization, which can pass it down.', due: 'Deadline', workingDays: 'working days',
    dueHelp: 'In working days (holidays excluded); 15 unless set', dueRange: 'Enter a whole number from 1 to 250', category: 'Category', categoryHelp: 'Correct the writer\'s choice if needed',
    declineTitle: 'Decline', kind: 'Kind', kindRequired: 'Choose why the letter is declined', note: 'Reason', noteRequired: 'Enter the reason; the writer is sent it by SMS',
    noteHelp: 'The writer is sent the reason by SMS; write it plainly and politely', duplicateOf: 'Number of the earlier letter', duplicateOfRequired: 'Enter the number of the letter it duplicates',
    duplicateOfHelp: 'Another letter of this mailbox (the number in its page\'s address)', duplicateOfInvalid: 'A letter number is digits',
    draftTitle: 'Draft the answer', text: 'Answer', textRequired: 'Write the answer', textHelp: 'Published once another member of staff approves it; the writer reads it with the tracking code',
    approveTitle: 'Approve the answer', outcome: 'Outcome', outcomeRequired: 'Choose the outcome', outcomeHelp: 'Approving closes the letter and its follow-up item; the writer is told by SMS.',
    tooLong: 'At most {{max}} characters', ok: 'OK', cancel: 'Cancel',
  },
};
