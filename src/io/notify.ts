/**
 * Posting the group notice to the 钉钉 and 企业微信 robots the config names. Each robot is on its own:
 * one that is down, slow or refuses is tried again (with a backoff; 钉钉 takes 20 messages a minute),
 * then given up with its reason in Chinese, and the others, the summary and the mail go on. Tokens
 * and secrets come only from environment variables and are masked (`access_token=…3f9a`) in every
 * line this module writes. Each robot remembers the report it last delivered
 * (`.taizhang/notify/<robot>.json`) to say what changed since; a robot that failed says it again next time.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ENV_PLACEHOLDER, tokenEnvOf, type Config, type RobotConfig } from '../core/config.js';
import { peopleOwing } from '../core/people.js';
import type { Evaluation } from '../core/report.js';
import { changesSince, parseSnapshot, snapshotOf, type Snapshot } from '../run/changes.js';
import { groupNotice, type Notice } from '../run/notice.js';
import { InputError } from '../core/problems.js';
import { writeFileAtomic } from './atomic.js';
import { check, resolveContext, type CheckOptions } from './check.js';
import { STATE_DIR } from './refresh.js';
import { findingsListPath, writeFindingsList } from './summary.js';
import { withRetries } from './retry.js';

const KIND_WORDS: Record<RobotConfig['kind'], string> = { dingtalk: '钉钉', wecom: '企业微信' };

/** Answers that waiting will not heal: a wrong token, signature or webhook, a message too long. */
const PERMANENT_ERRCODES = new Set([310000, 300001, 93000, 40058]);

export interface RobotOutcome {
  /** The robot as the log names it: 「钉钉机器人（…3f9a）」 or its configured name. */
  robot: string;
  sent: boolean;
  attempts: number;
  /** Why it was not sent, in Chinese, tokens masked. */
  reason?: string;
  notice?: Notice;
  /** In a dry run: the file the notice was written to instead. */
  file?: string;
  /** The same group as a robot before it, which has posted already: nothing sent, and nothing wrong. */
  skipped?: boolean;
}

export interface NotifyOptions {
  /** The workbooks' folder: the robots' memory is in its `.taizhang/notify/`. */
  dir: string;
  evaluation: Evaluation;
  config: Config;
  /** The day's 问题清单 workbook, named in the notice. */
  findingsList: string;
  /** Do not post: write each notice to `.taizhang/notify/` (unless `write` is false) and hand it back. */
  dryRun?: boolean;
  /** In a dry run, write nothing at all (`notify --dry-run` prints the notices instead). */
  write?: boolean;
  log: (line: string) => void;
  /** Where `${NAME}` placeholders and secrets are looked up; default `process.env`. */
  env?: Record<string, string | undefined>;
  sleep?: (ms: number) => Promise<void>;
}

class RobotError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** `…3f9a`: the last four characters of a secret, enough to tell robots apart; nothing of a short one. */
function maskSecret(secret: string): string {
  return secret.length >= 12 ? `…${secret.slice(-4)}` : '…';
}

/** The ways a robot may echo a secret back: as is, URL-encoded (either case), form-encoded, JSON-escaped. */
function formsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return [...new Set([secret, encoded, encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), encoded.replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1)])].sort((a, b) => b.length - a.length);
}

/**
 * A robot's words made safe to show: every token parameter's value masked whatever it holds (an
 * error page may echo the address), every known secret masked in every form, whitespace folded to
 * one line, and only then cut short, so that a cut can never leave part of a secret unmasked.
 */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\b(access_token|key|sign)=([^&\s"'<>]+)/gi, (_m, name: string, value: string) => `${name}=${maskSecret(value)}`);
  for (const secret of secrets) for (const form of formsOf(secret)) out = out.split(form).join(maskSecret(secret));
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > 200 ? `${out.slice(0, 200)}…` : out;
}

/** A stable name for a robot's memory: the kind and a hash of the webhook as written (placeholders, not tokens). */
function robotId(robot: RobotConfig): string {
  return `${robot.kind}-${createHash('sha256').update(robot.webhook).digest('hex').slice(0, 12)}`;
}

/** The webhook with its `${NAME}` placeholders filled from the environment; the values are secrets. */
function resolveWebhook(robot: RobotConfig, env: Record<string, string | undefined>): { url: string; secrets: string[] } {
  const secrets: string[] = [];
  const url = robot.webhook.replace(ENV_PLACEHOLDER, (_m, name: string) => {
    const value = env[name];
    if (!value) throw new RobotError(`环境变量 ${name} 未设置（机器人 Webhook 中的令牌），未发送`, true);
    secrets.push(value);
    return encodeURIComponent(value);
  });
  return { url, secrets };
}

/** 钉钉's 加签: Base64 of HMAC-SHA256 over `timestamp + "\n" + secret`, keyed with the secret, URL-encoded. */
function dingtalkSign(secret: string, timestamp: number): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
}

function messageOf(robot: RobotConfig, notice: Notice): unknown {
  if (robot.kind === 'wecom') return { msgtype: 'markdown', markdown: { content: notice.text } };
  return { msgtype: 'markdown', markdown: { title: notice.title, text: notice.text }, ...(notice.atMobiles.length ? { at: { atMobiles: notice.atMobiles, isAtAll: false } } : {}) };
}

