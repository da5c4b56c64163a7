// `djangoLens/urls` (the Routes tree, "Show URL map") and `djangoLens/resolve` ("Go to view for
// URL…"): thin wrappers over analysis/urls.
import { resolvePath } from "../analysis/urls/resolve";
import { urlMap } from "../analysis/urls/urlMap";
import type { ResolveParams, ResolveResult, UrlsParams, UrlsResult } from "../protocol";
import type { Session } from "../session/session";
import { routeInfo, scopedProjects } from "./treeShared";

export function urlsRequest(session: Session, params: UrlsParams | undefined): UrlsResult {
  return {
    projects: scopedProjects(session, params).map((project) => {
      const map = session.guard("urlMap", () => urlMap(project), null);
      return {
        managePy: project.managePy,
        rootUrlconf: map?.rootUrlconf ?? null,
        complete: map?.complete ?? false,
        urls: map ? map.urls.map(routeInfo) : [],
      };
    }),
  };
}

export function resolveRequest(session: Session, params: ResolveParams): ResolveResult {
  // Django resolves the path part only, always with a leading slash.
  let p = (params.path ?? "").trim().replace(/^[a-z]+:\/\/[^/]*/i, "").replace(/[?#].*$/, "");
  if (!p.startsWith("/")) p = "/" + p;
  return {
    projects: scopedProjects(session, params).map((project) => {
      const r = session.guard("resolve", () => resolvePath(project, p), null);
      return {
        managePy: project.managePy,
        match: r?.match ? routeInfo(r.match.url) : null,
        kwargs: r?.match?.kwargs ?? {},
        uncertain: r ? r.uncertain : "the URL map could not be built",
      };
    }),
  };
}
