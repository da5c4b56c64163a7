// The workspace index: file → summary, versioned, plus memoisation of derived results keyed by what
// each computation read: files, folder listings and other memos. An edit bumps one file's version;
// a memo is recomputed only when something it read changed. A memo declared with `equals` also
// stops the change from spreading: when it is recomputed to an equal value, what read it stays valid
// (early cutoff, as in rust-analyzer's salsa).
import * as fs from "node:fs";
import * as path from "node:path";
import { countLines, parseSummary } from "../python/parser";
import type { ModuleSummary } from "../python/types";
import { type Logger, nullLogger } from "./logger";

/** Files larger than this are not parsed (generated code); the log says so once. */
export const MAX_PARSE_BYTES = 4 * 1024 * 1024;

/** Something memos read: a file or a folder listing, versioned. */
interface Source {
  memo: false;
  version: number;
  /** Memos that read it, to mark after a change. */
  readers?: Set<MemoEntry>;
}

interface FileEntry extends Source {
  /** Text from an open document, which wins over the disk. */
  overlay?: { text: string; docVersion: number };
  text?: string | null;
  summary?: ModuleSummary | null;
}

interface MemoEntry {
  memo: true;
  key: string;
  value: unknown;
  /** What the computation read, in order: sources with their versions, memos with their changedAt. */
  deps: Map<Dep, number>;
  /** Memos that read this one. */
  readers?: Set<MemoEntry>;
  /** Being computed: a check that meets it cannot trust it. */
  busy: boolean;
  /** The clock when the entry was last known valid: nothing changed since, nothing to check. */
  checkedAt: number;
  /** False once something it read (directly or through other memos) may have changed: check before use. */
  verified: boolean;
  /** A stamp that changes exactly when the value changes (for those that read this memo). */
  changedAt: number;
  /** Cutoff memos keep their computation, so that a reader can bring them up to date and compare. */
  compute?: () => unknown;
  equals?: (a: unknown, b: unknown) => boolean;
}

type Dep = Source | MemoEntry;

export interface MemoOptions<T> {
  /**
   * Values equal by this are one value: readers of the memo stay valid when it is recomputed to an
   * equal one. The computation must depend on nothing but the key and what it reads through the
   * index (it may be re-run from another memo's check, with the closure of an earlier call).
   */
  equals: (a: T, b: T) => boolean;
}

/** Statistics, for the benchmark and tests of incrementality. */
export interface IndexStats {
  parses: number;
  reads: number;
  memoHits: number;
  memoMisses: number;
}

const EMPTY_SUMMARY: ModuleSummary = { statements: [], calls: [], strings: [], errors: [], lineCount: 0 };

export class WorkspaceIndex {
  private files = new Map<string, FileEntry>();
  /** Versions of folder listings and of existence checks. */
  private dirs = new Map<string, Source>();
  private memos = new Map<string, MemoEntry>();
  /** Folder facts (listing, is-a-folder) cached until the folder's version changes. */
  private dirFacts = new Map<string, { version: number; isDir?: boolean; list?: { name: string; isDir: boolean }[] }>();
  private tracking: Map<Dep, number>[] = [];
  private computing = new Set<string>();
  private clock = 1;
  private stamp = 1;
  readonly stats: IndexStats = { parses: 0, reads: 0, memoHits: 0, memoMisses: 0 };
  private warned = new Set<string>();

  constructor(readonly log: Logger = nullLogger) {}

  // ---- dependency tracking -------------------------------------------------------------------

  /** Records a read in the innermost running memo. */
  private record(dep: Dep, version: number): void {
    const top = this.tracking[this.tracking.length - 1];
    if (top) top.set(dep, version);
  }

  private dirEntry(dir: string): Source {
    let d = this.dirs.get(dir);
    if (!d) {
      d = { memo: false, version: 0 };
      this.dirs.set(dir, d);
    }
    return d;
  }

  /**
   * Computes `compute()` once per set of inputs: the result is reused while every file, folder and
   * memo it read is unchanged. The enclosing memo records this one as a dependency.
   */
  memo<T>(key: string, compute: () => T, options?: MemoOptions<T>): T {
    if (this.computing.has(key)) return compute(); // a recursive call: its reads go to the caller
    const hit = this.memos.get(key);
    if (hit) {
      if (hit.compute) hit.compute = compute;
      if (this.upToDate(hit)) {
        this.stats.memoHits++;
        this.record(hit, hit.changedAt);
        return hit.value as T;
      }
    }
    const entry = this.recompute(key, compute, options?.equals as MemoEntry["equals"], hit);
    this.record(entry, entry.changedAt);
    return entry.value as T;
  }

