/**
 * The one reveal rule. Personal data (ID numbers, mobiles, contact phones) of a row is shown in full only to an
 * actor who holds `member.reveal` over the row's HOME organization — the organization that keeps the record —
 * never through the way the actor happens to see the row (an online-branch attachment, a transfer's receiving
 * side, an export's filter). Every path that can return unmasked data (the reveal request, exports, and any
 * later module) asks this module, row by row; nothing else decides it.
 */
import { can, scopePaths, type Actor } from './actor.js';

/** True when the actor may see the full personal data of a row whose home organization is at `homeOrgPath`. */
export function mayReveal(actor: Actor, homeOrgPath: string): boolean {
  return can(actor, 'member.reveal', homeOrgPath);
}

/** The subtrees where the actor may reveal (empty: nowhere). Recorded in the audit row of a revealing export. */
export function revealScope(actor: Actor): string[] {
  return scopePaths(actor, 'member.reveal');
}

/**
 * For a list or export: a function that returns the clear value for rows the actor may reveal and the masked
 * value otherwise. `decrypt` runs only for rows that pass the rule, so a refused row is never decrypted at all.
 */
export function revealer(actor: Actor, asked: boolean): <T>(homeOrgPath: string, clear: () => T, masked: T) => T {
  const scope = asked ? revealScope(actor) : [];
  return (homeOrgPath, clear, masked) => (scope.some((p) => homeOrgPath.startsWith(p)) ? clear() : masked);
}
