/**
 * Group commit: many small writes that each must be durable before their caller goes on (an SMPP receipt is
 * acknowledged only after it is stored) share one transaction. Items added while a flush runs wait for the next
 * one, so under load batches grow by themselves and the database sees a few large transactions instead of
 * thousands of small ones; when idle an item is flushed at once.
 */
export class GroupCommit<T> {
  private waiting: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxBatch = 2000,
  ) {}

  /** Resolves once the item's batch has committed; rejects with the batch's error. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.flushing) void this.run();
    });
  }

  /** Items waiting for a flush (for back-pressure and metrics). */
  get pending(): number {
    return this.waiting.length;
  }

  private async run(): Promise<void> {
    this.flushing = true;
    try {
      // Let the callers of this tick add theirs first.
      await new Promise((r) => setImmediate(r));
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          await this.flush(batch.map((w) => w.item));
          for (const w of batch) w.resolve();
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
