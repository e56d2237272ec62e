import { DirtyGroups } from './aggregate-refresh.js';
import type { SqlDriver, SqlExecutor } from './sql-driver.js';
import type { NewSubmission, PutOutcome } from './result-store.js';

/** Inserts one submission; adds the aggregate groups it changed to `dirty` once it succeeded. */
export type InsertOne = (tx: SqlExecutor, s: NewSubmission, dirty: DirtyGroups) => Promise<PutOutcome>;

interface Pending {
  submission: NewSubmission;
  resolve: (o: PutOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: submissions that arrive while the event loop is busy are written in one
 * transaction, each inside its own savepoint, so one commit (the expensive part of a small
 * write) serves many uploads, and a bad one rolls back alone.
 */
export class SubmissionBatcher {
  private pending: Pending[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly driver: SqlDriver,
    private readonly insertOne: InsertOne,
    private readonly maxBatch = 64,
    /** a batch closes once its payloads pass this: one commit of several 4 MB bundles held the event loop (SQLite) for half a second */
    private readonly maxBatchBytes = 1024 * 1024,
  ) {}

  put(submission: NewSubmission): Promise<PutOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ submission, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // after the current I/O phase, so requests parsed in the same turn share the commit
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Resolves once every submission handed in so far is committed or refused (before closing). */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.scheduled) await new Promise((resolve) => setImmediate(resolve));
    await this.flushing;
  }

  /**
   * One batch transaction at a time per store: uploads that arrive meanwhile join the next batch.
   * On PostgreSQL, concurrent batches would each hold a pool connection while waiting for the
   * write lock (sql-driver.ts), leaving readers without connections.
   */
  private flush(): Promise<void> {
    const run = this.flushing.then(() => this.flushOnce());
    this.flushing = run;
    return run;
  }

  private async flushOnce(): Promise<void> {
    this.scheduled = false;
    let count = 0;
    let bytes = 0;
    while (count < this.pending.length && count < this.maxBatch && (count === 0 || bytes < this.maxBatchBytes)) {
      bytes += this.pending[count]!.submission.payloadJson.length;
      count++;
    }
    const batch = this.pending.splice(0, count);
    if (this.pending.length > 0) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    const settled: Array<() => void> = [];
    try {
      await this.driver.transaction(async (tx) => {
        await this.driver.lockForWrites(tx);
        const dirty = new DirtyGroups();
        for (const p of batch) {
          await tx.run('SAVEPOINT edgewatt_submission');
          try {
            const outcome = await this.insertOne(tx, p.submission, dirty);
            await tx.run('RELEASE SAVEPOINT edgewatt_submission');
            settled.push(() => p.resolve(outcome));
          } catch (err) {
            await tx.run('ROLLBACK TO SAVEPOINT edgewatt_submission');
            await tx.run('RELEASE SAVEPOINT edgewatt_submission');
            settled.push(() => p.reject(err));
          }
        }
        // once per batch, in key order (aggregate-refresh.ts: the lock order)
        await dirty.mark(tx);
      });
    } catch (err) {
      // the commit itself failed: nothing of the batch is stored
      for (const p of batch) p.reject(err);
      return;
    }
    // answer only after the commit, so an ack always means stored
    for (const s of settled) s();
  }
}
