// Loads the sql.js WebAssembly module once per process, and opens the live database in SQLite's
// own memory instead of as a file in sql.js's in-memory file system.
//
// Why: sql.js keeps a database "file" as one JavaScript Uint8Array that it grows by 12.5% with a
// full copy whenever SQLite writes past its end. A server that appends an audit row per sign-in
// grows the file steadily, so every few seconds one commit stalls the event loop for 20-90 ms (a
// 100-200 MB copy into freshly mapped pages): that was the RADIUS p99. A `:memory:` database keeps
// its pages in the WebAssembly heap, which grows in place. sql.js has no API for it, so the
// handle is opened with SQLite's exported C functions; reading the handle back needs the module's
// memory, caught while it is instantiated. If anything here is missing (another sql.js build),
// `openDatabase` falls back to the file-backed database and `isInSqliteMemory` says so; a test
// pins the fast path for the version in package.json.
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

/** The C functions sql.js exports but does not type. */
interface SqliteExports {
  _sqlite3_open(filename: number, handleOut: number): number;
  _sqlite3_close_v2(handle: number): number;
  _sqlite3_backup_init(dest: number, destName: number, src: number, srcName: number): number;
  _sqlite3_backup_step(backup: number, pages: number): number;
  _sqlite3_backup_finish(backup: number): number;
  _sqlite3_errmsg(handle: number): number;
  _RegisterExtensionFunctions?(handle: number): number;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  stringToNewUTF8(text: string): number;
  writeArrayToMemory(bytes: ArrayLike<number>, pointer: number): void;
  UTF8ToString(pointer: number): string;
}

/** The parts of the WebAssembly API used here (the project's TypeScript libs do not type it). */
interface WasmMemory {
  buffer: ArrayBuffer;
}
interface WasmApi {
  instantiate(...args: unknown[]): Promise<unknown>;
  Instance: abstract new (...args: never[]) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Runtime {
  SQL: SqlJsStatic;
  memory: WasmMemory | null;
}

const SQLITE_OK = 0;
const SQLITE_DONE = 101;

let loading: Promise<Runtime> | null = null;
const inSqliteMemory = new WeakSet<Database>();

function loadRuntime(): Promise<Runtime> {
  loading ??= instantiateCatchingMemory();
  return loading;
}

export async function loadSqlJs(): Promise<SqlJsStatic> {
  return (await loadRuntime()).SQL;
}

async function instantiateCatchingMemory(): Promise<Runtime> {
  const require = createRequire(import.meta.url);
  const instantiate = wasm.instantiate;
  const memories: WasmMemory[] = [];
  // Every module instantiated meanwhile is looked at (Ink may load its own); the right memory is
  // told apart below by writing through sql.js and reading back.
  wasm.instantiate = async function (this: unknown, ...args: unknown[]) {
    const result = await instantiate.apply(this, args);
    const instance =
      result instanceof wasm.Instance ? result : (result as { instance?: unknown }).instance;
    const exports = instance instanceof wasm.Instance ? instance.exports : {};
    for (const value of Object.values(exports)) {
      if (value instanceof wasm.Memory) memories.push(value);
    }
    return result;
  };

  let SQL: SqlJsStatic;
  try {
    SQL = await initSqlJs({
      locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`),
    });
  } finally {
    wasm.instantiate = instantiate;
  }
  return { SQL, memory: findOwnMemory(SQL as unknown as SqliteExports, memories) };
}

function findOwnMemory(c: SqliteExports, memories: WasmMemory[]): WasmMemory | null {
  if (typeof c._malloc !== 'function' || typeof c.writeArrayToMemory !== 'function') return null;
  const probe = [0x6f, 0x61, 0x74, 0x68, 0x64, 0x65, 0x73, 0x6b];
  const pointer = c._malloc(probe.length);
  try {
    c.writeArrayToMemory(probe, pointer);
    return (
      memories.find((memory) =>
        probe.every((byte, i) => new Uint8Array(memory.buffer)[pointer + i] === byte),
      ) ?? null
    );
  } finally {
    c._free(pointer);
  }
}

/**
 * Opens a database whose pages live in SQLite's memory, filled from `data` (a database file)
 * when given. Throws when `data` is not a database.
 */
export async function openDatabase(data?: Uint8Array): Promise<Database> {
  const { SQL, memory } = await loadRuntime();
  const c = SQL as unknown as SqliteExports;
  if (memory === null || typeof c._sqlite3_backup_init !== 'function') {
    return data ? new SQL.Database(data) : new SQL.Database();
  }

  const db = new SQL.Database();
  const handle = openMemoryHandle(c, memory);
  const live = db as unknown as { db: number };
  c._sqlite3_close_v2(live.db);
  live.db = handle;
  c._RegisterExtensionFunctions?.(handle);
  inSqliteMemory.add(db);

  if (data) {
    try {
      copyInto(SQL, db, data);
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return db;
}

/** True when `db` keeps its pages in SQLite's memory (the fast path of `openDatabase`). */
export function isInSqliteMemory(db: Database): boolean {
  return inSqliteMemory.has(db);
}

function openMemoryHandle(c: SqliteExports, memory: WasmMemory): number {
  const name = c.stringToNewUTF8(':memory:');
  const out = c._malloc(4);
  try {
    const rc = c._sqlite3_open(name, out);
    const handle = new Int32Array(memory.buffer, out, 1)[0] ?? 0;
    if (rc !== SQLITE_OK || handle === 0) {
      if (handle !== 0) c._sqlite3_close_v2(handle);
      throw new Error(`cannot open an in-memory database (SQLite code ${rc})`);
    }
    return handle;
  } finally {
    c._free(out);
    c._free(name);
  }
}

/** Copies the database file `data` into the empty database `db` with SQLite's backup API. */
function copyInto(SQL: SqlJsStatic, db: Database, data: Uint8Array): void {
  const c = SQL as unknown as SqliteExports;
  const source = new SQL.Database(data);
  const main = c.stringToNewUTF8('main');
  try {
    // A memory database takes the source's page size only while it is still empty.
    const pageSize = Number(source.exec('PRAGMA page_size')[0]?.values[0]?.[0] ?? 4096);
    db.exec(`PRAGMA page_size = ${pageSize}`);

    const dest = (db as unknown as { db: number }).db;
    const src = (source as unknown as { db: number }).db;
    const backup = c._sqlite3_backup_init(dest, main, src, main);
    if (backup === 0) throw new Error(c.UTF8ToString(c._sqlite3_errmsg(dest)));
    const stepped = c._sqlite3_backup_step(backup, -1);
    const finished = c._sqlite3_backup_finish(backup);
    if (stepped !== SQLITE_DONE || finished !== SQLITE_OK) {
      throw new Error(c.UTF8ToString(c._sqlite3_errmsg(dest)) || `SQLite code ${stepped}`);
    }
  } finally {
    c._free(main);
    source.close();
  }
}
