import { cell, completed, latencySamples, runReport, seededRandom } from './src/bench/fixtures/run-report-fixture.js';
import { compareWithBaseline } from './src/bench/regression-gate.js';
const c = cell('m','ort','wasm');
for (const [n, sigma, shift, trials] of [[50,0.1,0,1000],[50,0.2,0,500],[200,0.1,0,500],[50,0.1,0.2,300],[50,0.2,0.2,300],[50,0.1,0.1,300],[50,0.1,0.05,300]] as const) {
  let sig=0, fail=0, slower=0, cover=0; const t0=performance.now();
  for (let s=0;s<trials;s++){ const rng=seededRandom(100000+s*7+n); const b=runReport([completed(c,latencySamples(rng,n,2,sigma))]); const r=runReport([completed(c,latencySamples(rng,n,2*(1+shift),sigma))]);
    const g=compareWithBaseline(r,b,{seed:s}); const x=g.cells[0]!; if(x.verdict!=='unchanged') sig++; if(x.verdict==='slower') slower++; if(!g.pass) fail++; if (x.ratioCI!.low<=1+shift && 1+shift<=x.ratioCI!.high) cover++; }
  console.log(`n=${n} sigma=${sigma} shift=${shift}: significant ${(sig/trials*100).toFixed(1)}% slower ${(slower/trials*100).toFixed(1)}% gate-fail(10%) ${(fail/trials*100).toFixed(1)}% CI-coverage ${(cover/trials*100).toFixed(1)}%  (${trials} trials, ${((performance.now()-t0)/trials).toFixed(1)} ms/compare B=2000)`);
}
