import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the CPUs: one on a 2-CPU machine, where half
    // the suite's wall time is child processes and waits (builds, the CLI, the bench smoke
    // run, worker threads) that leave a CPU idle.
    maxWorkers: 2,
  },
});
