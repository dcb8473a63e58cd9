export * from './email-parser';
export * from './name-parser';
export * from './phone-parser';
