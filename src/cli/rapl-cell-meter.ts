import type { RaplMeasurement } from '../energy/rapl/measure-phase.js';
import { nodeRaplFs } from '../energy/rapl/rapl-node.js';
import { raplDelta, readRaplSnapshot, type RaplFs, type RaplSnapshot, type RaplZoneReading } from '../energy/rapl/rapl-reader.js';
import { joulesFromMicrojoules } from '../estimates/units.js';

const IDLE_BASELINE_MS = 2000;

/**
 * RAPL around each cell's steady phase, driven by the page's progress events: the counters are
 * read when the steady phase starts and when the fidelity phase starts. The idle baseline is
 * taken once, before any cell runs (after the steady phase the browser is busy with the next
 * phase, so an idle window there would not be idle). Absent or unreadable counters become a
 * measurement that says so; the estimates then stay modelled and carry the reason.
 */
export class RaplCellMeter {
  private idleW: number | null = null;
  private unavailable: Extract<RaplMeasurement, { state: 'absent' | 'unreadable' | 'error' }> | null = null;
  private open: { key: string; t0: number; zones: RaplZoneReading[] } | null = null;
  private readonly done = new Map<string, RaplMeasurement>();

  constructor(
    private readonly fs: RaplFs = nodeRaplFs,
    private readonly root?: string,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  private read(): Promise<RaplSnapshot> {
    return readRaplSnapshot(this.fs, this.root);
  }

  /** Idle power over a short quiet window; call before the first cell. */
  async calibrateIdle(ms = IDLE_BASELINE_MS): Promise<RaplMeasurement | null> {
    const a = await this.read();
    if (a.state !== 'ok') return (this.unavailable = a);
    const t0 = this.now();
    await this.sleep(ms);
    const b = await this.read();
    const t1 = this.now();
    if (b.state !== 'ok') return (this.unavailable = b);
    const d = raplDelta(a.zones, b.zones);
    if (typeof d === 'string') return (this.unavailable = { state: 'error', reason: d });
    this.idleW = joulesFromMicrojoules(d.totalUj) / ((t1 - t0) / 1000);
    return null;
  }

  async steadyStarted(key: string): Promise<void> {
    if (this.unavailable || this.idleW === null) return;
    const s = await this.read();
    if (s.state !== 'ok') {
      this.done.set(key, s);
      return;
    }
    this.open = { key, t0: this.now(), zones: s.zones };
  }

  async steadyEnded(key: string): Promise<void> {
    const o = this.open;
    if (!o || o.key !== key || this.idleW === null) return;
    this.open = null;
    const t1 = this.now();
    const s = await this.read();
    if (s.state !== 'ok') {
      this.done.set(key, s);
      return;
    }
    const d = raplDelta(o.zones, s.zones);
    if (typeof d === 'string') {
      this.done.set(key, { state: 'error', reason: d });
      return;
    }
    const phaseMs = t1 - o.t0;
    const phaseJ = joulesFromMicrojoules(d.totalUj);
    const baselineJ = this.idleW * (phaseMs / 1000);
    this.done.set(key, { state: 'measured', phaseJ, baselineJ, attributableJ: phaseJ - baselineJ, phaseMs, baselineMs: IDLE_BASELINE_MS, zones: d.summed, wrapped: d.zones.some((z) => z.wrapped) });
  }

  /** The measurement for a cell, or why there is none. */
  measurementFor(key: string): RaplMeasurement {
    return this.unavailable ?? this.done.get(key) ?? { state: 'error', reason: 'the steady phase of this cell was not seen by the RAPL meter' };
  }
}
