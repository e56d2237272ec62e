import { refreshDirtyGroups, type RefreshPass } from './aggregate-refresh.js';
import type { SqlDriver } from './sql-driver.js';

export interface RefresherOptions {
  /** groups per pass: bounds how long a reader waits behind a burst of submissions */
  groupsPerPass?: number;
  /** re-gather planner statistics after this many recomputed groups */
  analyzeAfterGroups?: number;
}

/**
 * When the materialised rankings catch up with submissions. A reader waits for one bounded pass
 * (read-after-write for a handful of uploads); a backlog beyond that is worked off in the
 * background, so read latency stays bounded under a submission flood (rankings then lag a little).
 */
export class AggregateRefresher {
  private pass: Promise<RefreshPass> | null = null;
  private background: Promise<void> | null = null;
  private closed = false;
  private sinceAnalyze = 0;
  private readonly groupsPerPass: number;
  private readonly analyzeAfterGroups: number;

  constructor(
    private readonly driver: SqlDriver,
    options: RefresherOptions = {},
  ) {
    this.groupsPerPass = options.groupsPerPass ?? 200;
    this.analyzeAfterGroups = options.analyzeAfterGroups ?? 1000;
  }

  async beforeRead(): Promise<void> {
    const pass = await this.runPass();
    if (pass.remaining) this.startBackground();
  }

  /** Everything up to date before returning (start-up, after an import). */
  async refreshAll(): Promise<void> {
    for (;;) {
      const pass = await this.runPass();
      if (!pass.remaining) return;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.background;
    await this.pass?.catch(() => undefined);
  }

  /** Concurrent callers share one pass. */
  private runPass(): Promise<RefreshPass> {
    this.pass ??= (async () => {
      const pass = await refreshDirtyGroups(this.driver, this.groupsPerPass);
      this.sinceAnalyze += pass.recomputed;
      if (this.sinceAnalyze >= this.analyzeAfterGroups) {
        // big changes leave SQLite's planner statistics stale, and rankings depend on good plans
        this.sinceAnalyze = 0;
        await this.driver.analyze('aggregates');
      }
      return pass;
    })().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  private startBackground(): void {
    if (this.background || this.closed) return;
    this.background = (async () => {
      while (!this.closed) {
        // let requests in between passes
        await new Promise((resolve) => setImmediate(resolve));
        if (this.closed || !(await this.runPass()).remaining) return;
      }
    })()
      // a failed background pass is not lost: the next reader runs the same pass and gets the error
      .catch(() => undefined)
      .finally(() => {
        this.background = null;
      });
  }
}
