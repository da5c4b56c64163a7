// Registers the sidebar's and test explorer's custom requests on a connection. Kept out of
// session/languageServer.ts so that file needs one line for all of them.
import type { Connection } from "vscode-languageserver";
import { AppsTreeRequest, type AppsTreeParams, ResolveRequest, type ResolveParams, TestsRequest, type TestsParams, UrlsRequest, type UrlsParams } from "../protocol";
import type { Session } from "../session/session";
import { appsTreeRequest } from "./treeApps";
import { testsRequest } from "./treeTests";
import { resolveRequest, urlsRequest } from "./treeUrls";

export function registerTreeRequests(connection: Connection, session: () => Session | undefined, ready: () => Promise<void>): void {
  const handle = <P, R>(method: string, fn: (s: Session, p: P) => R, empty: R) =>
    connection.onRequest(method, async (params: P) => {
      await ready();
      const s = session();
      return s ? s.guard(method, () => fn(s, params), empty) : empty;
    });
  handle<AppsTreeParams, unknown>(AppsTreeRequest, appsTreeRequest, { projects: [] });
  handle<UrlsParams, unknown>(UrlsRequest, urlsRequest, { projects: [] });
  handle<ResolveParams, unknown>(ResolveRequest, resolveRequest, { projects: [] });
  handle<TestsParams, unknown>(TestsRequest, testsRequest, { projects: [] });
}
