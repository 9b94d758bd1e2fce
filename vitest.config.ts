import { defineConfig } from 'vitest/config';

// Tests that start processes (the CLI, javac, JVMs, moto_server, serverless-offline) take seconds on
// a quiet 2-core machine and several times that when the suite runs them side by side: bounds that
// fit the slowest honest run, not the fastest.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
