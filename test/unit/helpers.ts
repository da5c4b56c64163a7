// Builds small throwaway projects on disk for unit tests.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureParser } from "../../server/src/python/parser";
import { Workspace } from "../../server/src/project/workspace";
import type { ProjectOptions } from "../../server/src/project/project";

/** Writes `files` (path → text) under a new temp folder and returns its real path. */
export function writeTree(files: Record<string, string | Buffer>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lens-unit-")));
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

export async function workspaceOf(files: Record<string, string | Buffer>, options: ProjectOptions = {}): Promise<{ root: string; ws: Workspace }> {
  await ensureParser();
  const root = writeTree(files);
  return { root, ws: new Workspace([root], () => options) };
}

export const MANAGE = (settings: string) =>
  `import os, sys\n\ndef main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settings}")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n\nif __name__ == "__main__":\n    main()\n`;

/** The memo keys the index recomputes while `fn` runs (in order). */
export function recomputed(ws: Workspace, fn: () => void): string[] {
  const idx = ws.index as unknown as { recompute: (key: string, ...rest: unknown[]) => unknown };
  const orig = idx.recompute;
  const keys: string[] = [];
  idx.recompute = function (this: unknown, key: string, ...rest: unknown[]) {
    keys.push(key);
    return orig.call(this, key, ...rest);
  };
  try {
    fn();
  } finally {
    idx.recompute = orig;
  }
  return keys;
}