/** What the platforms' errcodes mean, for a clerk (their errmsg is English). */
const ERRCODE_WORDS: Record<number, string> = {
  310000: '签名不对：加签密钥错了，或机器人设了关键词、IP 限制',
  300001: '令牌无效：机器人已删除，或 Webhook 没有复制完整',
  130101: '发送太频繁：钉钉每个机器人每分钟最多 20 条',
  93000: 'Webhook 地址无效：机器人已删除，或地址没有复制完整',
  45009: '发送太频繁',
  40058: '内容过长',
};

/** An answer's body, at most `limit` bytes of it: a robot answers in a few dozen. */
async function bodyOf(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all.subarray(0, limit));
}

const isTimeout = (e: unknown) => (e as Error)?.name === 'TimeoutError' || (e as Error)?.name === 'AbortError';

async function postOnce(url: string, body: string, timeoutMs: number): Promise<void> {
  const late = () => new RobotError(`${timeoutMs / 1000} 秒内没有应答`, false);
  let response: Response;
  try {
    // never followed: a robot answers where it is, and the token must not travel to another address
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    if (isTimeout(e)) throw late();
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const cause = String(err.cause?.code ?? err.cause?.message ?? err.message);
    if (/CERT|certificate|self.signed|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i.test(cause)) {
      throw new RobotError(`证书无法验证（${cause}）：学校网络若有上网行为管理替换了证书，请把它的根证书存成文件，用环境变量 NODE_EXTRA_CA_CERTS 指向它`, true);
    }
    if (/ECONNRESET|UND_ERR_SOCKET|EPIPE/.test(cause)) throw new RobotError(`连接被中断（${cause}）`, false);
    throw new RobotError(`连不上（${cause}）`, false);
  }
  if (response.status >= 300 && response.status < 400) throw new RobotError(`Webhook 地址被转到别处（HTTP ${response.status}），未跟随；请核对地址`, true);
  let text: string;
  try {
    text = await bodyOf(response, 64 * 1024);
  } catch (e) {
    throw isTimeout(e) ? late() : new RobotError(`应答没有读完（${(e as Error).message}）`, false);
  }
  if (!response.ok) throw new RobotError(`HTTP ${response.status}${text ? `：${text}` : ''}`, response.status < 500 && response.status !== 429);
  let answer: unknown;
  try {
    answer = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    throw new RobotError(`应答不是 JSON（${text}）`, false);
  }
  if (typeof answer !== 'object' || answer === null || !('errcode' in answer)) throw new RobotError(`应答不是机器人的格式（${text}）`, false);
  const { errcode, errmsg } = answer as { errcode: unknown; errmsg?: unknown };
  // "0" as a string is the same answer: taking it for a failure would post the notice again
  const code = Number(errcode);
  if (code === 0 && String(errcode).trim() !== '') return;
  const words = ERRCODE_WORDS[code];
  throw new RobotError(`errcode ${String(errcode)}${words ? `（${words}）` : ''}：${String(errmsg ?? '')}`, PERMANENT_ERRCODES.has(code));
}

/** How a robot is named in the log: its configured name, or its kind and masked token. */
function robotName(robot: RobotConfig, env: Record<string, string | undefined>): string {
  if (robot.name) return `${KIND_WORDS[robot.kind]}「${robot.name}」`;
  const token = tokenEnvOf(robot);
  const value = token ? env[token] : undefined;
  return `${KIND_WORDS[robot.kind]}机器人（${value ? maskSecret(value) : token ?? ''}）`;
}

