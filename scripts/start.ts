// `npm start`: build the SPA when its sources changed, then run Jaring in this process.
import { ensureWebBuild } from './web-build.ts';

ensureWebBuild();
await import('../apps/server/src/main.ts');
