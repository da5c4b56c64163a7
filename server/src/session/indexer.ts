// The initial index: every Python file under each project's source roots is summarised, in slices
// that yield to the event loop so requests are answered while it runs.
import * as fs from "node:fs";
import * as path from "node:path";
import { walkFolders } from "../project/walk";
import type { Workspace } from "../project/workspace";

const SKIP = new Set(["node_modules", "__pycache__", "site-packages", "dist-packages", "venv"]);

/** Python files below the projects' source roots, without virtualenvs or symlink loops. */
export function pythonFiles(ws: Workspace, limit = 200_000): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const stop = () => out.size >= limit;
  for (const project of ws.projects()) {
    for (const root of project.sourceRoots) {
      walkFolders(root, { skipDirs: SKIP, maxDepth: 20, seen, stop }, (dir, entries) => {
        for (const e of entries) if (e.isFile() && e.name.endsWith(".py")) out.add(path.join(dir, e.name));
      });
    }
  }
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
