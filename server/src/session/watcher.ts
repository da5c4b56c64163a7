// Watches the workspace folders when the client cannot (Neovim on Linux has no
// didChangeWatchedFiles): Node's recursive fs.watch, debounced per path.
import * as fs from "node:fs";
import * as path from "node:path";

export type ChangeKind = "created" | "changed" | "deleted";

const IGNORED = /(^|[\\/])(node_modules|\.git|__pycache__|\.venv|venv|\.mypy_cache|\.pytest_cache)([\\/]|$)/;

export function watchFolders(folders: readonly string[], onChange: (file: string, kind: ChangeKind) => void, onError: (m: string) => void): () => void {
  const watchers: fs.FSWatcher[] = [];
  const pending = new Map<string, NodeJS.Timeout>();
  for (const folder of folders) {
    try {
      const w = fs.watch(folder, { recursive: true }, (_event, name) => {
        if (!name) return;
        const rel = name.toString();
        if (IGNORED.test(rel)) return;
        const file = path.join(folder, rel);
        clearTimeout(pending.get(file));
        pending.set(
          file,
          setTimeout(() => {
            pending.delete(file);
            onChange(file, fs.existsSync(file) ? "changed" : "deleted");
          }, 50),
        );
      });
      w.on("error", (err) => onError(`file watcher on ${folder} stopped: ${String(err)}`));
      watchers.push(w);
    } catch (err) {
      onError(`cannot watch ${folder}: ${String(err)}`);
    }
  }
  return () => {
    for (const w of watchers) w.close();
    for (const t of pending.values()) clearTimeout(t);
  };
}
