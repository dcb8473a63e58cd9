export * from './audit';
export * from './auth';
export * from './errors';
export * from './health';
export * from './pagination';
export * from './routes';
export * from './tenants';
export * from './whatsapp-config';
