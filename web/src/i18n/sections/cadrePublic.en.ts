import type { cadrePublicZh } from './cadrePublic.zh-CN';

export const cadrePublicEn: typeof cadrePublicZh = {
    vacancies: 'Vacant posts: recommend a candidate', vacanciesIntro: 'These posts are open for recommendations. After verifying a phone, you may recommend one candidate for each post; recommendations are not published.',
    noBatches: 'No posts are open for recommendations now.', closes: 'Closes: {{date}} (end of day, China time)', by: 'Published by {{org}}',
    post: { unit: 'Unit', headcount: 'Number', requirements: 'Requirements' },
    recommend: 'Recommend', recommendTitle: 'Recommend a candidate for “{{post}}”', cancel: 'Cancel',
    candidateName: 'Candidate\'s name', candidateUnit: 'Candidate\'s unit and post', reasons: 'Reasons (up to 1,000 characters)', submit: 'Submit',
    once: 'One recommendation per phone per post; it cannot be changed afterwards.',
    thanks: 'Your recommendation is in. Thank you.', thanksHeld: 'Your recommendation is in and counts after review. Thank you.',
    notices: 'Pre-appointment notices', noticesIntro: 'Proposed appointments are announced here before they are made. During the objection period you may object, named or not; your identity is kept confidential and seen only by the staff handling it.',
    current: 'Open for objections', archive: 'Archive', noNotices: 'No notices.',
    period: 'Objection period: {{from}} to {{to}} ({{days}} working days)', ended: 'The objection period is over', contact: 'How to object',
    cand: { sex: { male: 'male', female: 'female' }, born: 'born {{ym}}', education: 'Education', current: 'Current post', proposed: 'Proposed post' },
    fingerprint: 'Fingerprint of the notice (SHA-256)', fingerprintHint: 'Computed from the whole published notice: it shows the notice has not been changed.',
    object: 'Object', objectTitle: 'Object to “{{title}}”', about: 'About', whole: 'The notice as a whole',
    objection: 'Your objection (state the facts; up to 2,000 characters)', name: 'Your name (optional)', confidential: 'Your phone and name are stored encrypted and seen only by the staff handling objections; they are never published.',
    submitObjection: 'Submit the objection', objected: 'Your objection has been received and will be looked into. Thank you.',
    withdrawn: 'This notice was withdrawn on {{date}}; objections are no longer taken.', withdrawReason: 'Reason', revised: 'This notice was edited after publication and is now version {{n}}; earlier versions and their fingerprints are under “Earlier versions”.',
    earlierVersions: 'Earlier versions ({{count}})', versionN: 'Version {{n}}',
    loadFailed: 'The page cannot be opened now; check the connection and try again.', more: 'Load more', needPhone: 'Verify your phone first',
};
