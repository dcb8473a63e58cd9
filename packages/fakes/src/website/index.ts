export * from './website-fake';
