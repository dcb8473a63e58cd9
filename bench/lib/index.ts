export * from './api';
export * from './results';
export * from './stats';
export * from './table';
