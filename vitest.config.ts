import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    // vitest's default on two cores is one worker (cores − 1): the suite then ran file after file in
    // 237 s. Most files wait on processes they start (the CLI, LibreOffice, Chromium), so two share
    // the machine well: 160 s.
    maxWorkers: 2,
    hookTimeout: 120_000,
  },
});
