/**
 * Writes the evidence bundle: every file renders the one model (or, for the gate's own reports, the
 * gate's result), and SHA256SUMS, written last, lists every other file's SHA-256 so that
 * `npm run evidence:verify` finds any file changed, removed or added since.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { renderJson } from "../gate/report/json";
import { renderSarif } from "../gate/report/sarif";
import type { Evidence } from "./collect";
import { renderHtml } from "./html";
import { renderMatrixCsv, renderMatrixJson } from "./matrix";
import { renderOpenControl } from "./openControl";

export const SUMS_FILE = "SHA256SUMS";

/** The bundle folder cannot be used; the message names it and says why. */
export class BundleFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BundleFolderError";
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Creates `dir` when needed and checks it can hold a bundle: a folder, empty (a stale file would
 * end up in the checksums as if it were evidence) and writable.
 */
export function prepareBundleFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (readdirSync(dir).length > 0) {
      throw new BundleFolderError(`--out ${dir} is not empty: a bundle needs a folder of its own`);
    }
    rmSync(mkdtempSync(path.join(dir, ".write-test-")), { recursive: true });
  } catch (err) {
    if (err instanceof BundleFolderError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new BundleFolderError(`--out ${dir} cannot be written (${code})`);
  }
}

/** `<sha256>  <path>` for each file, sorted by path: the format `sha256sum -c` reads. */
export function renderSums(files: ReadonlyMap<string, string>): string {
  return [...files.keys()]
    .sort()
    .map((file) => `${createHash("sha256").update(files.get(file)!).digest("hex")}  ${file}\n`)
    .join("");
}

/** The bundle's files by relative path (`/`-separated), SHA256SUMS last. */
export function bundleFiles(evidence: Evidence, packDir: string): Map<string, string> {
  const { model, gate } = evidence;
  const files = new Map<string, string>([
    ["index.html", renderHtml(model)],
    ["control-matrix.csv", renderMatrixCsv(model)],
    ["control-matrix.json", renderMatrixJson(model)],
    [
      "policy-pack.json",
      json({
        name: gate.pack.name,
        version: gate.pack.version,
        displayName: gate.pack.displayName,
        description: gate.pack.description,
        sha256: evidence.packDigest.sha256,
        files: evidence.packDigest.files,
        policies: gate.pack.policies,
      }),
    ],
    ["gate.json", renderJson(gate)],
    ["gate.sarif", renderSarif(gate)],
    ["changes.json", json(model.changes)],
    ["ledger.json", json(model.ledger)],
  ]);
  for (const [file, text] of renderOpenControl(model, packDir)) {
    files.set(`opencontrol/${file}`, text);
  }
  files.set(SUMS_FILE, renderSums(files));
  return files;
}

/** Writes the bundle into a folder `prepareBundleFolder` accepted; returns the files' paths. */
export function writeBundle(dir: string, files: ReadonlyMap<string, string>): string[] {
  for (const [file, text] of files) {
    const full = path.join(dir, ...file.split("/"));
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return [...files.keys()];
}
