import type { Environment } from '../core/environment.js';
import type { ResultRecord } from '../core/result-schema.js';

/**
 * The state views share: every result this browser holds (history included) and the last
 * environment seen. Views subscribe instead of reaching into each other.
 */
export class AppContext extends EventTarget {
  private records: ResultRecord[] = [];
  private env: Environment | null = null;

  get results(): readonly ResultRecord[] {
    return this.records;
  }

  get environment(): Environment | null {
    return this.env;
  }

  setResults(records: ResultRecord[]): void {
    this.records = records;
    this.dispatchEvent(new Event('results'));
  }

  addResult(record: ResultRecord): void {
    this.records = [...this.records, record];
    this.dispatchEvent(new Event('results'));
  }

  setEnvironment(env: Environment): void {
    this.env = env;
    this.dispatchEvent(new Event('environment'));
  }

  on(event: 'results' | 'environment', fn: () => void): void {
    this.addEventListener(event, fn);
  }
}

/** A view: mounted once into its section; lazy views import their heavy parts on first show. */
export interface AppView {
  id: string;
  title: string;
  mount(container: HTMLElement, ctx: AppContext): void | Promise<void>;
}
