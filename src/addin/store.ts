/** The picked workbooks, remembered in the pane's IndexedDB (they never leave the PC). */
import type { PickedWorkbook, WorkbookStore } from './session.js';

const DB = 'taizhang';
const STORE = 'workbooks';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'name' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then((db) => new Promise<T>((resolve, reject) => {
    const req = op(db.transaction(STORE, mode).objectStore(STORE));
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  }));
}

export class IndexedDbStore implements WorkbookStore {
  /** Every picked workbook, by a cursor (IDBObjectStore.getAll is missing in EdgeHTML). */
  list(): Promise<PickedWorkbook[]> {
    return open().then((db) => new Promise<PickedWorkbook[]>((resolve, reject) => {
      const out: PickedWorkbook[] = [];
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).openCursor();
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return resolve(out);
        out.push(cursor.value as PickedWorkbook);
        cursor.continue();
      };
      req.onerror = () => reject(req.error);
    }));
  }
  async put(w: PickedWorkbook): Promise<void> {
    await run('readwrite', (s) => s.put(w));
  }
}