  private recompute(key: string, compute: () => unknown, equals: MemoEntry["equals"], old: MemoEntry | undefined): MemoEntry {
    this.stats.memoMisses++;
    const deps = new Map<Dep, number>();
    this.tracking.push(deps);
    this.computing.add(key);
    if (old) old.busy = true;
    let value: unknown;
    try {
      value = compute();
    } finally {
      if (old) old.busy = false;
      this.computing.delete(key);
      this.tracking.pop();
    }
    const same = old !== undefined && equals !== undefined && equals(old.value, value);
    // The entry object stays the same (readers hold it); what it read is replaced.
    const entry: MemoEntry = old ?? { memo: true, key, value, deps, busy: false, checkedAt: 0, verified: false, changedAt: 0 };
    if (old) for (const d of old.deps.keys()) if (!deps.has(d)) d.readers?.delete(old);
    for (const d of deps.keys()) (d.readers ??= new Set()).add(entry);
    entry.value = same ? old.value : value;
    entry.deps = deps;
    entry.checkedAt = this.clock;
    entry.verified = true;
    entry.changedAt = same ? old.changedAt : this.stamp++;
    entry.compute = equals ? compute : undefined;
    entry.equals = equals;
    this.memos.set(key, entry);
    return entry;
  }

  /** Whether nothing the entry read changed; dependencies that are cutoff memos are brought up to date first. */
  private upToDate(entry: MemoEntry): boolean {
    if (entry.verified || entry.checkedAt === this.clock) return true;
    for (const [dep, v] of entry.deps) {
      if (dep.memo) {
        if (dep.busy || this.memos.get(dep.key) !== dep) return false;
        if (!this.upToDate(dep)) {
          if (!dep.compute) return false; // only its caller can recompute it
          this.recompute(dep.key, dep.compute, dep.equals, dep);
        }
        if (dep.changedAt !== v) return false;
      } else if (dep.version !== v) return false;
    }
    entry.checkedAt = this.clock;
    entry.verified = true;
    return true;
  }

  /**
   * Marks every memo that read `key`, directly or through other memos, as needing a check; the
   * others are known valid without one (a keystroke then checks only what can depend on it).
   */
  private invalidate(source: Source): void {
    const stack: Dep[] = [source];
    while (stack.length) {
      const readers = stack.pop()!.readers;
      if (!readers) continue;
      for (const r of readers) {
        // An entry already marked has had its readers marked too.
        if (!r.verified) continue;
        r.verified = false;
        stack.push(r);
      }
    }
  }

  /** Forgets every derived result (the projects were rebuilt: memoised computations may hold the old ones). */
  resetMemos(): void {
    this.memos.clear();
    for (const f of this.files.values()) f.readers = undefined;
    for (const d of this.dirs.values()) d.readers = undefined;
  }

  // ---- reading -------------------------------------------------------------------------------

  private entry(file: string): FileEntry {
    let e = this.files.get(file);
    if (!e) {
      e = { memo: false, version: 0 }; // changes bump the clock; a first read is no change
      this.files.set(file, e);
    }
    return e;
  }

  /** The text of a file (open document or disk), or null when it cannot be read. */
  text(file: string): string | null {
    const e = this.entry(file);
    this.record(e, e.version);
    if (e.overlay) return e.overlay.text;
    if (e.text === undefined) e.text = this.readDisk(file);
    return e.text;
  }

