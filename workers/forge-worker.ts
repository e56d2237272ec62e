import * as Comlink from 'comlink';
import { createForgeEngine } from '../src/client/forge-engine.js';
import type { ForgeWorkerApi } from '../src/client/forge-protocol.js';
import { ortModelRunner, type OrtLike } from '../src/forge/model-runner.js';

/**
 * The forge off the page's thread: decoding, accounting and every variant run here, so a 10 MB
 * model does not freeze the page. ORT's plain WASM build (not JSEP) is loaded on the first
 * variant: it loads the input once (a file it rejects is reported as the user's) and calibrates
 * int8-qdq; single-threaded: these runs are few and must not compete with a measurement for the cores.
 */
const engine = createForgeEngine({
  async runner() {
    const ort = await import('onnxruntime-web/wasm');
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
    return ortModelRunner(ort as unknown as OrtLike, { executionProviders: ['wasm'] }, 'onnxruntime-web (wasm, 1 thread)');
  },
});

const api: ForgeWorkerApi = {
  open: (bytes, fileName) => engine.open(bytes, fileName),
  account: (options) => engine.account(options),
  async forge(variant, options) {
    const out = await engine.forge(variant, options);
    // the variant's bytes move to the page instead of being copied
    return out.state === 'completed' ? Comlink.transfer(out, [out.bytes]) : out;
  },
};

Comlink.expose(api);
// Announce readiness: a Comlink call posted before expose() ran would never settle.
self.postMessage({ type: 'edgewatt-worker-ready' });
