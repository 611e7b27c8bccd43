import { fileURLToPath } from 'node:url';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the journeys through "npm run test:e2e"`);
  return value;
}

// Vitest sets BASE_URL to '/' (Vite's base path), so the runner passes the origin as E2E_BASE_URL too.
export const BASE_URL = required('E2E_BASE_URL').replace(/\/$/, '');
export const OWNER_EMAIL = required('E2E_OWNER_EMAIL');
export const OWNER_PASSWORD = required('E2E_OWNER_PASSWORD');
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
