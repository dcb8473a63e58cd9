export * from './graph-fake';
