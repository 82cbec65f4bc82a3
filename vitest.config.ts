// Tests that spawn `raqib` pay tsx's start-up and the topic pack's load (about a second on a quiet
// machine, several on a loaded 2-core one): give every test room so that a busy machine slows the
// run instead of failing it. Tests that need longer say so themselves.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
