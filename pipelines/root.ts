/**
 * The repository's root, whether a pipeline runs from its TypeScript source (`pipelines/…`, under
 * ts-node or jest) or compiled (`dist/pipelines/…`, as the npm scripts run it).
 */
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, path.extname(__filename) === ".ts" ? ".." : "../..");
