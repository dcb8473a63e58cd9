export * from './facebook-sdk-fake';
