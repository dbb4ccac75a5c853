import type { orgsZh } from './orgs.zh-CN';

export const orgsEn: typeof orgsZh = {
    exportFile: 'organizations.xlsx', import: 'Import',
    title: 'Organizations', createChild: 'New sub-organization', edit: 'Edit', move: 'Move', deactivate: 'Dissolve',
    selectHint: 'Choose an organization in the tree to see its details.',
    fields: {
      name: 'Short name', fullName: 'Full name', type: 'Type', level: 'Level', sector: 'Sector', status: 'Status',
      regionCode: 'Region code', secretaryName: 'Secretary', contactPhone: 'Phone', foundedOn: 'Founded on', isOnline: 'Online branch',
      parent: 'Parent organization', childCount: 'Sub-organizations', memberCount: 'Members', createdAt: 'Created', updatedAt: 'Last changed', path: 'Hierarchy',
    },
    createTitle: 'New sub-organization of {{parent}}', editTitle: 'Edit {{name}}', moveTitle: 'Move {{name}}',
    moveTarget: 'New parent organization', moveConfirm: 'Move "{{name}}" with all its sub-organizations and members under "{{target}}"?',
    moveHint: 'Sub-organizations and members move with it.',
    deactivateConfirm: 'Dissolve "{{name}}"? Its members must be transferred and its sub-organizations dissolved first.',
    created: 'Organization {{name}} created', updated: 'Organization saved', moved: 'Organization moved', deactivated: 'Organization dissolved',
    regionCodeFormat: 'A region code has 6, 9 or 12 digits', phoneFormat: 'Invalid phone number',
};
