/**
 * A stream of messages from a worker thread to the main thread, with room for only a few: the
 * worker waits (on a shared counter) while the main thread is `ahead` messages behind, so a fast
 * worker never fills memory with a big sheet. Errors cross as data (run/crossing.ts): an
 * InputError keeps its code; anything else becomes an Error.
 */
import { parentPort, type TransferListItem, type Worker } from 'node:worker_threads';
import { fromCrossing, toCrossing, type CrossingError } from '../run/crossing.js';

type Message<D, E> = { job: number } & ({ data: D } | { end: E } | { error: CrossingError });

/**
 * What every job carries: the counter of messages the main thread has taken, the room, and its
 * number, which its messages carry back (a thread keeps between jobs, and a message of a job the
 * main thread let go must not be taken for one of the next job's).
 */
export interface ThreadJob {
  taken: Int32Array;
  ahead: number;
  job: number;
}

let jobs = 0;

/** Worker side: sends the data of a job, then its end or its failure. */
export function threadSender<D, E>(job: ThreadJob) {
  let sent = 0;
  const post = (m: Message<D, E>, transfer?: TransferListItem[]) => parentPort!.postMessage(m, transfer);
  const { job: id } = job;
  return {
    /** Sends data (`transfer`: memory that goes with it instead of being copied). */
    data(data: D, transfer?: TransferListItem[]): void {
      post({ job: id, data }, transfer);
      sent++;
      for (let taken = Atomics.load(job.taken, 0); sent - taken > job.ahead; taken = Atomics.load(job.taken, 0)) Atomics.wait(job.taken, 0, taken);
    },
    end(end: E): void {
      post({ job: id, end });
    },
    fail(e: unknown): void {
      post({ job: id, error: toCrossing(e) });
    },
  };
}

/**
 * Main side: gives `job` to `worker` and yields its data as they come; returns its end. `done`
 * hears whether the worker finished its job cleanly (it can take another) or not (it must go).
 */
export async function* threadMessages<D, E>(worker: Worker, job: object, ahead: number, done: (clean: boolean) => void): AsyncGenerator<D, E> {
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const queue: Message<D, E>[] = [];
  let failure: unknown;
  let wake: (() => void) | undefined;
  const nudge = () => {
    wake?.();
    wake = undefined;
  };
  const id = ++jobs;
  const onMessage = (m: Message<D, E>) => {
    if (m.job !== id) return;
    queue.push(m);
    nudge();
  };
  const onError = (e: unknown) => {
    failure ??= e;
    nudge();
  };
  // a clerk can see this (as an internal error): in Chinese
  const onExit = () => onError(new Error('读写大工作表的后台线程意外退出'));
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  if (worker.threadId === -1) onExit(); // it stopped before this job came
  worker.ref();
  worker.postMessage({ ...job, taken, ahead, job: id } satisfies ThreadJob);
  let clean = false;
  try {
    for (;;) {
      while (!queue.length && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift();
      if (!m) throw failure;
      if ('error' in m) {
        clean = true; // the worker caught it and is free again
        throw fromCrossing(m.error);
      }
      if ('end' in m) {
        clean = true;
        return m.end;
      }
      yield m.data;
      Atomics.add(taken, 0, 1);
      Atomics.notify(taken, 0);
    }
  } finally {
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    if (!clean) {
      // wake a worker waiting for room, so it can be stopped
      Atomics.store(taken, 0, 1 << 30);
      Atomics.notify(taken, 0);
    }
    done(clean);
  }
}
