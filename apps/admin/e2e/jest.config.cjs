/** Browser tests: the built admin app served by the real API (a child process) with fakes, in Debian's Chromium. */
module.exports = {
  rootDir: __dirname,
  displayName: 'browser',
  testMatch: ['<rootDir>/**/*.browser.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: {
    '^@parley/shared-types$': '<rootDir>/../../../packages/shared-types/src/index.ts',
    '^@parley/fakes$': '<rootDir>/../../../packages/fakes/src/index.ts',
  },
  testEnvironment: 'node',
  testTimeout: 120000,
};
