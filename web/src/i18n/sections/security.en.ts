import type { securityZh } from './security.zh-CN';

export const securityEn: typeof securityZh = {
    title: 'Security policy', readOnly: 'You can view the security policy; a security administrator changes it.',
    groups: { password: 'Passwords', lockout: 'Lockout', session: 'Sessions', mfa: 'Two-factor verification' },
    fields: {
      passwordMinLength: 'Minimum password length', passwordMinClasses: 'Minimum character classes', passwordHistory: 'Passwords remembered',
      lockoutThreshold: 'Failed attempts before lockout', lockoutMinutes: 'Lockout duration', idleMinutes: 'Idle timeout', absoluteHours: 'Maximum session length',
      mfaRequiredForStaff: 'Staff must use two-factor verification',
    },
    units: { chars: 'characters', classes: 'classes', times: 'times', minutes: 'minutes', hours: 'hours' },
    classesHelp: 'Classes are upper-case letters, lower-case letters, digits and symbols.', saved: 'Security policy saved',
};
