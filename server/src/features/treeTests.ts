// `djangoLens/tests`: the test explorer's items, from analysis/tests.
import { readSettings } from "../analysis/settings/settings";
import { discoverTests } from "../analysis/tests/discovery";
import type { TestsParams, TestsResult } from "../protocol";
import type { Session } from "../session/session";
import { fileToUri } from "./convert";
import { protocolLocation, scopedProjects } from "./treeShared";

export function testsRequest(session: Session, params: TestsParams | undefined): TestsResult {
  return {
    projects: scopedProjects(session, params).map((project) => {
      const settings = session.guard("settings", () => readSettings(project), null);
      return {
        managePy: project.managePy,
        testRunner: settings?.testRunner ?? null,
        modules: session.guard("tests", () => discoverTests(project), []).map((m) => ({
          module: m.module,
          uri: fileToUri(m.file),
          app: m.app,
          classes: m.classes.map((c) => ({
            label: c.label,
            name: c.name,
            location: protocolLocation(c.location)!,
            children: c.methods.map((t) => ({ label: t.label, name: t.name, location: protocolLocation(t.location)! })),
          })),
        })),
      };
    }),
  };
}
