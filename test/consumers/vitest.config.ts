import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:consumers`: the packed package installed into fresh projects.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/consumers/**/*.consumer.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
