import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw RFC 5322 message as received. */
  raw: string;
  user: string | undefined;
}

export interface SmtpReceiver {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** The next `n` messages are refused with a 451 (temporary failure). */
  failNext(n: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on an ephemeral local port (plain, no STARTTLS), requiring the given login
 * when `auth` is set, collecting every accepted message.
 */
export async function startSmtpReceiver(auth?: {
  user: string;
  password: string;
}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', ...(auth ? [] : ['AUTH'])],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, cb): void {
      if (auth && a.username === auth.user && a.password === auth.password) {
        cb(null, { user: a.username });
      } else {
        cb(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, cb): void {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const err = new Error('try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          cb(err);
          return;
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        cb(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    messages,
    failNext(n: number): void {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
