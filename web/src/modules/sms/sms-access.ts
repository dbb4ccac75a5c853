// Who handles what in the inbox: the unmatched senders (numbers on nobody's record) are the province's staff's —
// those whose grant sits at the top of the tree. The server checks it again (sms.inbox.ts).
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';

/** Holds `perm` through a grant at the province's root: reads (sms.read) or assigns and replies (sms.send) the unmatched inbox. */
export function isProvinceStaff(me: Me, perm: 'sms.read' | 'sms.send'): boolean {
  const roles = perm === 'sms.send' ? ['org_admin'] : ['org_admin', 'org_viewer'];
  return hasPerm(me, perm) && me.roles.some((r) => roles.includes(r.role) && r.orgPath.split('/').filter(Boolean).length === 1);
}
