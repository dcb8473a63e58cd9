export * from './zoho-fake';
