import type { auditZh } from './audit.zh-CN';

export const auditEn: typeof auditZh = {
    title: 'Audit log', verify: 'Verify chain', verifyOk: 'The chain is intact: {{count}} entries checked, no tampering found.',
    verifyBroken: 'Verification failed: {{count}} entries checked; the first broken entry is {{id}}. Investigate immediately.',
    anchorLatest: '{{anchors}} anchors outside the database; the newest covers entry {{seq}} ({{at}}).', anchorNone: 'No anchors outside the database yet.',
    problem: {
      edited: 'An entry does not match its keyed hash: it was edited, or its hash was recomputed without the audit key.',
      relinked: 'A chain position does not point at the previous hash: the chain was spliced.',
      gap: 'A chain position is missing: chain records were deleted.',
      row_missing: 'The audit entry of a chain position no longer exists: it was deleted.',
      anchor_mismatch: 'The chain differs from a hash anchored outside the database: it was rewritten after the anchor.',
      truncated: 'The chain is shorter than an anchor records: the newest entries were deleted.',
      unchained: 'Audit entries are outside the chain: taken out of the queue, or not chained for too long.',
      anchor_unreadable: 'The anchor file outside the database cannot be read or was altered.',
    },
    fields: {
      at: 'Time', actor: 'Actor', action: 'Action', entityType: 'Object type', entityId: 'Object id', orgPath: 'Organization path',
      ip: 'IP address', range: 'Time range', before: 'Before', after: 'After',
    },
    actorPlaceholder: 'Actor name or username', expand: 'Expand', noChange: 'None', rangeStart: 'From', rangeEnd: 'To',
    emptyHint: 'No audit entries match. Change the filters.', detailColumn: 'Details',
};
