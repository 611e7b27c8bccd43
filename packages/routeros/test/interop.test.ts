import { RouterOSAPI } from 'node-routeros';
import { describe, expect, it } from 'vitest';
import { sim } from './helpers.ts';

describe('third-party client against the simulator', () => {
  it.each(['6.49.10', '7.16', '6.42.1'])(
    'node-routeros logs in, adds, prints with a query and removes on %s',
    async (version) => {
      const s = await sim({ version, seed: 5 });
      const api = new RouterOSAPI({
        host: '127.0.0.1',
        port: s.port,
        user: s.user,
        password: s.password,
        timeout: 5,
      });
      await api.connect();
      try {
        const added = await api.write('/ppp/secret/add', [
          '=name=interop',
          '=password=pw',
          '=profile=home-10M',
        ]);
        const id = String(added[0]?.['ret']);
        expect(id).toMatch(/^\*[0-9A-F]+$/);
        const rows = await api.write('/ppp/secret/print', ['?name=interop']);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ '.id': id, name: 'interop', profile: 'home-10M' });
        const two = await api.write('/ppp/secret/print', [
          '?name=interop',
          '?name=cust00001',
          '?#|',
        ]);
        expect(two).toHaveLength(2);
        await expect(api.write('/ppp/secret/add', ['=name=interop'])).rejects.toThrow(
          'failure: secret with the same name already exists',
        );
        await api.write('/ppp/secret/remove', [`=.id=${id}`]);
        expect(await api.write('/ppp/secret/print', ['?name=interop'])).toEqual([]);
      } finally {
        await api.close();
      }
    },
  );
});
