/**
 * Verifies a bundle folder against its SHA256SUMS: every listed file must be there with the same
 * SHA-256, and no other file may have been added. SHA256SUMS itself is checked for form only —
 * whoever can rewrite it can rewrite the bundle; keep a copy of it (or its hash) apart.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { SUMS_FILE } from "./bundle";

/** The folder or its SHA256SUMS cannot be read as a bundle; the message says which line. */
export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BundleError";
  }
}

export interface Verification {
  /** How many files SHA256SUMS lists. */
  files: number;
  changed: string[];
  missing: string[];
  added: string[];
}

function filesUnder(dir: string, base: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, base);
    return [path.relative(base, full).split(path.sep).join("/")];
  });
}

function readSums(dir: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path.join(dir, SUMS_FILE), "utf8");
  } catch {
    throw new BundleError(`${dir} has no readable ${SUMS_FILE}: it is not an evidence bundle`);
  }
  const sums = new Map<string, string>();
  (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n").forEach((line, i) => {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    const file = match?.[2] ?? "";
    const inside = !file.split("/").some((part) => part === ".." || part === "") && file !== "";
    if (!match || !inside || file === SUMS_FILE || sums.has(file)) {
      throw new BundleError(
        `${SUMS_FILE} line ${i + 1} is not "<sha256>  <path>" of a file of the bundle: ${JSON.stringify(line)}`,
      );
    }
    sums.set(file, match[1]);
  });
  return sums;
}

export function verifyBundle(dir: string): Verification {
  const sums = readSums(dir);
  const present = new Set(filesUnder(dir, dir));
  const result: Verification = { files: sums.size, changed: [], missing: [], added: [] };
  for (const [file, sha256] of sums) {
    if (!present.has(file)) {
      result.missing.push(file);
      continue;
    }
    const actual = createHash("sha256")
      .update(readFileSync(path.join(dir, ...file.split("/"))))
      .digest("hex");
    if (actual !== sha256) result.changed.push(file);
  }
  for (const file of [...present].sort()) {
    if (file !== SUMS_FILE && !sums.has(file)) result.added.push(file);
  }
  return result;
}

/** The verdict as a person reads it: one line when it holds, else one line per file at fault. */
export function describeVerification(dir: string, v: Verification): string {
  const faults = [
    ...v.changed.map((f) => `  changed: ${f}`),
    ...v.missing.map((f) => `  missing: ${f}`),
    ...v.added.map((f) => `  added: ${f}`),
  ];
  if (faults.length === 0) return `verified ${v.files} files\n`;
  return `${dir} does not match its ${SUMS_FILE}:\n${faults.join("\n")}\n`;
}
