// The initial index: every Python file under each project's source roots is summarised, in slices
// that yield to the event loop so requests are answered while it runs.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Workspace } from "../project/workspace";

const SKIP = new Set(["node_modules", "__pycache__", ".git", ".hg", ".tox", ".nox", ".venv", "venv", "site-packages", ".mypy_cache", ".pytest_cache", ".cache"]);

/** Python files below the projects' source roots, without virtualenvs or symlink loops. */
export function pythonFiles(ws: Workspace, limit = 200_000): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (dir: string, depth: number) => {
    if (depth > 20 || out.size >= limit) return;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isFile() && e.name.endsWith(".py")) out.add(p);
      else if ((e.isDirectory() || e.isSymbolicLink()) && !SKIP.has(e.name) && !e.name.startsWith(".")) {
        if (fs.existsSync(path.join(p, "pyvenv.cfg"))) continue;
        visit(p, depth + 1);
      }
    }
  };
  for (const project of ws.projects()) for (const root of project.sourceRoots) visit(root, 0);
  return [...out].sort();
}

export interface IndexProgress {
  done: number;
  total: number;
}

/** Summarises `files`, yielding every `sliceMs`; stops early when `cancelled()` says so. */
export async function indexFiles(
  ws: Workspace,
  files: string[],
  onProgress: (p: IndexProgress) => void,
  cancelled: () => boolean = () => false,
  sliceMs = 15,
): Promise<number> {
  let done = 0;
  while (done < files.length) {
    if (cancelled()) break;
    const start = Date.now();
    while (done < files.length && Date.now() - start < sliceMs) {
      try {
        if (ws.index.summary(files[done]) === null && !fs.existsSync(files[done])) {
          ws.log.info(`skipped ${files[done]}: deleted while indexing`);
        }
      } catch (err) {
        ws.log.warn(`cannot index ${files[done]}: ${String(err)}`);
      }
      done++;
    }
    onProgress({ done, total: files.length });
    await new Promise((r) => setImmediate(r));
  }
  return done;
}
