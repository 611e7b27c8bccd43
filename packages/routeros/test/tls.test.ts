import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../src/errors.ts';
import { SIM_CERT_PEM } from '../src/sim/index.ts';
import { connect, sim } from './helpers.ts';

describe('API-SSL', () => {
  it('verifies the router certificate against a private CA', async () => {
    const s = await sim({ tlsPort: 0, port: null });
    const c = await connect(s, { port: s.tlsPort, tls: { mode: 'verify', ca: SIM_CERT_PEM } });
    expect((await c.exec('/system/identity/print')).rows[0]?.['name']).toBe('MikroTik');
  });

  it('rejects an unverifiable certificate', async () => {
    const s = await sim({ tlsPort: 0 });
    await expect(connect(s, { port: s.tlsPort, tls: { mode: 'verify' } })).rejects.toBeInstanceOf(
      ConnectionError,
    );
  });

  it('accepts a pinned fingerprint and refuses a wrong one before sending credentials', async () => {
    const s = await sim({ tlsPort: 0 });
    const fp = s.fingerprint256 as string;
    const c = await connect(s, {
      port: s.tlsPort,
      tls: { mode: 'fingerprint', sha256: fp.toLowerCase() },
    });
    expect(c.loginMethod).toBe('plain');
    const wrong = fp.replace(/^../, fp.startsWith('00') ? '11' : '00');
    const err = await connect(s, {
      port: s.tlsPort,
      tls: { mode: 'fingerprint', sha256: wrong },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/fingerprint mismatch/);
  });

  it('talks anonymous DH to a router without a certificate', async () => {
    const s = await sim({ tlsPort: 0, tls: 'anonymous' });
    const c = await connect(s, { port: s.tlsPort, tls: { mode: 'anonymous' } });
    const { ret } = await c.exec({ command: '/ppp/secret/add', attributes: { name: 'adh' } });
    expect(ret).toBe('*1');
  });

  it('also offers anonymous DH next to the certificate', async () => {
    const s = await sim({ tlsPort: 0 });
    const c = await connect(s, { port: s.tlsPort, tls: { mode: 'anonymous' } });
    expect(c.alive).toBe(true);
  });
});
