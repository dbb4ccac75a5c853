import type { meZh } from './me.zh-CN';

export const meEn: typeof meZh = {
    title: 'Member Centre', greeting: 'Hello, {{name}}', myRecord: 'My membership record', myBranch: 'My party organization',
    maskedNote: 'To protect your privacy, your ID number and mobile number are partly hidden.', noRecord: 'This account is not linked to a membership record.',
    staffHint: 'This is a staff account. Please use the console.', toConsole: 'Go to the console',
    mustChangePassword: 'You must change your password before continuing. Set a new one below.',
    mySms: 'Text messages I received', mySmsNote: 'Messages the organization department sent you through the SMS platform (sign-in codes are not listed).', mySmsEmpty: 'No messages from the organization yet.',
    learning: 'Distance education', learningNote: 'Study courses, read articles and take quizzes to complete your yearly study duty.', myLearning: 'My learning', courses: 'Courses',
    smsState: { delivered: 'Delivered', sending: 'Sending', failed: 'Not delivered' },
};
