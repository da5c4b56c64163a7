import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateProject } from "./generate";
import { modelsSection } from "./models";
async function main() {
  const apps = Number(process.argv[2] ?? 200);
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lens-bench-")));
  generateProject(dir, { apps, modelsPerApp: 10 });
  for (const r of await modelsSection({ dir, apps, modelsPerApp: 10 })) console.log(r.join("  "));
  fs.rmSync(dir, { recursive: true, force: true });
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
