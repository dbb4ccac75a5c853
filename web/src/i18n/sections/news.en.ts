import type { newsZh } from './news.zh-CN';

export const newsEn: typeof newsZh = {
    title: 'News and publicity', create: 'Write an article', tvTitle: 'Party-building TV',
    tabs: { articles: 'Articles', review: 'Review', tv: 'TV programme', categories: 'Categories' },
    states: { draft: 'Draft', submitted: 'Awaiting review', returned: 'Returned', scheduled: 'Scheduled', published: 'Published', withdrawn: 'Withdrawn' },
    fields: {
        title: 'Title', category: 'Category', org: 'Published by', state: 'State', summary: 'Summary', body: 'Text', source: 'Source', tags: 'Keywords', cover: 'Cover image',
        publishAt: 'Publish at', publishedAt: 'Published', updatedAt: 'Updated', version: 'Version', reason: 'Reason', note: 'Correction note',
        airAt: 'Airs at', duration: 'Length (minutes)', channel: 'Channel', episodeTitle: 'Episode title', description: 'Description', videoUrl: 'External video address', mediaAssetId: 'Media library video',
        name: 'Category name', sortOrder: 'Order',
    },
    allStates: 'All states', allCategories: 'All categories', allOrgs: 'All organizations', searchTitle: 'Find by title', more: 'Load more',
    empty: 'No articles yet', emptyHint: 'Use “Write an article” at the top right to start.', reviewEmpty: 'Nothing awaits review', flagged: 'Sensitive words',
    bodyHelp: 'Paragraphs, headings, lists, tables and bold text (HTML) are kept; scripts, styles, external images and other unsafe content are removed on saving.',
    tagsHelp: 'Press Enter between keywords, at most 8', coverUpload: 'Upload a cover', coverHelp: 'A JPG, PNG or WebP image, at most 5 MB',
    save: 'Save draft', saved: 'Saved', submit: 'Submit for review', submitted: 'Submitted for review', submittedFlagged: 'Submitted. The article holds sensitive words: {{words}}; the reviewer will check them.',
    approve: 'Approve', approveNow: 'Publish now', approveAt: 'Publish at a set time', approved: 'Approved', confirmFlagged: 'I have checked the sensitive words; it may be published',
    returnIt: 'Return for changes', returned: 'Returned', withdraw: 'Withdraw', withdrawn: 'Withdrawn', correct: 'Publish a correction', corrected: 'Correction published',
    reasonRequired: 'Give a reason', returnReasonLabel: 'Why it is returned', withdrawReasonLabel: 'Why it is withdrawn', noteRequired: 'Give a correction note',
    ownArticle: 'An article you wrote or submitted is reviewed by someone else.',
    preview: 'Preview', previewHelp: 'The preview shows the saved text, cleaned by the safety rules, as the public sees it.', versions: 'Published versions', noVersions: 'Not yet published',
    returnedNotice: 'Returned: {{reason}}', withdrawnNotice: 'Withdrawn: {{reason}}', scheduledNotice: 'Publishes automatically at {{at}} (China time)',
    flaggedNotice: 'Sensitive words found on submission: {{words}}. Check them before approving.', viewPublic: 'View the public page',
    episodes: 'Schedule', addEpisode: 'Schedule an episode', editEpisode: 'Edit episode', deleteEpisode: 'Delete', deleteConfirm: 'Delete this episode?', tvEmpty: 'No episodes scheduled', publicGuide: 'Public schedule',
    addCategory: 'Add a category', categoryHelp: 'Categories are set by the province for every level to use.',
    orgHelp: 'The province’s, a city’s or a county’s committee', cancel: 'Cancel', ok: 'OK',
};
