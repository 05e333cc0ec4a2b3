/**
 * Where the pipelines run from: their TypeScript source (`pipelines/…`, under ts-node or jest) or
 * compiled (`dist/pipelines/…`, as the npm scripts run them).
 */
import * as path from "node:path";

/** `.ts` from source, `.js` compiled: the extension of a sibling entry a pipeline spawns. */
export const ENTRY_EXT = path.extname(__filename);

/** The repository's root, from either place. */
export const ROOT = path.resolve(__dirname, ENTRY_EXT === ".ts" ? ".." : "../..");
