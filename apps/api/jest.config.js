/** Unit specs live next to the code; e2e suites boot the real AppModule on a fresh PostgreSQL database. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const shared = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@parley/shared-types$': '<rootDir>/../../packages/shared-types/src/index.ts',
    '^@parley/fakes$': '<rootDir>/../../packages/fakes/src/index.ts',
  },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/env.ts'],
    },
    {
      // Fault injection: built API and worker processes (pnpm build first) killed, starved of
      // PostgreSQL or of the vendors they call, on databases and clusters each test makes.
      ...shared,
      displayName: 'faults',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/env.ts'],
    },
  ],
  // Jest reads these from the top level only; inside a project they are silently ignored (and
  // every e2e test ran with the 5 s default). 60 s is for the e2e suites booting whole apps.
  testTimeout: 60000,
  slowTestThreshold: 20,
};