  private readDisk(file: string): string | null {
    this.stats.reads++;
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) return null;
      if (st.size > MAX_PARSE_BYTES) {
        this.warnOnce(file, `skipped ${file}: ${(st.size / 1048576).toFixed(1)} MB is larger than the ${MAX_PARSE_BYTES / 1048576} MB limit`);
        return null;
      }
      const bytes = fs.readFileSync(file);
      return decodeText(bytes, () => this.warnOnce(file, `${file} is not valid UTF-8; invalid bytes were replaced`));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") this.warnOnce(file, `cannot read ${file}: ${String(err)}`);
      return null;
    }
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log.warn(message);
  }

  /** The summary of a Python file; an unreadable file has none. */
  summary(file: string): ModuleSummary | null {
    const e = this.entry(file);
    const text = this.text(file);
    if (e.summary !== undefined) return e.summary;
    if (text === null) {
      e.summary = null;
      return null;
    }
    this.stats.parses++;
    try {
      e.summary = parseSummary(text);
    } catch (err) {
      this.warnOnce(file, `cannot parse ${file}: ${String(err)}`);
      e.summary = { ...EMPTY_SUMMARY, lineCount: countLines(text) };
    }
    return e.summary;
  }

  exists(file: string): boolean {
    return this.text(file) !== null;
  }

  /** Names in a folder (files and folders), sorted; empty when it does not exist. */
  listDir(dir: string): { name: string; isDir: boolean }[] {
    const facts = this.dirFactsOf(dir);
    if (!facts.list) {
      try {
        facts.list = fs
          .readdirSync(dir, { withFileTypes: true })
          .map((d) => ({ name: d.name, isDir: d.isDirectory() || (d.isSymbolicLink() && isDirSafe(path.join(dir, d.name))) }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        facts.list = [];
      }
    }
    return facts.list;
  }

  isDir(dir: string): boolean {
    const facts = this.dirFactsOf(dir);
    facts.isDir ??= isDirSafe(dir);
    return facts.isDir;
  }

  private dirFactsOf(dir: string): { version: number; isDir?: boolean; list?: { name: string; isDir: boolean }[] } {
    const d = this.dirEntry(dir);
    const version = d.version;
    this.record(d, version);
    let facts = this.dirFacts.get(dir);
    if (!facts || facts.version !== version) {
      facts = { version };
      this.dirFacts.set(dir, facts);
    }
    return facts;
  }

  // ---- updates -------------------------------------------------------------------------------

  private bump(file: string): FileEntry {
    const e = this.entry(file);
    e.version = this.clock++;
    this.invalidate(e);
    e.summary = undefined;
    e.text = undefined;
    return e;
  }

  private bumpDir(dir: string): void {
    const d = this.dirEntry(dir);
    d.version = this.clock++;
    this.invalidate(d);
  }

  /** An open document's text replaces the disk's; same text, same version: nothing re-parsed. */
  setOverlay(file: string, text: string, docVersion: number): void {
    const cur = this.files.get(file);
    if (cur?.overlay && cur.overlay.text === text) {
      cur.overlay.docVersion = docVersion;
      return;
    }
    if (cur && !cur.overlay && cur.text === text) {
      // Opening a file whose text is what we read from disk changes nothing.
      cur.overlay = { text, docVersion };
      return;
    }
    // Listings come from the disk: only a document with no file behind it (unsaved) changes one.
    const onDisk = cur?.text != null || isFileSafe(file);
    const e = this.bump(file);
    e.overlay = { text, docVersion };
    if (!onDisk) this.bumpDir(path.dirname(file));
  }

  clearOverlay(file: string): void {
    const e = this.files.get(file);
    if (!e?.overlay) return;
    const text = e.overlay.text;
    delete e.overlay;
    // Closing a document whose text matches the disk keeps its summary.
    const disk = this.readDisk(file);
    if (disk === text) {
      e.text = disk;
      return;
    }
    this.bump(file);
    if (disk === null) this.bumpDir(path.dirname(file));
  }

  isOpen(file: string): boolean {
    return !!this.files.get(file)?.overlay;
  }

  /** A file changed, was created or was deleted on disk. */
  fileChanged(file: string): void {
    const e = this.files.get(file);
    if (e?.overlay) return; // the open document is the truth until it is closed
    this.bump(file);
    this.bumpDir(path.dirname(file));
    this.bumpDir(file); // it may have been a folder
  }

  /** A folder was created or deleted: everything below it is stale. */
  folderChanged(dir: string): void {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const f of this.files.keys()) if (f.startsWith(prefix)) this.fileChanged(f);
    for (const d of [...this.dirs.keys()]) if (d.startsWith(prefix)) this.bumpDir(d);
    this.bumpDir(dir);
    this.bumpDir(path.dirname(dir));
  }

  /** Files whose summary is held, for statistics. */
  get size(): number {
    return this.files.size;
  }
}

function isFileSafe(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirSafe(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const utf8Lossy = new TextDecoder("utf-8", { fatal: false });

/** UTF-8 (with or without BOM); invalid bytes become U+FFFD and `onInvalid` is called. */
export function decodeText(bytes: Uint8Array, onInvalid: () => void): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    onInvalid();
    text = utf8Lossy.decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
