import fc from 'fast-check';

// Property tests draw from one fixed seed so every run (and CI) checks the same cases;
// `npm run fuzz`-style long runs can override it.
fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261129) });
