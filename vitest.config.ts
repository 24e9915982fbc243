import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds the real `gradproof` command once, for the CLI tests in test/cli/.
    globalSetup: ['test/cli/build.ts'],
  },
});
