// Runs after `npm ci` / `npm install` (the `prepare` script), so `npm start` right after a fresh
// install goes straight to the server. Builds only when the web sources changed.
import { ensureWebBuild } from './web-build.ts';

ensureWebBuild();
