export * from './graph-fake';
export * from './onboarding-routes';
export * from './webhook-client';
export * from './webhook-payloads';
