import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RULES } from "../server/src/analysis/diagnostics/registry";
import { ensureParser } from "../server/src/python/parser";
import { Workspace } from "../server/src/project/workspace";
import { pythonFiles } from "../server/src/session/indexer";
import { generateProject } from "./generate";
(async () => {
  await ensureParser();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lens-prof-")));
  generateProject(dir, { apps: Number(process.env.APPS ?? 50), modelsPerApp: 10 });
  const ws = new Workspace([dir]);
  for (const f of pythonFiles(ws)) ws.index.summary(f);
  const project = ws.projects()[0];
  const time = (label: string) => {
    const rows: [string, number][] = [];
    for (const rule of RULES) {
      const t = performance.now();
      ws.index.memo(`rule:${rule.code}`, () => rule.run(project));
      rows.push([rule.code, performance.now() - t]);
    }
    rows.sort((a, b) => b[1] - a[1]);
    console.log(label, rows.slice(0, 6).map(([c, t]) => `${c}=${t.toFixed(0)}ms`).join(" "), "total", rows.reduce((n, r) => n + r[1], 0).toFixed(0));
  };
  time("cold");
  time("warm");
  const models = path.join(dir, "app000", "models.py");
  const text = fs.readFileSync(models, "utf8");
  for (let i = 0; i < 3; i++) {
    ws.index.setOverlay(models, text.replace("slug = models.SlugField(unique=True)", `slug = models.SlugField(unique=True)\n    extra${i} = models.IntegerField(default=${i})`), i + 2);
    time(`edit${i}`);
  }
})();
