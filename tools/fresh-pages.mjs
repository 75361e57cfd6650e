// What touching fresh memory costs here: a new 4 MB Int32Array written once per 4 KiB page,
// against writing every element of one that was written before. On this project's VMs a
// first touch of a page costs ~12 µs (12–14 ms for 4 MB, against 0.6 ms reused), which is
// most of a 1,000,000-row fit's fixed cost (see BENCHMARKS.md, "Every pass counts").
//
//   node tools/fresh-pages.mjs
const n = 1_000_000;
const t = [];
for (let r = 0; r < 9; r++) { const t0 = performance.now(); const a = new Int32Array(n); for (let i = 0; i < n; i += 1024) a[i] = 1; t.push(performance.now() - t0); }
console.log('fresh 4 MB, one write per 4 KiB page:', t.map(x => x.toFixed(2)).join(' '), 'ms');
const b = new Int32Array(n); const t2 = [];
for (let r = 0; r < 9; r++) { const t0 = performance.now(); for (let i = 0; i < n; i++) b[i] = i; t2.push(performance.now() - t0); }
console.log('reused 4 MB, every element:', t2.map(x => x.toFixed(2)).join(' '), 'ms');
