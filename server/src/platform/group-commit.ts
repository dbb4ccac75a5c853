/**
 * Group commit: many small requests to the database that arrive together share one statement or transaction. An SMPP
 * receipt is acknowledged only after it is stored; a session check or a study heartbeat answers only after its row was
 * read or written: each caller waits for its batch. Items added while a flush runs wait for the next one, so under load
 * batches grow by themselves and the database sees a few large statements instead of thousands of small ones; when
 * idle an item is flushed at once (after the current tick, so callers of the same tick share it).
 *
 * `flush` may answer each item (an array in the items' order): `add` then resolves with the item's answer.
 * `parallel` flushes may run at once (default one, which keeps the order of writes): reads, and writes guarded
 * against each other, take more so that a batch waiting for its round trip does not hold up the next.
 */
export class GroupCommit<T, R = void> {
  private waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly flush: (items: T[]) => Promise<readonly R[] | void>,
    private readonly maxBatch = 2000,
    private readonly parallel = 1,
  ) {}

  /** Resolves once the item's batch has committed (with the item's answer, if flush gives answers); rejects with the batch's error. */
  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.running < this.parallel) void this.run();
    });
  }

  /** Items waiting for a flush (for back-pressure and metrics). */
  get pending(): number {
    return this.waiting.length;
  }

  private async run(): Promise<void> {
    this.running++;
    try {
      // Let the callers of this tick add theirs first.
      await new Promise((r) => setImmediate(r));
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          const answers = await this.flush(batch.map((w) => w.item));
          batch.forEach((w, i) => w.resolve((answers ? answers[i] : undefined) as R));
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.running--;
    }
  }
}
