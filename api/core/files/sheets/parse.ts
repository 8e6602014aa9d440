import { Worker } from 'node:worker_threads';
import { AppError, invalid } from '../../errors';
import { fromRoot } from '../../paths';
import { assertZipWithinLimits } from './zip-limits';

/** How long one file may take to parse, and how much heap the parser may use, before it is refused. */
const TIMEOUT_MS = 30_000;
const WORKER_HEAP_MB = 512;
/** Imports waiting for the parser beyond this are refused (503) instead of piling up in memory. */
const MAX_WAITING = 8;

type Job = {
  id: number;
  kind: 'xlsx' | 'csv';
  bytes: Uint8Array;
  resolve: (rows: string[][] | null) => void;
  reject: (err: Error) => void;
};
type Reply = { id: number; ok: true; rows: string[][] | null } | { id: number; ok: false; message: string };

const tooBig = () =>
  new AppError('PAYLOAD_TOO_LARGE', {
    messages: {
      id: 'Berkas terlalu besar atau rumit untuk dibaca. Pecah menjadi beberapa berkas.',
      en: 'The file is too large or complex to read. Split it into smaller files.',
    },
  });

/**
 * One worker thread that parses spreadsheets, one file at a time (a bounded pool of one: imports
 * are rare, memory on a small server is not). The request thread stays free for everything else
 * (/healthz, other users) while a 100,000-row file is read. A parse that runs out of its heap or
 * time is killed and the worker replaced.
 */
class SheetParser {
  private worker: Worker | null = null;
  private current: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly waiting: Job[] = [];
  private nextId = 1;

  /** Files being parsed or waiting (tests wait on it). */
  get pending() {
    return (this.current ? 1 : 0) + this.waiting.length;
  }

  parse(kind: Job['kind'], bytes: Buffer): Promise<string[][] | null> {
    if (this.waiting.length >= MAX_WAITING) return Promise.reject(new AppError('UNAVAILABLE'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, kind, bytes: new Uint8Array(bytes), resolve, reject });
      this.pump();
    });
  }

  private pump() {
    if (this.current) return;
    const job = this.waiting.shift();
    if (!job) {
      this.worker?.unref(); // idle: do not keep the process alive
      return;
    }
    this.current = job;
    const worker = this.ensureWorker();
    worker.ref();
    this.timer = setTimeout(() => this.finish(tooBig(), true), TIMEOUT_MS);
    worker.postMessage({ id: job.id, kind: job.kind, bytes: job.bytes }, [job.bytes.buffer as ArrayBuffer]);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(fromRoot('api/core/files/sheets/sheet-worker.mjs'), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    // A worker that was replaced (killed after a time-out) must not touch the next file's job.
    worker.on('message', (reply: Reply) => {
      if (this.worker !== worker || reply.id !== this.current?.id) return;
      if (reply.ok) this.finish(reply.rows);
      else this.finish(new Error(reply.message));
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.finish(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBig() : err, true);
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.finish(tooBig());
    });
    this.worker = worker;
    return worker;
  }

  private finish(result: string[][] | null | Error, killWorker = false) {
    const job = this.current;
    if (!job) return;
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (killWorker && this.worker) {
      void this.worker.terminate();
      this.worker = null;
    }
    if (result instanceof Error) job.reject(result);
    else job.resolve(result);
    this.pump();
  }
}

export const sheetParser = new SheetParser();

/**
 * Reads a CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file into rows of cell
 * texts, off the request thread. An XLSX is first checked for decompression bombs (413).
 */
export async function parseSheet(bytes: Buffer, fileName: string): Promise<string[][]> {
  const isXlsx = bytes.subarray(0, 2).toString('latin1') === 'PK';
  if (!isXlsx && /\.xlsx$/i.test(fileName)) throw unreadable(fileName);
  if (isXlsx) {
    try {
      await assertZipWithinLimits(bytes);
    } catch (err) {
      throw err instanceof AppError ? err : unreadable(fileName);
    }
    const rows = await sheetParser.parse('xlsx', bytes).catch((err) => {
      throw err instanceof AppError ? err : unreadable(fileName);
    });
    if (!rows) throw unreadable(fileName);
    return rows;
  }
  const rows = await sheetParser.parse('csv', bytes).catch((err) => {
    if (err instanceof AppError) throw err;
    throw invalid({
      id: `Berkas CSV tidak dapat dibaca: ${(err as Error).message}`,
      en: `The CSV file cannot be read: ${(err as Error).message}`,
    });
  });
  return rows ?? [];
}

const unreadable = (fileName: string) =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', {
    messages: {
      id: `${fileName} bukan berkas CSV atau XLSX yang dapat dibaca.`,
      en: `${fileName} is not a readable CSV or XLSX file.`,
    },
  });
