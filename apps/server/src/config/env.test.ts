import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({}, '/srv/jaring');
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/jaring/data',
      databaseUrl: undefined,
      redisUrl: undefined,
      timezone: 'Asia/Jakarta',
      logLevel: 'info',
      appUrl: 'http://localhost:3000',
      trustProxy: false,
      secureCookies: false,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        HOST: '127.0.0.1',
        DATA_DIR: '/var/lib/jaring',
        DATABASE_URL: 'postgres://u:p@db:5432/jaring',
        REDIS_URL: 'redis://cache:6379/0',
        APP_KEY: KEY,
        APP_URL: 'https://isp.example.id/',
        APP_TIMEZONE: 'Asia/Makassar',
        LOG_LEVEL: 'debug',
        ADMIN_EMAIL: 'Boss@Example.ID',
        ADMIN_PASSWORD: 'a-long-password',
        ADMIN_ALLOWED_IPS: '10.0.0.0/8, 192.168.1.5 ,2001:db8::/32',
        TRUST_PROXY: '1',
      },
      '/',
    );
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/jaring',
      databaseUrl: 'postgres://u:p@db:5432/jaring',
      redisUrl: 'redis://cache:6379/0',
      appKey: KEY,
      appUrl: 'https://isp.example.id',
      timezone: 'Asia/Makassar',
      logLevel: 'debug',
      adminEmail: 'boss@example.id',
      adminAllowedIps: ['10.0.0.0/8', '192.168.1.5', '2001:db8::/32'],
      trustProxy: 1,
      secureCookies: true,
    });
  });

  it('falls back to TZ for the app timezone and accepts proxy lists', () => {
    const c = loadConfig({ TZ: 'Asia/Jayapura', TRUST_PROXY: '10.0.0.1,10.0.0.0/24' }, '/');
    expect(c.timezone).toBe('Asia/Jayapura');
    expect(c.trustProxy).toEqual(['10.0.0.1', '10.0.0.0/24']);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'http://localhost'],
    ['APP_KEY', 'too-short'],
    ['APP_URL', 'not a url'],
    ['APP_TIMEZONE', 'Mars/Olympus'],
    ['LOG_LEVEL', 'loud'],
    ['ADMIN_EMAIL', 'not-an-email'],
    ['ADMIN_PASSWORD', 'short'],
    ['ADMIN_ALLOWED_IPS', '10.0.0.0/8,not-an-ip'],
    ['TRUST_PROXY', 'maybe;'],
  ])('stops with a message naming %s when it is %j', (name, value) => {
    const extra = name === 'ADMIN_PASSWORD' ? { ADMIN_EMAIL: 'a@b.co' } : {};
    expect(() => loadConfig({ [name]: value, ...extra }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value, ...extra }, '/')).toThrow(
      new RegExp(`^Invalid configuration:\\n  ${name}: `),
    );
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' }, '/');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('PORT:');
      expect((err as Error).message).toContain('LOG_LEVEL:');
    }
  });

  it('requires ADMIN_EMAIL with ADMIN_PASSWORD', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'long-enough-pass' }, '/')).toThrow(/ADMIN_EMAIL/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, '/')).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });
});
