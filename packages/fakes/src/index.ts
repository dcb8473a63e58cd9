export * from './harness/fake-server';
export * from './harness/registry';
export * from './hubspot';
export * from './zoho';
export * from './website';
