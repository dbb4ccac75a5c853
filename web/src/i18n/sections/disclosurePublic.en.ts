import type { disclosurePublicZh } from './disclosurePublic.zh-CN';

export const disclosurePublicEn: typeof disclosurePublicZh = {
    title: 'Public disclosures', intro: 'Party affairs, village affairs and finances, open at any time. Published by each village or community party organization; every change after publication keeps the earlier version.',
    kinds: { all: 'All', party: 'Party affairs', village: 'Village affairs', finance: 'Finances' },
    search: 'Search disclosures', searchPlaceholder: 'A keyword, e.g. road paving', searchButton: 'Search', clear: 'Clear',
    region: 'Browse by region', allRegions: 'Whole province', up: 'Up one level', items: '{{count}} items',
    period: 'Period', allPeriods: 'All periods',
    results: 'Disclosures', none: 'No disclosures match.', more: 'Load more', loadFailed: 'The disclosures cannot be opened right now; check the network and try again.',
    publishedAt: 'Published', version: 'Version {{version}}', back: 'Back to the list',
    finance: 'Income and expenditure', opening: 'Opening balance', income: 'Income', expense: 'Expenditure', incomeTotal: 'Total income', expenseTotal: 'Total expenditure', closing: 'Closing balance',
    category: 'Item', amount: 'Amount (yuan)', note: 'Note',
    attachments: 'Attachments', fingerprint: 'Fingerprint (SHA-256)', fingerprintHint: 'Computed from the published title, text and table; any change gives another fingerprint.',
    versions: 'Earlier versions', current: 'Current', view: 'View', oldNotice: 'This is an earlier version (version {{version}}, published {{at}}); the current one is version {{latest}}.', toCurrent: 'See the current version',
    notFound: 'This disclosure does not exist or has been withdrawn.', tv: 'TV display', tvEmpty: 'Nothing published yet', tvPage: 'Page {{page}}/{{pages}}', tvItem: 'Item {{item}}/{{items}}',
    q: {
        title: 'Questions from the public', intro: 'Have a question about this disclosure? Ask it here. Questions are published after review and answered by {{org}}.', none: 'No published questions yet.',
        anonymous: 'A resident', askedAt: 'asked {{at}}', answeredBy: 'Answer from {{org}}', answeredAt: '{{at}}', waiting: 'Awaiting an answer',
        correctedAt: 'corrected {{at}}', previous: 'Earlier answer ({{count}})', previousAt: 'Earlier answer, published {{at}}',
        more: 'More questions', loadFailed: 'Questions could not be loaded; please try again later.',
        form: 'Ask a question', body: 'Your question', bodyHint: 'About this disclosure, at most 500 characters.', count: '{{count}}/500',
        name: 'Name (optional)', nameHint: 'Only its first character is shown, e.g. “王**”; your phone number is never published.', namePlaceholder: 'e.g. Wang Jianguo',
        submit: 'Submit question', submitting: 'Submitting…', needPhone: 'Please verify your phone number first', needBody: 'Please write your question', tooLong: 'The question may not exceed 500 characters',
        done: 'Your question has been submitted and will be published after review. You will get a text message when it is answered.',
    },
};
