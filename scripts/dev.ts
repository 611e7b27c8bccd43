// `npm run dev`: the API with reload on change, and Vite's dev server proxying /api to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { NODE_ENV: 'development', ...process.env },
  }),
  spawn('npm', ['run', 'dev', '-w', '@jaring/web'], { cwd: ROOT, stdio: 'inherit' }),
];

function stopAll(): void {
  for (const c of children) c.kill('SIGTERM');
}
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);
for (const c of children) {
  c.on('exit', (code) => {
    stopAll();
    process.exitCode = code ?? 0;
  });
}