/** Builds each robot's notice and posts it (or writes it, in a dry run); never throws for a robot's failure. */
export async function notifyRobots(o: NotifyOptions): Promise<RobotOutcome[]> {
  const env = o.env ?? process.env;
  const { report, roster } = o.evaluation;
  const people = peopleOwing(report, roster, o.config);
  const current = snapshotOf(report);
  const state = join(o.dir, STATE_DIR, 'notify');
  const writes = !o.dryRun || o.write !== false;
  if (writes) await mkdir(state, { recursive: true });
  const seen = new Set<string>();

  const one = async (robot: RobotConfig, index: number): Promise<RobotOutcome> => {
    const name = robotName(robot, env);
    const memory = join(state, `${robotId(robot)}.json`);
    const last: Snapshot | undefined = await readFile(memory, 'utf8').then(parseSnapshot, () => undefined);
    const notice = groupNotice({ report, people, roster, findingsList: basename(o.findingsList), ...(last ? { changes: { since: last.asOf, changes: changesSince(last, current) } } : {}) }, robot, o.config);
    if (notice.notAt.length) o.log(`  ${name}：${notice.atMobiles.length ? `名册中没有这些人的手机号（或不是 11 位手机号），未 @：${notice.notAt.join('、')}` : '名册中没有“手机”列或都未填写，未 @ 任何人'}`);
    if (o.dryRun && !writes) return { robot: name, sent: false, attempts: 0, notice };
    if (o.dryRun) {
      // named for the clerk who opens it: 群提醒-校党总支群-2014-08-15.md (numbered when there are several)
      const label = (robot.name ?? KIND_WORDS[robot.kind]).replace(/[\\/:*?"<>|\s]+/g, '_');
      const file = join(state, `群提醒-${o.config.notify.length > 1 ? `${index + 1}-` : ''}${label}-${report.asOf}.md`);
      await writeFileAtomic(file, `${notice.title}\n\n${notice.text}\n`);
      return { robot: name, sent: false, attempts: 0, notice, file };
    }
    let secrets: string[] = [];
    try {
      const resolved = resolveWebhook(robot, env);
      secrets = resolved.secrets;
      // the same group named twice gets the notice once (when the first one got it through)
      if (seen.has(resolved.url)) return { robot: name, sent: false, skipped: true, attempts: 0, notice };
      let secret: string | undefined;
      if (robot.secretEnv) {
        secret = env[robot.secretEnv];
        if (!secret) throw new RobotError(`环境变量 ${robot.secretEnv} 未设置（钉钉机器人的加签密钥），未发送`, true);
        secrets.push(secret);
      }
      const body = JSON.stringify(messageOf(robot, notice));
      const post = () => {
        // 加签 is made afresh for each try: 钉钉 refuses a timestamp more than an hour old
        const timestamp = Date.now();
        return postOnce(secret ? `${resolved.url}&timestamp=${timestamp}&sign=${dingtalkSign(secret, timestamp)}` : resolved.url, body, robot.timeoutSeconds * 1000);
      };
      const tried = await withRetries({ retries: robot.retries, delaySeconds: robot.retryDelaySeconds, log: (l) => o.log(`  ${name}：${l}`), ...(o.sleep ? { sleep: o.sleep } : {}) }, post,
        (e) => ({ reason: scrub(e instanceof RobotError ? e.message : String((e as Error).message), secrets), again: e instanceof RobotError && !e.permanent }));
      if (!tried.ok) return { robot: name, sent: false, attempts: tried.attempts, notice, reason: tried.reason };
      seen.add(resolved.url);
      // posted is posted: a memory that cannot be saved costs a repeat of the changes next time, not a failure now
      await writeFileAtomic(memory, JSON.stringify(current)).catch((e: unknown) => o.log(`  ${name}：已发送，但记不下这次的内容（${memory}：${(e as { code?: string }).code ?? '写入失败'}），下次提醒会再列一遍这次的变化`));
      return { robot: name, sent: true, attempts: tried.attempts, notice };
    } catch (e) {
      const reason = e instanceof RobotError ? e.message : String((e as Error).message);
      return { robot: name, sent: false, attempts: 0, notice, reason: scrub(reason, secrets) };
    }
  };

  // one after another: two robots of one group would otherwise race for the same memory
  const outcomes: RobotOutcome[] = [];
  for (const [i, robot] of o.config.notify.entries()) outcomes.push(await one(robot, i));
  return outcomes;
}

/** One line per robot for the log and the console. */
export function outcomeLine(r: RobotOutcome): string {
  if (r.file) return `${r.robot}：试运行，未发送；通知已写到 ${r.file}`;
  if (r.skipped) return `${r.robot}：与前面的机器人是同一个群，已由它发出，不再重复`;
  if (r.sent) return `${r.robot}：已发送${r.attempts > 1 ? `（第 ${r.attempts} 次尝试成功）` : ''}${r.notice?.cut.people ? `；另有 ${r.notice.cut.people} 人只在问题清单中` : ''}`;
  return `${r.robot}：未发送：${r.reason ?? ''}`;
}

/** `taizhang notify DIR`: check, write the day's 问题清单, post to every robot (a dry run prints the notices, writes nothing). */
export async function notifyCommand(dir: string, options: CheckOptions & { dryRun?: boolean }): Promise<{ lines: string[]; problems: string[] }> {
  // no robot to post to is said before any workbook is read
  const context = await resolveContext(dir, options);
  if (!context.config.notify.length) throw new InputError('NO_ROBOTS', {});
  const result = await check(dir, { ...options, context });
  const { config } = result;
  const list = findingsListPath(dir, config, result.report.asOf);
  const lines: string[] = [];
  if (options.dryRun) {
    const outcomes = await notifyRobots({ dir, evaluation: result, config, findingsList: list, dryRun: true, log: (l) => lines.push(l.trim()), write: false });
    for (const o of outcomes) lines.push(`—— ${o.robot}（试运行，未发送）——`, o.notice!.text, '');
    return { lines, problems: [] };
  }
  await writeFindingsList(result, config, list, dir);
  lines.push(`问题清单已写出：${list}`);
  const outcomes = await notifyRobots({ dir, evaluation: result, config, findingsList: list, log: (l) => lines.push(l.trim()) });
  const problems: string[] = [];
  for (const o of outcomes) (o.sent || o.skipped ? lines : problems).push(`群通知${o.sent || o.skipped ? '' : '未发出'}：${outcomeLine(o)}`);
  return { lines, problems };
}
