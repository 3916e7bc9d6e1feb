/**
 * Where the workbooks come from, for the shared orchestration: a folder on disk (Node), files
 * dropped on a page, or the files an add-in's clerk picked. Only names and bytes; no paths.
 */
import { InputError } from '../core/problems.js';
import type { MergeRange, RawRow } from '../core/table.js';
import type { SheetPatchElsewhere, SheetPatchJob } from '../xlsx/patch.js';
import type { SheetEntry, XlsxReader } from '../xlsx/reader.js';
import type { ZipSource } from '../xlsx/zip.js';

/** Where the workbooks come from: a folder, files dropped on a page, bytes in memory. */
export interface WorkbookSource {
  /** Where the files are, in words for a message (a folder's path; 所选文件 on a page). */
  readonly where: string;
  /** The one-line refusal when configured workbooks are not there (default: 找不到工作簿 … in `where`). */
  missing?(files: string[]): InputError;
  /** The names of the files there (one folder, no subfolders). */
  list(): Promise<string[]>;
  /** A file's bytes, to read it as a workbook. */
  open(name: string): Promise<ZipSource>;
  /**
   * A readable .xlsx made from an old .xls/.et file, when this host can make one (LibreOffice in
   * Node); `done` removes it. Absent: old files cannot be read here.
   */
  legacy?(name: string): Promise<{ source: ZipSource; done: () => Promise<void> }>;
  /**
   * Reads a big sheet of an open workbook with the help of another thread, when this host has one
   * (Node): the same rows and merges as `XlsxReader.readRows`, while this thread types them and
   * runs the rules.
   */
  readSheetRows?(reader: XlsxReader, sheet: SheetEntry, onRow: (row: RawRow) => void, progress?: (done: number) => void): Promise<MergeRange[]>;
  /** The files about to be read, so a host can get ready (start a thread for a big one). */
  expect?(names: string[]): Promise<void>;
  /** Patches a big sheet of a file on another thread, when this host can (Node): the same new bytes as here. */
  patchSheet?(name: string, job: SheetPatchJob): ReturnType<SheetPatchElsewhere>;
}

/** Files held in memory or as Blobs (a page, an add-in, a test). */
export class MemorySource implements WorkbookSource {
  constructor(
    private readonly files: ReadonlyMap<string, Uint8Array | Blob>,
    readonly where = '所选文件',
    /** How to ask for workbooks that are not among these files (a pane asks to pick them). */
    private readonly ask?: (files: string[]) => InputError,
  ) {}

  missing(files: string[]): InputError {
    return this.ask?.(files) ?? new InputError('FILE_MISSING', { file: files.join('、'), dir: this.where });
  }

  async list(): Promise<string[]> {
    return [...this.files.keys()];
  }

  async open(name: string): Promise<ZipSource> {
    const f = this.files.get(name);
    if (!f) throw new InputError('FILE_MISSING', { file: name, dir: this.where });
    return f;
  }
}
