export * from './harness/fake-server';
export * from './harness/registry';
export * from './facebook-sdk';
export * from './hubspot';
export * from './zoho';
