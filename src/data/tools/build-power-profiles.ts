/**
 * Builds the content of src/data/power-profiles.json from the project's reference compilation
 * (../shared/reference/device-profiles.json). Every choice of which reference figures make a
 * range is here, with why, so a reviewer can redo it. Run by generate-power-profiles.ts (a dev
 * tool); the product never reads the reference at run time.
 */
import { type DataRange, type DeviceEntry, type PowerProfiles, powerProfilesSchema } from '../power-profiles-schema.js';

/** Content version of the generated file: bump when a figure or a choice below changes. */
export const POWER_PROFILES_CONTENT_VERSION = '1.0.0';

// The reference file is heterogeneous JSON; the generator reads it loosely and checks its own output.
type Any = any;

interface Point { value?: number | null; range?: [number, number]; src: string[]; note?: string }

function range(value: number, low: number, high: number, unit: string, src: string[], method: string, note?: string): DataRange {
  return { value: round(value), low: round(low), high: round(high), unit, src: [...new Set(src)], method, ...(note ? { note } : {}) };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Span of the listed points; value = median of the points' values (or `value` when given). */
function fromPoints(points: Point[], unit: string, note: string, value?: number): DataRange {
  const nums = points.flatMap((p) => [...(p.range ?? []), ...(typeof p.value === 'number' ? [p.value] : [])]);
  const centrals = points.map((p) => (typeof p.value === 'number' ? p.value : ((p.range?.[0] ?? 0) + (p.range?.[1] ?? 0)) / 2)).sort((a, b) => a - b);
  const mid = centrals.length % 2 ? (centrals[(centrals.length - 1) / 2] as number) : ((centrals[centrals.length / 2 - 1] as number) + (centrals[centrals.length / 2] as number)) / 2;
  return range(value ?? mid, Math.min(...nums), Math.max(...nums), unit, points.flatMap((p) => p.src), 'summary', note);
}

export function buildPowerProfiles(ref: Any): PowerProfiles {
  const dc = ref.deviceClasses;

  // ---- device classes -------------------------------------------------------------------------

  const phoneCpuAll: DataRange = fromPoints(dc.phone.cpuAllCoresW.points, 'W',
    'All cores at full load: OEM power_profile (lower bound) to measured flagship peaks (not sustained: phones throttle within minutes).');
  const phoneCpuSingle: DataRange = fromPoints(dc.phone.cpuSingleCoreW.points, 'W',
    'One big core at full load: OEM power_profile (lower bound) to measured SPEC-style peaks.');
  const phoneGpu: DataRange = fromPoints(dc.phone.gpuActiveW.points, 'W',
    'Peak GPU benchmark power of flagships; the 6.43 W point is a whole-device average under 3DMark.');

  function idle(points: Point[], note: string): DataRange {
    return fromPoints(points, 'W', `${note} Figures are average power in use (screen on), not a clean idle; they bound the device's draw while the app waits.`);
  }

  function embodied(cls: Any, note: string): DataRange {
    const q = cls.embodiedKgCO2e.boaviztaManufacturerReports.manufacturing;
    // manufacturing (embodied) share only: report totals include the use phase under the report's
    // grid, so points quoting report totals (the iPad 'reported' span) are left out
    const quartiles: Point = { range: [q.p25, q.p75], value: q.median, src: ['boavizta-efd'] };
    const points = cls.embodiedKgCO2e.points.filter((p: Any) => p.method !== 'reported');
    return fromPoints([quartiles, ...points], 'kgCO2e',
      `${note} Value: median manufacturing kgCO2e of ${q.n} manufacturer reports (Boavizta, IQR ${q.p25}-${q.p75}); range also spans LCA database and peer-reviewed figures.`, q.median);
  }

  function lifetime(cls: Any): DataRange {
    return fromPoints(cls.lifetimeYears.points, 'years', 'First-owner lifetimes stated by manufacturers and tools; median of the stated values, span of all.');
  }

  /** a class's battery capacity span as the reference gives it; the value is the span's midpoint */
  function classBattery(cls: Any, method: string): DataRange {
    const [lo, hi] = cls.batteryWh.range;
    return range((lo + hi) / 2, lo, hi, 'Wh', cls.batteryWh.src, method, cls.batteryWh.note);
  }

  function useRatio(cls: Any): DataRange {
    const u = cls.useRatio;
    return range(u.value, u.value, u.value, 'fraction', u.src, u.method, 'Share of wall-clock time in active use (Boavizta archetype default; no range published).');
  }

  const laptopTdp = range(28, 15, 45, 'W', ['nbc-cpu-classes'], 'spec',
    'Base power (TDP) of Intel U/P/H laptop classes: 15/28/45 W. Short turbo reaches 55-115 W, so a burst can exceed the top of this range.');
  const desktopTdp = range(105, 65, 170, 'W', ['codecarbon'], 'lookup',
    'TDP of mainstream desktop parts in CodeCarbon cpu_power.csv: Ryzen 5 5600X 65 W, Ryzen 7 7700X 105 W, Ryzen 9 7950X 170 W. High-end K parts turbo to 253 W.');

  const deviceClasses: PowerProfiles['deviceClasses'] = {
    phone: {
      label: 'Phone (model unknown)',
      cpu: { model: 'cores', singleCoreW: phoneCpuSingle, allCoresW: phoneCpuAll },
      gpuActiveW: phoneGpu,
      idleW: idle(dc.phone.baselinePowerW.points, 'Smartphone average power (Boavizta archetype, Tech Carbon Standard).'),
      batteryWh: classBattery(dc.phone, 'summary'),
      embodiedKgCO2e: embodied(dc.phone, 'Smartphone.'),
      lifetimeYears: lifetime(dc.phone),
      useRatio: useRatio(dc.phone),
    },
    tablet: {
      label: 'Tablet (model unknown)',
      // the reference has no tablet CPU/GPU measurement and says tablets use phone/Apple SoCs
      cpu: { model: 'cores', singleCoreW: { ...phoneCpuSingle, note: `${phoneCpuSingle.note} Phone figures: no tablet-specific measurement exists in the sources.` }, allCoresW: { ...phoneCpuAll, note: `${phoneCpuAll.note} Phone figures: no tablet-specific measurement exists in the sources.` } },
      gpuActiveW: { ...phoneGpu, note: `${phoneGpu.note} Phone figures: no tablet-specific measurement exists in the sources.` },
      idleW: idle(dc.tablet.baselinePowerW.points, 'Tablet average power (Boavizta archetype, Tech Carbon Standard).'),
      batteryWh: classBattery(dc.tablet, 'reported'),
      embodiedKgCO2e: embodied(dc.tablet, 'Tablet.'),
      lifetimeYears: lifetime(dc.tablet),
      useRatio: useRatio(dc.tablet),
    },
    laptop: {
      label: 'Laptop (model unknown)',
      cpu: { model: 'teads', tdpW: laptopTdp },
      gpuActiveW: range(15, 15, 150, 'W', ['nbc-cpu-classes', 'nbc-rtx40m-2023', 'techspot-rtx40m-2023', 'liliputing-rtx30m-2021'], 'summary',
        'Integrated GPUs share the 15-28 W package budget (most laptops; value); discrete laptop GPUs are rated 35-150 W TGP.'),
      // the 0.2 W M1 Max point is package-only idle, not the device: left out
      idleW: idle(dc.laptop.baselinePowerW.points.filter((p: Any) => p.value !== 0.2), 'Laptop: MacBook Pro wall power at idle, Tech Carbon Standard average, Boavizta archetype (upper bound).'),
      batteryWh: classBattery(dc.laptop, 'reported'),
      embodiedKgCO2e: embodied(dc.laptop, 'Laptop.'),
      lifetimeYears: lifetime(dc.laptop),
      useRatio: useRatio(dc.laptop),
    },
    desktop: {
      label: 'Desktop (model unknown)',
      cpu: { model: 'teads', tdpW: desktopTdp },
      gpuActiveW: range(170, 15, 450, 'W', ['nbc-cpu-classes', 'tomshw-rtx30-2022', 'mlco2-impact-gpus', 'hf-gpu-spec'], 'summary',
        'From an integrated GPU inside a 15-28 W package to discrete desktop boards rated 115-450 W; value: RTX 3060 (170 W).'),
      idleW: idle(dc.desktop.baselinePowerW.points, 'Desktop: Mac mini idle, Tech Carbon Standard average, Boavizta archetype.'),
      batteryWh: null,
      embodiedKgCO2e: embodied(dc.desktop, 'Desktop (all-in-one rows include a display).'),
      lifetimeYears: lifetime(dc.desktop),
      useRatio: useRatio(dc.desktop),
    },
  };

  // ---- SoCs with Android power_profile clusters ------------------------------------------------

  // Android flagship all-core measurements bound the top: OEM power_profile currents are a lower bound.
  const androidAllCoresHigh = 11.2; // Snapdragon 8 Gen 1 all cores (geekerwan-d9000-2022)

  const socs: PowerProfiles['socs'] = ref.socs
    .filter((s: Any) => s.powerProfile?.clusters)
    .map((s: Any) => {
      const pp = s.powerProfile;
      const [lo] = pp.allCoresW as [number, number];
      const clusters = [...pp.clusters].sort((a: Any, b: Any) => b.coreAtMax_mA - a.coreAtMax_mA);
      return {
        id: s.id,
        name: s.name,
        devices: s.devices ?? [],
        cpu: {
          model: 'clusters' as const,
          clusters: clusters.map((c: Any) => ({ label: `cluster ${c.cluster}`, cores: c.cores, coreMaxMilliamps: c.coreAtMax_mA, clusterMilliamps: c.clusterPower_mA })),
          cpuActiveMilliamps: pp.cpuActive_mA,
          allCoresW: range((lo + androidAllCoresHigh) / 2, lo, androidAllCoresHigh, 'W', [...pp.src, 'geekerwan-d9000-2022'], 'derived',
            `Low: power_profile all cores at max clock (${pp.allCoresMaxCurrent_mA} mA x 3.70 V), an OEM attribution figure and a lower bound. High: all-core load measured on a contemporary Android flagship (Snapdragon 8 Gen 1, 11.2 W). Value: midpoint.`),
          src: pp.src,
        },
        gpuActiveW: null,
      };
    });

  // ---- CPU TDP classes (for the user to pick; Apple silicon is also matched from the GPU vendor) ----

  const cpuTdpClasses: PowerProfiles['cpuTdpClasses'] = [
    { id: 'intel-u', name: 'Intel Core U (12th gen / Core Ultra U)', deviceClass: 'laptop', tdpW: range(15, 15, 57, 'W', ['nbc-cpu-classes', 'tectack-1255u-2023', 'nbc-meteorlake-2023'], 'spec', 'Base power 15 W; max turbo 55-57 W.'), example: 'i7-1255U' },
    { id: 'intel-p', name: 'Intel Core P (12th gen)', deviceClass: 'laptop', tdpW: range(28, 28, 64, 'W', ['nbc-cpu-classes', 'tectack-1260p-2023'], 'spec', 'Base 28 W; max turbo 64 W.'), example: 'i7-1260P' },
    { id: 'intel-h', name: 'Intel Core H / Core Ultra H', deviceClass: 'laptop', tdpW: range(45, 28, 115, 'W', ['nbc-cpu-classes', 'codecarbon', 'nbc-meteorlake-2023'], 'spec', 'Base 28-45 W; Core Ultra H turbo to 115 W.'), example: 'i7-12700H' },
    { id: 'amd-u', name: 'AMD Ryzen U (5000U / 7040U)', deviceClass: 'laptop', tdpW: range(28, 15, 30, 'W', ['techrush-cezanne-2021', 'liliputing-7040u-2023', 'codecarbon'], 'spec', 'Configurable 15-30 W; 7840U default 28 W.'), example: 'Ryzen 7 7840U' },
    { id: 'amd-hs', name: 'AMD Ryzen HS / H (5000H / 7040HS)', deviceClass: 'laptop', tdpW: range(45, 35, 54, 'W', ['techrush-cezanne-2021', 'benchmarkpl-7040-2023', 'codecarbon'], 'spec', 'Configurable 35-54 W.'), example: 'Ryzen 7 7840HS' },
    { id: 'apple-m', name: 'Apple M1 / M2 (SoC package)', deviceClass: 'laptop', tdpW: range(22, 10, 35, 'W', ['codecarbon', 'anandtech-m1-2020', 'nbc-m2-2022'], 'summary', 'CodeCarbon lists M1 at 10 W; measured M1 SoC budget 20-24 W (value 22); M2 package up to 35 W. Applying the Teads curve to Apple silicon is an extrapolation.'), example: 'Apple M1' },
    { id: 'desktop-mainstream', name: 'Desktop mainstream (65-170 W TDP)', deviceClass: 'desktop', tdpW: desktopTdp, example: 'Ryzen 7 7700X' },
    { id: 'intel-desktop-k', name: 'Intel desktop K (13th gen)', deviceClass: 'desktop', tdpW: range(125, 125, 253, 'W', ['news9-13900k-2022'], 'spec', 'Base 125 W; max turbo 253 W.'), example: 'i9-13900K' },
  ];

  // ---- GPU classes ----------------------------------------------------------------------------

  const gpuById = new Map<string, Any>(ref.gpus.map((g: Any) => [g.id, g]));
  function tgp(id: string): DataRange {
    const g = gpuById.get(id);
    if (!g) throw new Error(`reference has no GPU ${id}`);
    if (Array.isArray(g.tgpW)) return range(g.tgpW[0], g.tgpW[0], g.tgpW[1], 'W', g.src, 'spec', 'Total graphics power across laptop SKUs (value: lowest TGP).');
    return range(g.boardPowerW, g.boardPowerW, g.boardPowerW, 'W', g.src, 'spec', 'Rated board power; a small model rarely draws it all.');
  }

  const nv = (id: string, name: string, kind: 'discrete-laptop' | 'discrete-desktop', description: string) => ({
    id, name, kind, activeW: tgp(id), match: { vendors: ['nvidia'], architectures: [], description },
  });

  const gpuClasses: PowerProfiles['gpuClasses'] = [
    // laptop variants before desktop ones: their descriptions contain the desktop name
    nv('rtx-3060-laptop', 'GeForce RTX 3060 Laptop', 'discrete-laptop', 'RTX 3060 Laptop'),
    nv('rtx-3070-laptop', 'GeForce RTX 3070 Laptop', 'discrete-laptop', 'RTX 3070 (Ti )?Laptop'),
    nv('rtx-3080-laptop', 'GeForce RTX 3080 Laptop', 'discrete-laptop', 'RTX 3080 (Ti )?Laptop'),
    nv('rtx-4050-4060-4070-laptop', 'GeForce RTX 4050 / 4060 / 4070 Laptop', 'discrete-laptop', 'RTX 40[567]0 Laptop'),
    nv('rtx-4080-laptop', 'GeForce RTX 4080 Laptop', 'discrete-laptop', 'RTX 4080 Laptop'),
    nv('rtx-4090-laptop', 'GeForce RTX 4090 Laptop', 'discrete-laptop', 'RTX 4090 Laptop'),
    nv('rtx-3060-ti', 'GeForce RTX 3060 Ti', 'discrete-desktop', 'RTX 3060 Ti'),
    nv('rtx-3060', 'GeForce RTX 3060', 'discrete-desktop', 'RTX 3060'),
    nv('rtx-3070', 'GeForce RTX 3070', 'discrete-desktop', 'RTX 3070'),
    nv('rtx-3080', 'GeForce RTX 3080', 'discrete-desktop', 'RTX 3080'),
    nv('rtx-3090', 'GeForce RTX 3090', 'discrete-desktop', 'RTX 3090'),
    nv('rtx-4060', 'GeForce RTX 4060', 'discrete-desktop', 'RTX 4060'),
    nv('rtx-4070-ti', 'GeForce RTX 4070 Ti', 'discrete-desktop', 'RTX 4070 Ti'),
    nv('rtx-4080', 'GeForce RTX 4080', 'discrete-desktop', 'RTX 4080'),
    nv('rtx-4090', 'GeForce RTX 4090', 'discrete-desktop', 'RTX 4090'),
    {
      id: 'nvidia-unknown', name: 'NVIDIA GPU (model not exposed)', kind: 'discrete-desktop',
      activeW: range(170, 35, 450, 'W', ['liliputing-rtx30m-2021', 'techspot-rtx40m-2023', 'tomshw-rtx30-2022', 'hf-gpu-spec'], 'summary', 'Span of the NVIDIA laptop TGPs and desktop board powers in the sources; value RTX 3060 (170 W).'),
      match: { vendors: ['nvidia'], architectures: [] },
    },
    {
      id: 'intel-integrated', name: 'Intel integrated GPU (Iris Xe / UHD / Arc iGPU)', kind: 'integrated',
      activeW: range(15, 15, 28, 'W', ['nbc-cpu-classes', 'tectack-1260p-2023'], 'spec', 'No separate GPU rating: it runs inside the U/P package base power (15-28 W), used here as its active power (upper-leaning).'),
      match: { vendors: ['intel'], architectures: [] },
    },
    {
      id: 'amd-radeon-780m', name: 'AMD Radeon 780M (integrated)', kind: 'integrated',
      activeW: range(28, 15, 54, 'W', ['liliputing-7040u-2023', 'benchmarkpl-7040-2023'], 'spec', 'Shares the Ryzen 7040U (15-30 W) / 7040HS (35-54 W) package budget.'),
      match: { vendors: ['amd'], architectures: [], description: 'Radeon 7[0-9]0M' },
    },
    {
      id: 'apple-m-gpu', name: 'Apple M-series GPU (integrated)', kind: 'integrated',
      activeW: range(24, 20, 50, 'W', ['anandtech-m1-2020', 'nbc-m2-2022', 'macrumors-m3max-forum-2023'], 'summary', 'Shares the SoC budget: M1 20-24 W (value 24), M2 up to 35 W; M3 Max GPU up to about 50 W (low-reliability source).'),
      match: { vendors: ['apple'], architectures: [] },
    },
    {
      id: 'mobile-gpu', name: 'Mobile GPU (Adreno / Mali / Immortalis / PowerVR)', kind: 'mobile',
      activeW: phoneGpu,
      match: { vendors: ['qualcomm', 'arm', 'img-tec', 'imagination', 'samsung'], architectures: [] },
    },
  ];

  // ---- devices --------------------------------------------------------------------------------

  // UA-CH `model` strings for the Android entries (Chrome sends Build.MODEL)
  const UA_MODELS: Record<string, string[]> = {
    'pixel-6': ['Pixel 6'], 'pixel-6-pro': ['Pixel 6 Pro'], 'pixel-6a': ['Pixel 6a'],
    'pixel-7': ['Pixel 7'], 'pixel-7-pro': ['Pixel 7 Pro'], 'pixel-8': ['Pixel 8'], 'pixel-8-pro': ['Pixel 8 Pro'],
    'pixel-9': ['Pixel 9'], 'galaxy-s20-fe': ['SM-G781B'], 'galaxy-a12': ['SM-A127F'], 'fairphone-4': ['FP4'],
  };
  // minimum capacities quoted in the entries' notes (typical is the entry's mAh)
  const MIN_MAH: Record<string, number> = { 'pixel-6': 4524, 'pixel-6-pro': 4905, 'pixel-7': 4270, 'pixel-7-pro': 4926, 'pixel-8': 4485, 'pixel-8-pro': 4950 };
  // Samsung's 2020 LCAs as compiled by Boavizta are flagged not comparable in the reference
  const NOT_COMPARABLE = new Set(['galaxy-s20-fe', 'galaxy-a12']);
  const socByName = new Map<string, string>([['Google Tensor', 'google-tensor'], ['Google Tensor G2', 'google-tensor-g2'], ['Google Tensor G4', 'google-tensor-g4']]);

  function battery(b: Any, id: string): DataRange | null {
    if (!b) return null;
    if (typeof b.Wh === 'number') return range(b.Wh, b.Wh, b.Wh, 'Wh', b.src, b.WhMethod ? 'derived' : 'reported', b.WhMethod);
    if (typeof b.mAh !== 'number') return null;
    // no nominal voltage published: span the Li-ion cells in the sources, 3.70 V (power_profile convention) to 3.88 V (iPhone 16)
    const lo = ((MIN_MAH[id] ?? b.mAh) * 3.7) / 1000;
    const hi = (b.mAh * 3.88) / 1000;
    return range((b.mAh * 3.85) / 1000, lo, hi, 'Wh', [...b.src, 'iphone16-voltage-2024'], 'derived',
      `${MIN_MAH[id] ?? b.mAh}-${b.mAh} mAh x 3.70-3.88 V (nominal voltage not published); value at 3.85 V.`);
  }

  function deviceEmbodied(c: Any, id: string): DataRange | null {
    if (!c || typeof c.manufacturingKgCO2e !== 'number' || NOT_COMPARABLE.has(id)) return null;
    const m = c.manufacturingKgCO2e;
    return range(m, m, m, 'kgCO2e', c.src, 'reported', `Manufacturing share of the manufacturer's report (${c.configuration ?? ''}, ${c.reportDate ?? ''}).`);
  }

  const phoneDevices: DeviceEntry[] = ref.phones.map((p: Any) => ({
    id: p.id, name: p.name, manufacturer: p.manufacturer, deviceClass: 'phone' as const,
    uaModels: UA_MODELS[p.id] ?? [],
    socId: socByName.get(p.soc?.name) ?? (p.id === 'pixel-9' ? 'google-tensor-g4' : null),
    batteryWh: battery(p.battery, p.id),
    embodiedKgCO2e: deviceEmbodied(p.carbon, p.id),
    ...(NOT_COMPARABLE.has(p.id) ? { note: 'Manufacturer LCA not comparable with the others (reference note); the phone class footprint is used.' } : {}),
  }));
  const laptopDevices: DeviceEntry[] = ref.laptops.map((l: Any) => ({
    id: l.id, name: l.name, manufacturer: l.manufacturer, deviceClass: 'laptop' as const, uaModels: [], socId: null,
    batteryWh: battery(l.battery, l.id), embodiedKgCO2e: deviceEmbodied(l.carbon, l.id),
  }));

  // ---- assemble -------------------------------------------------------------------------------

  const T = ref.laptopDesktopCpus.teadsCurve;
  const ccfGpus = ref.cloudReference.acceleratorBoardPowerW.filter((g: Any) => g.ccfIdleMaxW);
  const idleFractions = ccfGpus.map((g: Any) => g.ccfIdleMaxW[0] / g.ccfIdleMaxW[1]);

  const draft = {
    schemaVersion: 1 as const,
    version: POWER_PROFILES_CONTENT_VERSION,
    generatedFrom: { file: 'device-profiles.json', version: ref.version, compiled: ref.compiled },
    sources: [] as PowerProfiles['sources'],
    teadsCurve: { utilisation: T.utilisationPercent.map((u: number) => u / 100), tdpFactor: T.tdpFactor, src: T.src, note: T.note },
    codecarbon: { fallbackTdpW: ref.laptopDesktopCpus.codecarbonFallback.constants.POWER_CONSTANT_W, perThreadW: ref.laptopDesktopCpus.codecarbonFallback.constants.DEFAULT_POWER_PER_CORE_W, src: ['codecarbon'] },
    gpuIdleFraction: range(idleFractions.reduce((a: number, b: number) => a + b, 0) / idleFractions.length, Math.min(...idleFractions), Math.max(...idleFractions), 'fraction', ['ccf-methodology'], 'derived',
      `Idle / max watts of ${ccfGpus.map((g: Any) => `${g.name} ${g.ccfIdleMaxW[0]}/${g.ccfIdleMaxW[1]} W`).join(', ')} (CCF).`),
    deviceClasses,
    socs,
    cpuTdpClasses,
    gpuClasses,
    devices: [...phoneDevices, ...laptopDevices],
  };

  // keep exactly the sources the figures cite, in the reference's order
  const cited = new Set<string>();
  JSON.stringify(draft, (k, v) => {
    if (k === 'src' && Array.isArray(v)) for (const id of v) cited.add(id);
    return v;
  });
  draft.sources = ref.sources.filter((s: Any) => cited.has(s.id));
  const missing = [...cited].filter((id) => !draft.sources.some((s) => s.id === id));
  if (missing.length) throw new Error(`cited source ids missing from the reference: ${missing.join(', ')}`);

  return powerProfilesSchema.parse(draft);
}
