import type { disclosuresZh } from './disclosures.zh-CN';

export const disclosuresEn: typeof disclosuresZh = {
    title: 'Public disclosures', tabs: { items: 'Disclosures', plans: 'Disclosure calendar' },
    kinds: { party: 'Party affairs', village: 'Village affairs', finance: 'Finances' },
    states: { draft: 'Draft', published: 'Published', withdrawn: 'Withdrawn' },
    statuses: { on_time: 'On time', late: 'Late', missing: 'Missing', pending: 'Not yet due' },
    create: 'New disclosure', allOrgs: 'All organizations', allKinds: 'All kinds', allStates: 'All states', empty: 'No disclosures yet', emptyHint: 'Use “New disclosure” to publish party affairs, village affairs or finances for a village or community in your jurisdiction.',
    fields: { org: 'Organization', kind: 'Kind', period: 'Period', title: 'Title', body: 'Text', state: 'State', version: 'Version', publishedAt: 'Published', updatedAt: 'Updated', unanswered: 'Unanswered questions' },
    bodyHelp: 'Paragraphs, headings, lists, tables, bold, italic and links (HTML); scripts, styles and anything unsafe are removed on saving. For an image, upload it as an attachment first and use its address.',
    orgHelp: 'A village or community party organization', periodPlaceholder: 'Choose a period',
    finance: { title: 'Income and expenditure', opening: 'Opening balance (yuan)', direction: 'In/out', income: 'Income', expense: 'Expenditure', category: 'Item', amount: 'Amount (yuan)', note: 'Note', addLine: 'Add a line',
      incomeTotal: 'Total income (yuan)', expenseTotal: 'Total expenditure (yuan)', closing: 'Closing balance (yuan)', compute: 'Compute totals and closing balance', computed: 'Totals: income {{income}}, expenditure {{expense}}, closing balance {{closing}} yuan' },
    save: 'Save draft', saveRevision: 'Save and publish a new version', publish: 'Publish', withdraw: 'Withdraw', withdrawConfirm: 'The public will no longer see this disclosure or its earlier versions. Withdraw it?',
    saved: 'Saved', published: 'Published (version {{version}})', revised: 'New version published (version {{version}})', withdrawn: 'Withdrawn',
    revisionNote: 'This disclosure is published. Saving publishes a new version with a new fingerprint; the earlier versions stay public.',
    attachments: 'Attachments', upload: 'Upload attachment', uploaded: 'Uploaded', copyUrl: 'Image address', versions: 'Published versions', fingerprint: 'Fingerprint', publicPage: 'Public page', tvPage: 'TV page',
    plans: { create: 'New calendar entry', org: 'Set by', dueOn: 'Due date', counts: 'Completion', board: 'Completion', empty: 'No calendar entries', emptyHint: 'An organization above villages sets what they must publish (kind, period, due date).', created: 'Created', deleted: 'Deleted', delete: 'Delete', deleteConfirm: 'Delete this calendar entry?', orgHelp: 'A county, township or higher level' },
    questions: {
      title: 'Questions from the public', hint: 'Questions on this disclosure are published after moderation; the organization answers the published ones. An answer is published at once after the sensitive-word filter, or after moderation when a listed word matches; once published it cannot be changed.',
      counts: 'Held {{held}} · Published {{published}} · Rejected {{rejected}} · Unanswered {{unanswered}}', empty: 'No questions yet', more: 'Load more',
      states: { held: 'Held for review', published: 'Published', rejected: 'Rejected' }, answerStates: { held: 'Answer under review', published: 'Answer published', rejected: 'Answer rejected' },
      asker: 'Asked by', askedAt: 'Asked', rejectReason: 'Reason: {{reason}}', answer: 'Answer', answerBy: 'Answered by {{name}} at {{at}}',
      answerPlaceholder: 'Answer on behalf of the organization, at most 2000 characters', answerSubmit: 'Submit answer', answerReplace: 'Submit a new answer', answered: 'Answer published', answerHeld: 'The answer contains a listed word and waits for moderation',
      answerRequired: 'Please write the answer', answerTooLong: 'The answer may not exceed 2000 characters', answerConfirm: 'A published answer cannot be changed. Submit it?', notFound: 'The question does not exist or is outside your scope',
    },
    board: { title: '{{plan}}: completion', today: 'Today (China time): {{today}}', due: 'Due: {{due}}', org: 'Organization', total: 'Expected', back: 'Back to the calendar', up: 'Up one level', drill: 'Open', status: 'Status', totals: 'Total', item: 'View' },
};
