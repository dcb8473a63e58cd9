/** Benchmarks: the browser-test stack, measured; timings are reported, never pass/fail. */
module.exports = {
  rootDir: __dirname,
  displayName: 'bench',
  testMatch: ['<rootDir>/**/*.bench.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: {
    '^@parley/shared-types$': '<rootDir>/../../../../packages/shared-types/src/index.ts',
    '^@parley/fakes$': '<rootDir>/../../../../packages/fakes/src/index.ts',
  },
  testEnvironment: 'node',
  testTimeout: 900_000,
};
