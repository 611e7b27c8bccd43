export * from './audit.ts';
export * from './auth.ts';
export * from './customers.ts';
export * from './network.ts';
export * from './settings.ts';
export * from './billing.ts';
export * from './notifications.ts';
export * from './portal.ts';
