export * from './hubspot-fake';
