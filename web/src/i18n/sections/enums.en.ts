import type { enumsZh } from './enums.zh-CN';

export const enumsEn: typeof enumsZh = {
    orgType: { committee: 'Party committee', working_committee: 'Working committee', general_branch: 'General branch', branch: 'Branch', joint_branch: 'Joint branch', temporary_branch: 'Temporary branch' },
    orgLevel: { province: 'Province', city: 'City', county: 'County', township: 'Township / sub-district', grassroots: 'Grassroots' },
    orgSector: { organ: 'Government organ', rural: 'Rural', community: 'Community', enterprise: 'Enterprise', institution: 'Public institution', online: 'Online', other: 'Other' },
    orgStatus: { active: 'Active', inactive: 'Dissolved' },
    gender: { male: 'Male', female: 'Female' },
    category: { probationary: 'Probationary member', full: 'Full member' },
    standing: { normal: 'Normal', suspended: 'Membership suspended' },
    education: { postgraduate: 'Postgraduate', bachelor: "Bachelor's degree", college: 'Junior college', secondary_vocational: 'Secondary vocational', high_school: 'High school', middle_school: 'Middle school', primary: 'Primary or below' },
    idType: { resident_id: 'Resident ID card', passport: 'Passport', other: 'Other document' },
    stationType: { township: 'Township', village: 'Village', enterprise: 'Enterprise', community: 'Community', household: 'Household' },
    stationStatus: { active: 'Active', suspended: 'Suspended', fault: 'Fault' },
    role: { org_admin: 'Organization administrator', org_viewer: 'Organization viewer', branch_secretary: 'Branch secretary', member: 'Member', sysadmin: 'System administrator', secadmin: 'Security administrator', auditor: 'Audit administrator' },
    accountKind: { staff: 'Staff', member: 'Member', public: 'Public' },
    accountStatus: { active: 'Active', disabled: 'Disabled' },
    partyAge: { '<5': 'Under 5 years', '5-10': '5–10 years', '10-20': '10–20 years', '20-30': '20–30 years', '30-50': '30–50 years', '>=50': '50 years or more' },
    ageBand: { '<=30': '30 or under', '31-40': '31–40', '41-50': '41–50', '51-60': '51–60', '61-70': '61–70', '>70': 'Over 70' },
    yesNo: { true: 'Yes', false: 'No' },
};
