/** A worker thread of `taizhang district`: checks the school folders it is given, one at a time. */
import { parentPort } from 'node:worker_threads';
import type { Lang } from '../core/findings.js';
import { checkSchool, type SchoolResult } from './district.js';

/** A folder to check, and the answer: its index in the list and its result. */
export interface DistrictJob {
  i: number;
  dir: string;
  asOf?: string;
  /** The language of the school's report and of its reason, as the run's. */
  lang?: Lang;
}
export interface DistrictAnswer {
  i: number;
  result: SchoolResult;
}

parentPort!.on('message', async (job: DistrictJob) => {
  parentPort!.postMessage({ i: job.i, result: await checkSchool(job.dir, { asOf: job.asOf, lang: job.lang }) } satisfies DistrictAnswer);
});
