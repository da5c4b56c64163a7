// Where analysis code reports what it could not read. The server sends it to the LSP log, the
// CLI to stderr; never stdout (it belongs to the protocol or to the CLI's JSON).
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export const nullLogger: Logger = { info() {}, warn() {} };

export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(`[django-lens] ${m}\n`),
  warn: (m) => process.stderr.write(`[django-lens] warning: ${m}\n`),
};
