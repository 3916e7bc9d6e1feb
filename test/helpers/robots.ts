/**
 * Local HTTPS group robots on 127.0.0.1, as strict as the platforms say they are:
 * - 钉钉: POST /robot/send?access_token=…[&timestamp=…&sign=…]; with a secret, the sign must be the
 *   URL-encoded Base64 HMAC-SHA256 of `timestamp + "\n" + secret` and the timestamp within an hour,
 *   else errcode 310000; an unknown token is errcode 300001;
 * - 企业微信: POST /cgi-bin/webhook/send?key=…; markdown.content over 4,096 UTF-8 bytes is errcode 40058;
 *   an unknown key is errcode 93000.
 * Both answer {"errcode":0,"errmsg":"ok"} and record what they got; they can be told to fail first.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCert } from './smtp.js';

export interface Received {
  query: URLSearchParams;
  body: any;
  /** The answer the robot gave. */
  errcode: number;
}

export interface Robot {
  port: number;
  /** Every request, accepted or not. */
  received: Received[];
  /** The messages accepted into the group. */
  posted: any[];
  /** The webhook with the token as an env placeholder, for the config. */
  webhook: (envName: string) => string;
  close(): Promise<void>;
}

export interface RobotOptions {
  cert: TestCert;
  kind: 'dingtalk' | 'wecom';
  /** access_token (钉钉) or key (企业微信) the robot accepts. */
  token: string;
  /** 钉钉's 加签 secret. */
  secret?: string;
  /** The first N requests get HTTP 502, as a robot behind a failing gateway. */
  failFirst?: number;
  /** The first N requests are answered only after this many ms. */
  slowFirst?: { count: number; ms: number };
  /** Every request gets this answer, as is (an error page, an odd JSON). */
  answer?: { status: number; body: string };
  /** Every request is sent on to this address with a 302, as a misconfigured proxy might. */
  redirectTo?: string;
  /** Every request is answered with this errcode (130101: 钉钉's "send too fast"). */
  errcode?: { code: number; errmsg: string };
}

export async function startRobot(o: RobotOptions): Promise<Robot> {
  const received: Received[] = [];
  const posted: any[] = [];
  let requests = 0;
  const server: Server = createServer({ key: o.cert.key, cert: o.cert.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = ++requests;
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const answer = (errcode: number, errmsg: string, body: any) => {
        received.push({ query: url.searchParams, body, errcode });
        if (errcode === 0) posted.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode, errmsg }));
      };
      const respond = () => {
        if (o.answer) {
          received.push({ query: url.searchParams, body: undefined, errcode: -o.answer.status });
          res.writeHead(o.answer.status, { 'content-type': 'text/html; charset=utf-8' }).end(o.answer.body);
          return;
        }
        if (o.redirectTo) {
          received.push({ query: url.searchParams, body: undefined, errcode: -302 });
          res.writeHead(302, { location: o.redirectTo }).end();
          return;
        }
        if (o.failFirst && n <= o.failFirst) {
          received.push({ query: url.searchParams, body: undefined, errcode: -502 });
          res.writeHead(502).end('Bad Gateway');
          return;
        }
        let body: any;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return answer(40001, 'invalid json', undefined);
        }
        if (req.method !== 'POST' || !/json/.test(String(req.headers['content-type']))) return answer(40001, 'POST application/json required', body);
        if (o.errcode) return answer(o.errcode.code, o.errcode.errmsg, body);
        if (o.kind === 'dingtalk') {
          if (url.pathname !== '/robot/send' || url.searchParams.get('access_token') !== o.token) return answer(300001, 'token is not exist', body);
          if (o.secret) {
            const timestamp = Number(url.searchParams.get('timestamp'));
            const expected = createHmac('sha256', o.secret).update(`${timestamp}\n${o.secret}`).digest('base64');
            // URLSearchParams has decoded the URL-encoding once, as 钉钉's server does
            if (url.searchParams.get('sign') !== expected || Math.abs(Date.now() - timestamp) > 3_600_000) return answer(310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]', body);
          }
          if (body.msgtype !== 'markdown' || typeof body.markdown?.title !== 'string' || typeof body.markdown?.text !== 'string') return answer(40035, 'missing markdown title or text', body);
          return answer(0, 'ok', body);
        }
        if (url.pathname !== '/cgi-bin/webhook/send' || url.searchParams.get('key') !== o.token) return answer(93000, 'invalid webhook url', body);
        if (body.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string') return answer(40008, 'invalid message type', body);
        if (Buffer.byteLength(body.markdown.content, 'utf8') > 4096) return answer(40058, 'markdown.content exceed max length 4096', body);
        return answer(0, 'ok', body);
      };
      if (o.slowFirst && n <= o.slowFirst.count) setTimeout(respond, o.slowFirst.ms);
      else respond();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const path = o.kind === 'dingtalk' ? '/robot/send?access_token=' : '/cgi-bin/webhook/send?key=';
  return {
    port,
    received,
    posted,
    webhook: (envName) => `https://127.0.0.1:${port}${path}\${${envName}}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
