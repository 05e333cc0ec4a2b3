/**
 * A content hash of the policy pack's sources, so that a record names exactly the reviewed code
 * that judged a change (its name and version come from the running pack, through the gate's
 * report). The built `bin/` and the installed `node_modules/` follow from the sources and are left
 * out, so the same commit always gives the same hash.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

export interface PackDigest {
  /** SHA-256 over each source file's path and SHA-256, in path order. */
  sha256: string;
  files: number;
}

const LEFT_OUT = new Set(["bin", "node_modules"]);

function sources(dir: string, base: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return LEFT_OUT.has(entry.name) ? [] : sources(full, base);
    return entry.isFile() ? [path.relative(base, full).split(path.sep).join("/")] : [];
  });
}

export function packDigest(packDir: string): PackDigest {
  const files = sources(packDir, packDir).sort();
  const whole = createHash("sha256");
  for (const file of files) {
    const own = createHash("sha256")
      .update(readFileSync(path.join(packDir, file)))
      .digest("hex");
    whole.update(`${file}\0${own}\n`);
  }
  return { sha256: whole.digest("hex"), files: files.length };
}
