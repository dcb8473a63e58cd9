export * from './graph-fake';
export * from './onboarding-routes';
