/**
 * `taizhang addin`: the add-in for sideloading. Writes `manifest.xml` (for https://localhost:PORT/,
 * or for the school's own address given with --url) beside a copy of the pane files, and, without
 * --url, serves them over HTTPS on localhost with a locally trusted certificate (Microsoft's
 * office-addin-dev-certs makes and trusts one; --cert/--key take the office's own).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestXml, wpsJsPlugins, wpsPublish } from '../addin/manifest.js';
import { InputError } from '../core/problems.js';

export const ADDIN_FILES = join(fileURLToPath(new URL('..', import.meta.url)), 'addin-pane');

export interface AddinOptions {
  /** The address the pane is served from (the school's intranet); then nothing is served here. */
  url?: string;
  port?: number;
  /** Where the manifest and the pane files go. */
  out: string;
  cert?: string;
  key?: string;
  /** Validity of the local certificate when one is (re)made, in days (office-addin-dev-certs' default: 30). */
  days?: number;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.zip': 'application/zip', '.7z': 'application/x-7z-compressed' };

export function writeAddin(options: AddinOptions): { manifest: string; url: string } {
  const url = options.url ?? `https://localhost:${options.port ?? 3000}/`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('BAD_OPTION', { reason: `--url “${url}” 不是有效的网址` });
  }
  if (parsed.protocol !== 'https:') throw new InputError('BAD_OPTION', { reason: `--url 须以 https:// 开头（Office 只从 HTTPS 加载加载项），实际为 “${url}”` });
  mkdirSync(options.out, { recursive: true });
  cpSync(ADDIN_FILES, options.out, { recursive: true });
  const base = url.endsWith('/') ? url : `${url}/`;
  const manifest = join(options.out, 'manifest.xml');
  writeFileSync(manifest, manifestXml(base));
  // WPS finds the offline package through these entries: they point at this address too
  writeFileSync(join(options.out, 'wps', 'jsplugins.xml'), wpsJsPlugins(`${base}wps/taizhang.7z`));
  writeFileSync(join(options.out, 'wps', 'publish.xml'), wpsPublish(`${base}wps/taizhang.7z`));
  return { manifest, url };
}

/**
 * The file a request's path names inside `root`, or undefined when the path cannot be decoded or
 * leads outside it (`/..%2fother/…`). Containment is judged on the resolved path, not on a prefix
 * of its text: `/srv/addin-x` starts with `/srv/addin` but is not inside it.
 */
export function fileInside(root: string, url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(url.split(/[?#]/)[0]!);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const target = resolve(root, `.${sep}${path.replace(/^[/\\]+/, '')}`);
  const rel = relative(root, target);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel === '' || /[/\\]$/.test(path) ? join(target, 'taskpane.html') : target;
}

/** Serves the pane files over HTTPS until the process ends. */
export async function serveAddin(options: AddinOptions): Promise<{ server: Server; url: string; manifest: string }> {
  const { manifest, url } = writeAddin(options);
  let tls: { cert: Buffer; key: Buffer };
  if (options.cert && options.key) tls = { cert: readFileSync(options.cert), key: readFileSync(options.key) };
  else {
    const certs = await import('office-addin-dev-certs');
    tls = await certs.getHttpsServerOptions(options.days); // renews an expired one
  }
  const root = resolve(options.out);
  const server = createServer(tls, (req, res) => {
    // Whatever a request holds (a broken escape, a path out of the folder), the server answers it
    // and goes on: it must never die or serve a file outside the add-in's folder.
    try {
      const file = fileInside(root, req.url ?? '/');
      if (!file) {
        res.writeHead(403).end();
        return;
      }
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      if (!res.headersSent) res.writeHead(404);
      res.end();
    }
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(options.port ?? 3000, '127.0.0.1', () => ok()));
  return { server, url, manifest };
}
