import { readPackageFile } from '../modelgen/read-package-file.js';
import type { Feed, ModelRunner } from './model-runner.js';

/**
 * Silero VAD (MIT weights) as shipped by @ricky0123/vad-web (ISC): real models with control flow
 * (an If on the sample rate, LSTMs inside), for the forge's tests and benchmarks/forge-silero.ts.
 * Inputs are what the model is used with: 512-sample windows of 16 kHz audio normalised to ±1,
 * sr = 16000 (an int64 scalar, never random), and the recurrent state the model itself carries
 * from window to window (both the fp32 model and a variant carry their own, as in streaming use).
 */
export type SileroVersion = 'v5' | 'legacy';

export interface SileroModel {
  version: SileroVersion;
  bytes: Uint8Array;
  /** input shapes for the forge (`--input-shape` on the command line) */
  inputShapes: Record<string, number[]>;
  stateNames: { in: string[]; out: string[]; dims: number[] };
}

export const SILERO_SAMPLE_RATE = 16_000;
export const SILERO_WINDOW = 512;

export async function sileroModel(version: SileroVersion): Promise<SileroModel> {
  const { bytes } = await readPackageFile('@ricky0123/vad-web', `dist/silero_vad_${version}.onnx`);
  return version === 'v5'
    ? { version, bytes, inputShapes: { input: [1, SILERO_WINDOW], state: [2, 1, 128] }, stateNames: { in: ['state'], out: ['stateN'], dims: [2, 1, 128] } }
    : { version, bytes, inputShapes: { input: [1, SILERO_WINDOW], h: [2, 1, 64], c: [2, 1, 64] }, stateNames: { in: ['h', 'c'], out: ['hn', 'cn'], dims: [2, 1, 64] } };
}

/**
 * Window k of a deterministic speech-like signal: a voiced stretch (a 110–190 Hz glottal pitch
 * with formant-like harmonics under a syllable envelope) between quiet noise, peak ≤ 0.8.
 */
export function audioWindow(k: number): Float32Array {
  const out = new Float32Array(SILERO_WINDOW);
  for (let i = 0; i < SILERO_WINDOW; i++) {
    const t = (k * SILERO_WINDOW + i) / SILERO_SAMPLE_RATE;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 3 * t)) ** 2; // ~3 syllables/s
    const f0 = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
    let voiced = 0;
    for (let h = 1; h <= 12; h++) voiced += Math.sin(2 * Math.PI * f0 * h * t) * Math.exp(-(((h * f0 - 700) / 500) ** 2)) / h;
    const noise = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
    out[i] = 0.6 * syllable * voiced + 0.01 * (noise - Math.floor(noise) - 0.5);
  }
  return out;
}

/** Feeds of window k with a given state. */
export function sileroFeed(m: SileroModel, k: number, state: Float32Array[]): Record<string, Feed> {
  const feed: Record<string, Feed> = { input: { data: audioWindow(k), dims: [1, SILERO_WINDOW] }, sr: { data: BigInt64Array.of(BigInt(SILERO_SAMPLE_RATE)), dims: [] } };
  m.stateNames.in.forEach((n, i) => (feed[n] = { data: state[i]!, dims: m.stateNames.dims }));
  return feed;
}

const zeros = (m: SileroModel) => m.stateNames.in.map(() => new Float32Array(m.stateNames.dims.reduce((a, b) => a * b, 1)));

/**
 * Stream windows first…first+count−1 through a model, carrying its state: per window [speech
 * probability, …state]. `warmup` windows run before, so the first compared window already has a
 * non-trivial state.
 */
export async function streamSilero(m: SileroModel, bytes: Uint8Array, runner: ModelRunner, first: number, count: number, warmup = 0): Promise<Float32Array[][]> {
  const session = await runner.load(bytes);
  const names = ['output', ...m.stateNames.out];
  try {
    let state: Float32Array[] = zeros(m);
    const out: Float32Array[][] = [];
    for (let k = first - warmup; k < first + count; k++) {
      const r = await session.run(sileroFeed(m, k, state), names);
      state = m.stateNames.out.map((n) => r[n]!);
      if (k >= first) out.push(names.map((n) => r[n]!));
    }
    return out;
  } finally {
    await session.release();
  }
}

/** Calibration feeds for int8-qdq: windows with the state the fp32 model reaches on the audio before them. */
export async function sileroCalibrationFeeds(m: SileroModel, runner: ModelRunner, first: number, count: number): Promise<Record<string, Feed>[]> {
  const session = await runner.load(m.bytes);
  try {
    let state: Float32Array[] = zeros(m);
    const feeds: Record<string, Feed>[] = [];
    for (let k = first; k < first + count; k++) {
      const feed = sileroFeed(m, k, state);
      feeds.push(feed);
      const r = await session.run(feed, m.stateNames.out);
      state = m.stateNames.out.map((n) => r[n]!);
    }
    return feeds;
  } finally {
    await session.release();
  }
}
