import { defineConfig } from 'vitest/config';

/** The bench's own unit tests (pure helpers); the bench itself is `npm run bench`. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/bench/**/*.test.ts'],
  },
});
