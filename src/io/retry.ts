/**
 * Sending with retries, for the mail and the group robots alike: up to 1 + `retries` tries, the
 * wait doubling from `delaySeconds`, each failed try said in the log and the last one's reason
 * with how many tries it took. Which failures are worth another try is the caller's to judge.
 */

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RetryPlan {
  retries: number;
  delaySeconds: number;
  log: (line: string) => void;
  /** A test's clock (default: real waiting). */
  sleep?: (ms: number) => Promise<void>;
}

export type Tried<T> = { ok: true; value: T; attempts: number } | { ok: false; reason: string; attempts: number };

export async function withRetries<T>(plan: RetryPlan, send: () => Promise<T>, judge: (e: unknown) => { reason: string; again: boolean }): Promise<Tried<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await send(), attempts: attempt };
    } catch (e) {
      const { reason, again } = judge(e);
      if (!again || attempt > plan.retries) return { ok: false, reason: `${reason}${attempt > 1 ? `（共尝试 ${attempt} 次）` : ''}`, attempts: attempt };
      const wait = plan.delaySeconds * 1000 * 2 ** (attempt - 1);
      plan.log(`第 ${attempt} 次发送失败：${reason}；${wait / 1000} 秒后重试`);
      await (plan.sleep ?? sleep)(wait);
    }
  }
}
