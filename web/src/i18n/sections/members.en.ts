import type { membersZh } from './members.zh-CN';

export const membersEn: typeof membersZh = {
    exportFile: 'members.xlsx', import: 'Import',
    rolls: 'Rolls', departedRolls: 'Transferred out', departedTag: 'Transferred out', departedNotice: 'This member transferred out of the province on {{date}}; the record is kept for reference and cannot be edited.',
    title: 'Members', create: 'New member', orgTree: 'Organizations', orgSearch: 'Search organizations', allScope: 'All (this level and below)',
    filters: 'Filters', searchName: 'Name', searchPhone: 'Mobile', searchIdNumber: 'ID number', any: 'Any',
    namePlaceholder: 'Part of the name', phonePlaceholder: 'Full 11-digit mobile number', idPlaceholder: 'Full 18-character ID number',
    emptyTitle: 'No members match', emptyHint: 'Change the organization or the filters and search again. To register a new member, click "New member".',
    scope: 'Scope: {{org}}',
    fields: {
      name: 'Name', gender: 'Gender', ethnicity: 'Ethnicity', birthDate: 'Date of birth', idType: 'ID type', idNumber: 'ID number',
      education: 'Education', category: 'Category', joinedOn: 'Joined on', fullOn: 'Full member since', standing: 'Standing', job: 'Occupation',
      mobile: 'Mobile', landline: 'Landline', address: 'Home address', lostContact: 'Out of contact', lostContactOn: 'Out of contact since',
      migrant: 'Migrant member', migrantProvince: 'Destination province', migrantCity: 'Destination city', migrantCounty: 'Destination county',
      idNumberOther: 'Document number', flags: 'Flags', orgId: 'Party organization', orgName: 'Party organization', migrantTo: 'Destination', createdAt: 'Registered', updatedAt: 'Last changed', version: 'Version',
    },
    tabs: { basic: 'Details', history: 'History' },
    detailTitle: 'Member details', revealIdNumber: 'View full ID number', revealMobile: 'View full mobile number',
    revealNote: 'Viewing full personal data is recorded in the audit log.', revealFailed: 'The full value could not be retrieved',
    historyEmpty: 'No changes recorded', historyBy: '{{actor}}: {{action}}', historyChange: '{{field}}: {{from}} → {{to}}',
    historyActions: { create: 'record created', update: 'details changed', move: 'transferred', reveal: 'full data viewed' },
    formCreate: 'New member', formEdit: 'Edit member', keepMasked: 'Leave empty to keep ({{value}})',
    sections: { identity: 'Identity', party: 'Membership', contact: 'Contact', mobility: 'Migration and contact' },
    validation: {
      idLength: 'An ID number has 18 characters. Please check it.', idFormat: 'The first 17 characters must be digits and the 18th a digit or X.',
      idChecksum: 'The check character (18th) of the ID number is wrong. Please check it.', idBirth: 'The date of birth in the ID number differs from the date of birth entered.',
      mobile: 'A mobile number has 11 digits and starts with 13 to 19. Please check it.', landline: 'Invalid landline number, e.g. 0571-87654321',
      fullAfterJoin: 'Full membership must come after joining', joinAfterBirth: 'Joining must come after birth', future: 'The date cannot be in the future',
      fullRequired: 'Enter the date of full membership for a full member',
    },
    saved: 'Member saved', created: 'Member {{name}} added',
};
