import type { safetyZh } from './safety.zh-CN';

export const safetyEn: typeof safetyZh = {
  words: {
    title: 'Sensitive words',
    intro: 'Letters, questions, recommendations, objections and other text from the public that contain any of these words are not published: they go to Moderation for their organization to decide. Matching ignores full-width/half-width, case, and spaces or punctuation put between characters. Changes take effect at once and are audited.',
    add: 'Add words', q: 'Find', qPlaceholder: 'A word', search: 'Search', reset: 'Reset',
    fields: { word: 'Word', note: 'Note', createdBy: 'Added by', createdAt: 'Added at', actions: 'Actions' },
    remove: 'Remove', removeConfirm: 'Remove “{{word}}” from the list? Text containing it will no longer be held.', removed: 'Removed “{{word}}”',
    emptyTitle: 'The list has no words yet', emptyHint: 'Use “Add words” to type them or import them from a text file.', emptyFound: 'No word contains “{{q}}”',
    drawerTitle: 'Add sensitive words', lines: 'Words (one a line)', linesPlaceholder: 'One word a line, at most 2,000', linesRequired: 'Enter at least one word',
    linesCount: '{{count}} words', noteLabel: 'Note (optional)', notePlaceholder: 'e.g. notice of December 2026',
    importFile: 'Import from a file', importHint: '.txt or .csv (UTF-8, one word a line; the first column of a CSV). Save an Excel sheet as CSV first.',
    imported: 'Read {{count}} words from the file; check them, then save', badFile: 'The file could not be read; choose a UTF-8 .txt or .csv file',
    save: 'Save', cancel: 'Cancel', exportFile: 'sensitive-words.xlsx',
    added: 'Added {{added}} words', skippedTitle: 'These {{count}} were not added:',
    testTitle: 'Test a text', testPlaceholder: 'Paste a text to see which words would be held (nothing is saved)', test: 'Test',
    testClean: 'No sensitive word found', testHeld: '{{count}} matches; the text would be held for moderation:',
  },
  moderation: {
    title: 'Moderation',
    intro: 'Text from the public held because it contains sensitive words, or because its kind is always reviewed, is decided here by its organization. Approved text is published as its module provides; a rejection needs a reason. Every decision is audited.',
    states: { held: 'Waiting', approved: 'Approved', rejected: 'Rejected' },
    org: 'Organization', orgPlaceholder: 'All of my jurisdiction',
    fields: { kind: 'Source', org: 'Organization', excerpt: 'Text', reasons: 'Reasons', submittedAt: 'Submitted', decision: 'Decision', actions: 'Actions' },
    reasons: { sensitive_word: 'Sensitive word: {{word}}', review: 'Always reviewed', other: '{{note}}' },
    fieldNames: { title: 'Title', body: 'Body', text: 'Text', name: 'Name' },
    approve: 'Approve', reject: 'Reject', open: 'Open the record',
    approveConfirm: 'Once approved, the text is published as provided. Approve it?', approved: 'Approved',
    rejectTitle: 'Reject', rejectReason: 'Reason', rejectPlaceholder: 'Why it is not published, e.g. illegal advertising', rejectRequired: 'Give a reason (at least 2 characters)',
    rejected: 'Rejected', decidedBy: '{{name}} at {{at}}',
    emptyHeld: 'Nothing is waiting for moderation', emptyHeldHint: 'Text from the public that needs a decision appears here.', emptyDone: 'No records',
  },
};
