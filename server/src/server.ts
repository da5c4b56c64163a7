// Entry point of the language server: `node dist/server.js --stdio`.
import { ProposedFeatures, createConnection } from "vscode-languageserver/node";
import { startLanguageServer } from "./session/languageServer";

startLanguageServer(createConnection(ProposedFeatures.all));
