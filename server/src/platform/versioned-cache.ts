/**
 * A small in-process cache for read models that are costly to compute and change only when their source does (a
 * word count over 100,000 replies, say). Each entry is kept with the version of its source it was computed at — a
 * cheap value the caller reads first, such as the highest row id and a change counter — and is served only while
 * that version is unchanged and the entry is younger than `maxAgeMs`. The age bound covers the changes a version
 * cannot see (a row updated in place), so an entry is never staler than that. Callers asking for the same key at
 * once share one computation, which is what keeps a page many people watch live cheap.
 *
 * Per process: instances do not share it, which only means each computes once per version.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: string; at: number; value: Promise<V> }>();

  constructor(private readonly opts: { maxEntries: number; maxAgeMs: number; now?: () => number }) {}

  async get(key: string, version: string, compute: () => Promise<V>): Promise<V> {
    const now = (this.opts.now ?? Date.now)();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && now - hit.at < this.opts.maxAgeMs) {
      // Most recently used last: the first entry is the one to drop when full.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    const entry = { version, at: now, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // A failed computation is not kept: the next caller tries again.
    value.catch(() => { if (this.entries.get(key) === entry) this.entries.delete(key); });
    return value;
  }

  clear() { this.entries.clear(); }
}
