/**
 * The kinds of record the follow-up engine follows up (`followup_items.source`), registered by the modules that open
 * items — no manifest entry, one call at import time of the registering module:
 *
 *   registerFollowupSource('surveys.reply', {
 *     label: { zh: '问卷回复', en: 'Survey reply' },
 *     onClosed: async (ctx, trx, item) => { ... },   // in the closing transaction: an error rolls the close back
 *     sourceLink: (item) => `/admin/surveys/replies/${item.sourceId}`,
 *   });
 *
 * `label` is what lists and the item page show as 来源; `sourceLink` lets the console link to the source record;
 * `onClosed` runs inside `closeItem`'s transaction after the item is marked closed (e.g. queue an SMS to the sender
 * with `ctx.jobs.enqueue(..., { db: trx })`). An item whose source nobody registered shows the source code as its label.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { Label } from '../../platform/module.js';

/** What a close hook and a link get: the item as it is after the close. */
export interface ClosedFollowup {
  id: string; source: string; sourceId: string; title: string; ownerOrgId: string;
  state: 'resolved' | 'explained'; closingNote: string; closedById: string; closedAt: Date;
}
export interface FollowupRef { id: string; source: string; sourceId: string }

export interface FollowupSource {
  label: Label;
  onClosed?(ctx: AppContext, trx: Transaction<DB>, item: ClosedFollowup): Promise<void>;
  sourceLink?(item: FollowupRef): string | null;
}

const sources = new Map<string, FollowupSource>();

/** Registers (or, in tests, replaces) the handling of one source. */
export function registerFollowupSource(source: string, s: FollowupSource): void {
  if (!/^[a-z][a-z0-9_.]{0,39}$/.test(source)) throw new Error(`follow-up source "${source}" is not a source code`);
  if (!s.label.zh.trim() || !s.label.en.trim()) throw new Error(`follow-up source ${source} has an empty label`);
  sources.set(source, s);
}

/** Removes a registration (tests). */
export function unregisterFollowupSource(source: string): void {
  sources.delete(source);
}

export const followupSource = (source: string): FollowupSource | undefined => sources.get(source);

/** The label shown for a source: the registered one, or the code itself. */
export function sourceLabel(source: string): Label {
  return sources.get(source)?.label ?? { zh: source, en: source };
}

export function sourceLinkOf(item: FollowupRef): string | null {
  try {
    return sources.get(item.source)?.sourceLink?.(item) ?? null;
  } catch {
    return null;
  }
}

/** Every registered source with its label (the list's 来源 filter). */
export function registeredSources(): { source: string; label: Label }[] {
  return [...sources].map(([source, s]) => ({ source, label: s.label })).sort((a, b) => a.source.localeCompare(b.source));
}
