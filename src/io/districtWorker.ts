/** A worker thread of `taizhang district`: checks the school folders it is given, one at a time. */
import { parentPort } from 'node:worker_threads';
import { checkSchool } from './district.js';

parentPort!.on('message', async (m: { i: number; dir: string; asOf?: string }) => {
  parentPort!.postMessage({ i: m.i, result: await checkSchool(m.dir, { asOf: m.asOf }) });
});
