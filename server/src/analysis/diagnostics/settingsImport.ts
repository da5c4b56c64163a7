// A settings module that imports a workspace module that is not there: Django fails at startup.
import type { Rule } from "./types";
import { readSettings } from "../settings/settings";

export const settingsImportError: Rule = {
  code: "lens.settings-import-error",
  defaultSeverity: "error",
  description: "The settings module (or one it star-imports) imports a workspace module that does not exist.",
  run(project) {
    return readSettings(project).problems.map((p) => ({ file: p.at.file, range: p.at.range, message: p.message }));
  },
};
