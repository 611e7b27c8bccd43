import { createHash } from 'node:crypto';
import type { Codepage } from './codec/codepage.ts';
import { LoginError, TrapError } from './errors.ts';

/**
 * Response to a pre-6.43 login challenge: `00` + hex(md5(0x00 + password + challenge bytes)).
 */
export function challengeResponse(password: Uint8Array, challengeHex: string): string {
  const hash = createHash('md5');
  hash.update(Uint8Array.of(0));
  hash.update(password);
  hash.update(Buffer.from(challengeHex, 'hex'));
  return `00${hash.digest('hex')}`;
}

/** What {@link login} needs from a connection: send one command, get `ret` or a trap. */
export type LoginExec = (
  command: string,
  attributes: Record<string, string>,
) => Promise<{ ret: string | undefined }>;

/**
 * Logs in the >= 6.43 way and falls back to the MD5 challenge when the router answers the
 * plain login with `=ret=` (routers before 6.43 ignore the password and send a challenge).
 */
export async function login(
  exec: LoginExec,
  user: string,
  password: string,
  codepage: Codepage,
): Promise<'plain' | 'challenge'> {
  try {
    const first = await exec('/login', { name: user, password });
    if (first.ret === undefined || first.ret === '') return 'plain';
    const response = challengeResponse(codepage.encode(password), first.ret);
    await exec('/login', { name: user, response });
    return 'challenge';
  } catch (err) {
    if (err instanceof TrapError) {
      throw new LoginError(`login failed for user '${user}': ${err.message}`, { cause: err });
    }
    throw err;
  }
}
