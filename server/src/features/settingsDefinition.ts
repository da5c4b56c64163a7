// Definition from the dotted paths of settings (INSTALLED_APPS, MIDDLEWARE, ROOT_URLCONF, and any
// other class path in a settings file) to the module or class they name.
import type { Location } from "../python/types";
import { appRegistry } from "../analysis/settings/apps";
import { readSettings } from "../analysis/settings/settings";
import { type FeatureContext, stringAt } from "./context";

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function settingsPathDefinition(ctx: FeatureContext): Location[] | null {
  const project = ctx.project;
  const lit = stringAt(ctx);
  if (!project || !lit || !lit.exact || !/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(lit.value)) return null;
  const settings = readSettings(project);
  const sameSpot = (at?: Location) => !!at && at.file === ctx.file && at.range.start.line === lit.range.start.line && at.range.start.character === lit.range.start.character;
  // INSTALLED_APPS: the AppConfig in use, else the app's package.
  const app = appRegistry(project, settings).apps.find((a) => sameSpot(a.at));
  if (app) {
    if (app.configLocation) return [app.configLocation];
    const mod = project.modules.resolveModule(app.name);
    return mod?.file ? [{ file: mod.file, range: ZERO }] : null;
  }
  const inSettings =
    settings.middleware?.items.some((i) => sameSpot(i.at)) ||
    (settings.rootUrlconf && settings.rootUrlconf !== "unknown" && sameSpot(settings.rootUrlconf.at)) ||
    isSettingsFile(ctx);
  if (!inSettings) return null;
  const sym = project.modules.resolveSymbol(lit.value);
  if (!sym?.file || !sym.range) return null;
  return [{ file: sym.file, range: sym.range }];
}

/** The settings module or a module it star-imports (split settings). */
function isSettingsFile(ctx: FeatureContext): boolean {
  const project = ctx.project;
  if (!project) return false;
  const mod = project.modules.moduleOfFile(ctx.file);
  const settingsModule = project.settingsSource()?.module;
  if (!mod || !settingsModule) return false;
  const pkg = settingsModule.includes(".") ? settingsModule.slice(0, settingsModule.lastIndexOf(".")) : settingsModule;
  return mod === settingsModule || mod.startsWith(pkg + ".") || mod === pkg;
}
