// URL benchmark: cold URL-map build on the generated project, go-to-definition and completion
// latency inside reverse("…"), and the rebuild after an edit in one app's urls.py.
import * as fs from "node:fs";
import * as path from "node:path";
import { reverseLookup, urlNameRefs } from "../server/src/analysis/urls/names";
import { urlMap } from "../server/src/analysis/urls/urlMap";
import { ensureParser } from "../server/src/python/parser";
import { Workspace } from "../server/src/project/workspace";
import type { BenchContext, Row } from "./sections";

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
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
  // Rebuild after an edit in one app's urls.py.
  const appUrls = path.join(path.dirname(viewFiles[0]), "urls.py");
  const text = fs.readFileSync(appUrls, "utf8");
  ws.index.setOverlay(appUrls, text.replace("urlpatterns = [", "urlpatterns = [\n    # edited"), 2);
  t = process.hrtime.bigint();
  urlMap(project);
  const rebuild = ms(t);
  return [
    ["patterns in the map", String(map.urls.length)],
    ["cold URL-map build", `${cold.toFixed(1)} ms`],
    ["definition in reverse(\"…\") p50 / p99", `${pct(def, 50).toFixed(3)} / ${pct(def, 99).toFixed(3)} ms (${def.length} names)`],
    ["completion in reverse(\"…\") p50 / p99", `${pct(completion, 50).toFixed(3)} / ${pct(completion, 99).toFixed(3)} ms`],
    ["rebuild after an edit to one urls.py", `${rebuild.toFixed(2)} ms`],
  ];
}
