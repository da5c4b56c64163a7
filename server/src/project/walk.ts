// Walks folders below a root once each (by real path, so symlink loops end), skipping hidden
// folders, virtualenvs (a `pyvenv.cfg` marks them, whatever their name) and the names given.
import * as fs from "node:fs";
import * as path from "node:path";

export interface WalkOptions {
  skipDirs: ReadonlySet<string>;
  maxDepth: number;
  /** Real paths already visited; share it between roots that may overlap. */
  seen?: Set<string>;
  onProblem?: (message: string) => void;
  /** Checked before each folder: true ends the walk. */
  stop?: () => boolean;
}

export function walkFolders(root: string, opts: WalkOptions, onFolder: (dir: string, entries: fs.Dirent[]) => void): void {
  const seen = opts.seen ?? new Set<string>();
  const problem = opts.onProblem ?? (() => {});
  const visit = (dir: string, depth: number) => {
    if (depth > opts.maxDepth || opts.stop?.()) return;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (err) {
      problem(`cannot read ${dir}: ${(err as Error).message}`);
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problem(`cannot list ${dir}: ${(err as Error).message}`);
      return;
    }
    onFolder(dir, entries);
    for (const e of entries) {
      if (opts.skipDirs.has(e.name) || e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = fs.statSync(p).isDirectory();
        } catch {
          isDir = false; // dangling link
        }
      }
      if (isDir && !fs.existsSync(path.join(p, "pyvenv.cfg"))) visit(p, depth + 1);
    }
  };
  visit(root, 0);
}
