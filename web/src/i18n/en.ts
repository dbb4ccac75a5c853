// The English strings of the entry chunk, fetched only when English is chosen. Typed as the Chinese ones so that a
// missing key fails the type check instead of showing a raw key on screen.
import type { EntryCatalogue } from './zh-CN';

export const en: EntryCatalogue = {
  common: {
    exportXlsx: 'Export to Excel', export: 'Export', exported: 'Exported: {{name}}', exportedRows: 'Exported {{count}} rows: {{name}}',
    appName: 'Zhejiang Party-Building Information Platform', appShort: 'Party-Building Platform', console: 'Console', memberCentre: 'Member Centre', portal: 'Home',
    login: 'Sign in', logout: 'Sign out', save: 'Save', cancel: 'Cancel', confirm: 'OK', edit: 'Edit', create: 'New', search: 'Search',
    reset: 'Reset', expandFilters: 'More filters', collapseFilters: 'Fewer filters', loadMore: 'Load more', loading: 'Loading…', noData: 'No data',
    yes: 'Yes', no: 'No', actions: 'Actions', retry: 'Retry', back: 'Back', close: 'Close', view: 'View', refresh: 'Refresh',
    language: 'Language', switchLanguage: 'Switch language', elderMode: 'Large text', elderModeOn: 'Turn off large text', elderModeOff: 'Turn on large text',
    required: 'Please enter {{label}}', requiredSelect: 'Please select {{label}}', networkError: 'The network is unavailable. Check your connection and try again.',
    unknownError: 'The operation could not be completed. Please try again later.', saved: 'Saved', done: 'Done', notSet: '—', skipToContent: 'Skip to main content',
    openMenu: 'Open navigation menu', mainNav: 'Main navigation', breadcrumb: 'You are here', currentAccount: 'Signed in as {{name}}',
    demoLabel: 'Demo notice', demoBanner: 'Demo environment: all data is fictitious; demo accounts skip two-factor verification.', forbidden: 'You do not have permission to view this page',
    forbiddenHint: 'To get access, ask your system administrator to grant you the appropriate role.', notFound: 'Page not found',
    notFoundHint: 'Check the address, or return to the home page.', backHome: 'Back to home', backConsole: 'Back to dashboard',
    conflict: 'Someone else has changed this record. Refresh and try again.', sessionExpired: 'Your session has expired. Please sign in again.',
    loaded: 'Showing {{loaded}} of {{total}}', loadedNoTotal: 'Showing {{count}}', allLoaded: 'All loaded',
    withNote: '{{main}} ({{note}})', titled: '{{title}}: {{name}}', listSep: ', ', 
    dateFormat: 'YYYY-MM-DD', orgPlaceholder: 'Type to search organizations', orgPickerLabel: 'Select organization', pageLoadFailed: 'The page failed to load',
  },
  portal: {
    heroTitle: 'Zhejiang Party-Building Information Platform',
    heroIntro: 'Information technology in the service of party building. Party affairs disclosure, the minister\'s mailbox, surveys, distance education, online consultation and public services — all in one place, without leaving home.',
    statsTitle: 'At a glance', statMembers: 'Registered members', statOrgs: 'Party organizations', statStations: 'Distance-education stations',
    statUnit: { people: '', orgs: '', stations: '' },
    sectionsTitle: 'Services', comingSoon: 'Coming soon', open: 'Open',
    newsTitle: 'Party-building news', newsMore: 'More news', newsTv: 'Party-building TV schedule', newsEmpty: 'No news yet',
    sections: {
      disclosure: { title: 'Party affairs disclosure', description: 'Look up the party, village and financial affairs published by grassroots organizations.' },
      cadres: { title: 'Vacant posts', description: 'Recommend a candidate for a vacant post after verifying your phone.' },
      notices: { title: 'Pre-appointment notices', description: 'Proposed appointments, open for objections, named or not, during the notice period.' },
      mailbox: { title: 'Minister\'s mailbox', description: 'Write to the heads of the provincial and city organization departments and follow your letter with a tracking code.' },
      survey: { title: 'Surveys', description: 'Answer surveys by SMS or on the web and make your suggestions heard.' },
      learning: { title: 'Distance education', description: 'Members study courses online and read party-building news for study credit, and follow their yearly duty (sign in first).' },
      consultation: { title: 'Online consultation', description: 'Officials answer questions from the public online.' },
      services: { title: 'Public services', description: 'Remote legal aid, health advice, business guidance and more.' },
    },
    loginTitle: 'Sign in', loginIntro: 'Staff of organization departments and party members sign in to work on the platform.', loginLink: 'Sign in',
    loadFailed: 'The overview is unavailable right now. Please refresh later.', footer: 'Organization Department of the CPC Zhejiang Provincial Committee', footerNote: 'An open-source party-building information system',
  },
};
