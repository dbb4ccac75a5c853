import type { surveyFormZh } from './surveyForm.zh-CN';

export const surveyFormEn: typeof surveyFormZh = {
    count: '{{count}} questions, all required.',
    textPlaceholder: 'Your views and suggestions',
    yes: 'Yes', no: 'No',
    answerRequired: 'Please answer question {{no}}', chooseRequired: 'Please choose an option for question {{no}}',
    fixErrors: '{{count}} questions are not answered yet.',
    submit: 'Submit', submitting: 'Submitting…',
    privacy: 'Your answers are used only for the organization department’s analysis and are never published.',
    answered: 'You have answered this survey; you may change your answers and submit again (the last submission counts).',
    thanksTitle: 'Thank you', thanks: 'Your answers have been received and will be studied carefully.', changeAnswers: 'Change my answers',
    closedTitle: 'This survey is closed', closed: 'This survey is closed. Thank you for your interest.',
    notFoundTitle: 'The link is invalid or has expired', notFoundHint: 'Check that the link in the message is complete, or contact the organization department that sent it.',
    loadFailed: 'The survey cannot be opened now; check your connection and try again.', tooMany: 'Too many submissions; please try again shortly.',
};
