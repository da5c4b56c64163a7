// Shared helpers of the sidebar requests (appsTree, urls, resolve, tests): picking projects and
// turning the core's places into the protocol's.
import type { Location } from "../python/types";
import type { DjangoProject } from "../project/project";
import type { ProjectScoped, ProtocolLocation, RouteInfo } from "../protocol";
import type { UrlInfo } from "../analysis/urls/types";
import type { Session } from "../session/session";
import { fileToUri } from "./convert";

export function scopedProjects(session: Session, params: ProjectScoped | undefined): DjangoProject[] {
  const all = session.guard("projects", () => session.workspace.projects(), []);
  return params?.managePy ? all.filter((p) => p.managePy === params.managePy) : all;
}

export function protocolLocation(loc: Location | null | undefined): ProtocolLocation | null {
  return loc ? { uri: fileToUri(loc.file), range: loc.range } : null;
}

export function routeInfo(url: UrlInfo): RouteInfo {
  const v = url.view;
  return {
    route: url.route,
    name: url.name,
    view: v ? (v.module ? `${v.module}.${v.symbol}` : v.symbol) : null,
    viewLocation: v?.file && v.range ? protocolLocation({ file: v.file, range: v.range }) : null,
    source: protocolLocation(url.entry.at),
    conditional: url.conditional,
  };
}
