/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck`'s job; here TypeScript only transpiles, to CommonJS so that
  // dynamic import() (used by Prisma's generated client to load its query compiler) becomes require().
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false, tsconfig: { module: 'commonjs', moduleResolution: 'node10', isolatedModules: true, jsx: 'react-jsx', jsxImportSource: 'preact' } }],
  },
  // Servers (Temporal, PostgreSQL, SMTP) are real: give them time, and run files serially (time skipping
  // is global to a test server).
  testTimeout: 120_000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};
