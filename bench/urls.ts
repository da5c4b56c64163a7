// URL benchmark: cold URL-map build on the generated project, go-to-definition and completion
// latency inside reverse("…"), the rebuild after edits in one app's urls.py, and the URL rules
// after keystrokes in one models.py.
import * as fs from "node:fs";
import * as path from "node:path";
import { RULES, runRules } from "../server/src/analysis/diagnostics/registry";
import { reverseLookup, urlNameRefs } from "../server/src/analysis/urls/names";
import { urlMap } from "../server/src/analysis/urls/urlMap";
import { ensureParser } from "../server/src/python/parser";
import { Workspace } from "../server/src/project/workspace";
import type { BenchContext, Row } from "./sections";
import { pct } from "./stats";

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function urlsSection(ctx: BenchContext): Promise<Row[]> {
  await ensureParser();
  const ws = new Workspace([ctx.dir]);
  const project = ws.projects()[0];
  let t = process.hrtime.bigint();
  const map = urlMap(project);
  const cold = ms(t);
  // Definition from every reverse() name in every app's views.py (the memo answers after the first).
  const viewFiles = fs.readdirSync(ctx.dir).map((d) => path.join(ctx.dir, d, "views.py")).filter((f) => fs.existsSync(f));
  const def: number[] = [];
  const completion: number[] = [];
  for (const file of viewFiles) {
    for (const ref of urlNameRefs(project, file)) {
      t = process.hrtime.bigint();
      const found = reverseLookup(urlMap(project), ref.name);
      if ("error" in found) throw new Error(found.error);
      def.push(ms(t));
      t = process.hrtime.bigint();
      urlMap(project).urls.filter((u) => u.name !== null).map((u) => u.name);
      completion.push(ms(t));
    }
  }
  // Rebuild after edits to one app's urls.py: each a real change (a comment line and a different
  // route string), so the module is read again and its subtree re-followed. The target is on every
  // edit: p99.
  const appUrls = path.join(path.dirname(viewFiles[0]), "urls.py");
  const text = fs.readFileSync(appUrls, "utf8");
  const rebuild: number[] = [];
  for (let i = 0; i < 20; i++) {
    ws.index.setOverlay(appUrls, text.replace("urlpatterns = [", `urlpatterns = [\n    # edit ${i}`).replace('path("model0/"', `path("model0-e${i}/"`), i + 2);
    t = process.hrtime.bigint();
    const after = urlMap(project);
    rebuild.push(ms(t));
    if (!after.urls.some((u) => u.route.endsWith(`/model0-e${i}/`))) throw new Error("the edit is not in the map");
  }
  ws.index.clearOverlay(appUrls);
  return [
    ["patterns in the map", String(map.urls.length)],
    ["cold URL-map build", `${cold.toFixed(1)} ms`],
    ["definition in reverse(\"…\") p50 / p99", `${pct(def, 50).toFixed(3)} / ${pct(def, 99).toFixed(3)} ms (${def.length} names)`],
    ["completion in reverse(\"…\") p50 / p99", `${pct(completion, 50).toFixed(3)} / ${pct(completion, 99).toFixed(3)} ms`],
    ["rebuild after an edit to one urls.py p50 / p99 (target p99 < 20 ms)", `${pct(rebuild, 50).toFixed(2)} / ${pct(rebuild, 99).toFixed(2)} ms (${rebuild.length} edits)`],
    ...urlRulesAfterModelsEdit(ctx, ws),
  ];
}

/**
 * All URL rules (Python and template lens.unknown-url-name, lens.url-arguments, urls.*, 2_0.W001) after
 * keystrokes in one models.py: the URL map depends on models only through the admin
 * registrations, compared by value, so they should cost next to nothing.
 */
function urlRulesAfterModelsEdit(ctx: BenchContext, ws: Workspace): Row[] {
  const project = ws.projects()[0];
  const rules = RULES.filter((r) => r.code === "lens.unknown-url-name" || r.code === "lens.url-arguments" || r.code.startsWith("urls.") || r.code === "2_0.W001");
  runRules(project, {}, rules);
  const models = path.join(ctx.dir, "app000", "models.py");
  const text = fs.readFileSync(models, "utf8");
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    ws.index.setOverlay(models, text.replace("    name = models.CharField", `    name${i} = models.CharField`), i + 2);
    const t = process.hrtime.bigint();
    runRules(project, {}, rules);
    times.push(ms(t));
  }
  ws.index.clearOverlay(models);
  return [[`URL rules (${rules.length}) after an edit to one models.py p50 / p99`, `${pct(times, 50).toFixed(2)} / ${pct(times, 99).toFixed(2)} ms (${times.length} edits)`]];
}
