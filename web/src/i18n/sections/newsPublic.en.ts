import type { newsPublicZh } from './newsPublic.zh-CN';

export const newsPublicEn: typeof newsPublicZh = {
    title: 'Party-building news', intro: 'Policy explained, hot issues, major events and model figures of party building in the province.',
    all: 'All', search: 'Search articles', searchPlaceholder: 'A keyword, e.g. rural revitalization', searchButton: 'Search', clear: 'Clear',
    none: 'No articles match.', more: 'Load more', loadFailed: 'The articles cannot be opened right now; check the network and try again.', loading: 'Loading…',
    back: 'Back to the news', publishedAt: 'Published', source: 'Source', org: 'Published by', tags: 'Keywords', corrected: 'Corrected',
    corrections: 'Corrections', correctedAt: 'Corrected {{at}}', notFound: 'This article does not exist or has been withdrawn.',
    tv: 'Party-building TV', tvTitle: 'Party-building TV schedule', tvIntro: 'What airs this week (China time).', prevWeek: 'Previous week', nextWeek: 'Next week', thisWeek: 'This week',
    tvNone: 'Nothing airs this day', watch: 'Watch', minutes: '{{count}} min', weekRange: '{{start}} to {{end}}',
    weekdays: { 0: 'Monday', 1: 'Tuesday', 2: 'Wednesday', 3: 'Thursday', 4: 'Friday', 5: 'Saturday', 6: 'Sunday' },
    reading: 'Reading time is being counted; reading long enough earns study credit.',
};
