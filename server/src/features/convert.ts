// Conversion between the core's places ({ file, range }, absolute paths) and LSP's (uri, range).
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Location as LspLocation } from "vscode-languageserver";
import type { Location } from "../python/types";

export function uriToFile(uri: string): string | null {
  if (!uri.startsWith("file:")) return null;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return null;
  }
}

export function fileToUri(file: string): string {
  return pathToFileURL(file).toString();
}

export function toLspLocation(loc: Location): LspLocation {
  return { uri: fileToUri(loc.file), range: loc.range };
}
