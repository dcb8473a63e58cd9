export * from './harness/fake-server';
export * from './harness/registry';
