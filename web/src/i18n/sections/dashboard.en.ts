import type { dashboardZh } from './dashboard.zh-CN';

export const dashboardEn: typeof dashboardZh = {
    title: 'Dashboard', orgLabel: 'Scope', totals: {
      members: 'Members', full: 'Full members', probationary: 'Probationary members', migrants: 'Migrant members', lostContact: 'Out of contact',
      orgs: 'Party organizations', branches: 'Branches', stations: 'Education stations',
    },
    unitPeople: '', unitOrgs: '',
    charts: {
      byCategory: 'Members of {{org}} by category (people)', byAgeBand: 'Members of {{org}} by age (people)', byGender: 'Members of {{org}} by gender (people)',
      byEducation: 'Members of {{org}} by education (people)', migrantsByDestination: 'Migrant members of {{org}} by destination (people)',
      orgsByType: 'Organizations under {{org}} by type', stationsByType: 'Education stations under {{org}} by type',
      stationsByStatus: 'Education stations under {{org}} by status', byPartyAge: 'Members of {{org}} by length of membership (people)',
      byEthnicity: 'Members of {{org}} by ethnic group (people)', children: 'Members of the organizations directly under {{org}} (people)',
    },
    export: 'Export', exportImage: 'Export image (PNG)', exportData: 'Export data (Excel)', drillHint: 'Click a bar or a name to see that organization',
    children: 'Organizations below', childrenTitle: 'Key figures of the organizations directly under {{org}}', colOrg: 'Organization', drillInto: 'Show figures of {{org}}',
    trail: 'Level', noChildren: 'This organization has no organizations below it',
    showData: 'Show data', showChart: 'Show chart', colItem: 'Item', colCount: 'Count', colShare: 'Share',
    chartSummary: '{{title}}: {{items}}', noChartData: 'No figures yet',
    warnings: 'Organization set-up reminders', tooFew: '{{count}} branches with fewer than 3 full members', tooMany: '{{count}} branches with more than 50 members',
    asOf: 'As of {{time}}',
};
