/** A real SMTP server on 127.0.0.1 (smtp-server), with a certificate made for the test by openssl. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { tempDir } from './cli.js';

export interface TestCert {
  key: Buffer;
  cert: Buffer;
  /** Give the CLI this as NODE_EXTRA_CA_CERTS so it trusts the certificate, verifying it for real. */
  certPath: string;
}

export function makeCert(): TestCert {
  const dir = tempDir('cert-');
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'pipe' });
  return { key: readFileSync(key), cert: readFileSync(cert), certPath: cert };
}

export interface TestServer {
  port: number;
  messages: { from: string; to: string[]; raw: Buffer }[];
  attempts: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  cert: TestCert;
  /** Implicit TLS (465) instead of STARTTLS (587). */
  secure?: boolean;
  /** Require this login. */
  auth?: { user: string; pass: string };
  /** Refuse every message with this SMTP error. */
  refuse?: { code: number; message: string };
  /** Hold each message this long before accepting it. */
  delayMs?: number;
}

export async function startServer(o: ServerOptions): Promise<TestServer> {
  const messages: TestServer['messages'] = [];
  const state = { attempts: 0 };
  const options: SMTPServerOptions = {
    secure: o.secure ?? false,
    key: o.cert.key,
    cert: o.cert.cert,
    authOptional: !o.auth,
    logger: false,
    onAuth(auth, _session, cb) {
      if (o.auth && auth.username === o.auth.user && auth.password === o.auth.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid login: 535 Error: authentication failed'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      state.attempts++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const finish = () => {
          if (o.refuse) return cb(Object.assign(new Error(o.refuse.message), { responseCode: o.refuse.code }));
          messages.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          cb(null);
        };
        if (o.delayMs) setTimeout(finish, o.delayMs);
        else finish();
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    get attempts() {
      return state.attempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port where nothing listens. */
export async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
