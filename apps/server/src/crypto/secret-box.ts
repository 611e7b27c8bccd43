import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/**
 * AES-256-GCM encryption of credentials at rest. The ciphertext names the key that made it
 * (`v1.<kid>.<iv>.<data+tag>`), so APP_KEY can rotate: new writes use the current key, old rows
 * stay readable through APP_PREVIOUS_KEYS until re-encrypted.
 */
export interface SecretBox {
  encrypt(plaintext: string, context?: string): string;
  decrypt(ciphertext: string, context?: string): string;
  /** True when the value was made with an older key and should be re-encrypted. */
  needsRotation(ciphertext: string): boolean;
  readonly keyId: string;
}

interface Key {
  id: string;
  /**
   * Made once: handing raw bytes to createDecipheriv imports the key on every call, which made
   * each decryption about four times slower (a reconcile pass decrypts every service password).
   */
  object: KeyObject;
}

const VERSION = 'v1';

function toKey(base64: string): Key {
  const bytes = Buffer.from(base64.replace(/^base64:/, ''), 'base64');
  if (bytes.length !== 32) throw new Error('an encryption key must be 32 bytes');
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  return { id, object: createSecretKey(bytes) };
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

export function createSecretBox(
  currentKey: string,
  previousKeys: readonly string[] = [],
): SecretBox {
  const current = toKey(currentKey);
  const keys = new Map<string, Key>([[current.id, current]]);
  for (const k of previousKeys.map(toKey)) if (!keys.has(k.id)) keys.set(k.id, k);

  return {
    keyId: current.id,
    encrypt(plaintext: string, context = ''): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.object, iv);
      // The context (e.g. "routers.password") is bound as AAD so a ciphertext copied into
      // another column does not decrypt there.
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([
        cipher.update(plaintext, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return [VERSION, current.id, iv.toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(ciphertext: string, context = ''): string {
      const [version, kid, ivPart, dataPart] = ciphertext.split('.');
      if (version !== VERSION || !kid || !ivPart || !dataPart) {
        throw new DecryptionError('not a Jaring ciphertext');
      }
      const key = keys.get(kid);
      if (!key) throw new DecryptionError(`no key with id ${kid}; add it to APP_PREVIOUS_KEYS`);
      const data = Buffer.from(dataPart, 'base64url');
      if (data.length < 16) throw new DecryptionError('ciphertext is truncated');
      const decipher = createDecipheriv(
        'aes-256-gcm',
        key.object,
        Buffer.from(ivPart, 'base64url'),
      );
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - 16));
      try {
        return Buffer.concat([
          decipher.update(data.subarray(0, data.length - 16)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new DecryptionError('ciphertext failed authentication');
      }
    },
    needsRotation(ciphertext: string): boolean {
      return ciphertext.split('.')[1] !== current.id;
    },
  };
}
