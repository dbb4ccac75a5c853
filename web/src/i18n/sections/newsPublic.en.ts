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
    seconds: '{{count}} s',
    reading: 'Reading time is being counted: read for {{span}} to earn {{m}} minutes of study credit; keep this page open.', readingProgress: '{{s}} s read.',
    readingDone: '{{m}} minutes of study credit earned.', readingCapped: '{{m}} minutes of study credit earned (today’s cap for articles is reached; only the rest counted).',
    readingAlready: 'You already earned credit for this article today; an article counts once a day.', readingCapUsed: 'Today’s study credit for articles is used up; reading tomorrow earns credit again.',
    readingStopped: 'Reading time stopped being counted; reload the page to go on.', myLearning: 'My study record',
};
