/**
 * `npm run ledger -- record` as a deploy job runs it: the inputs as files, GitHub Actions' run
 * variables in the environment, the record written to the output folder.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../../../pipelines/ledger/cli";
import { packDigest } from "../../../pipelines/ledger/packDigest";
import { ROOT } from "../../support/baseline";
import { captureOutput } from "../../support/output";

const RUN_ENV = {
  GITHUB_REPOSITORY: "example-org/soc2-pipeline-blueprint",
  GITHUB_RUN_ID: "987654",
  GITHUB_RUN_ATTEMPT: "2",
  GITHUB_ACTOR: "alice",
  GITHUB_SERVER_URL: "https://github.com",
};
const GATE = {
  schemaVersion: 1,
  stack: "example",
  verdict: "pass",
  mandatory: 0,
  advisory: 0,
  pack: { name: "soc2-baseline", version: "0.1.0" },
  views: [{ view: "first", resources: 95, mandatory: 0 }],
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "soc2-ledger-"));
  const write = (name: string, value: unknown) =>
    writeFileSync(path.join(dir, name), JSON.stringify(value));
  write("pulls.json", []);
  write("reviews.json", []);
  write("gate.json", GATE);
  write("update.json", [{ version: 3, result: "succeeded" }]);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = RUN_ENV) {
  const { value, stdout, stderr } = await captureOutput(() => main(args, env));
  return { code: value, stdout, stderr };
}

const recordArgs = (commit: string, extra: string[] = []) => [
  "record",
  "--kind",
  "deploy",
  "--commit",
  commit,
  "--outcome",
  "success",
  "--pulls",
  path.join(dir, "pulls.json"),
  "--reviews",
  path.join(dir, "reviews.json"),
  "--gate",
  path.join(dir, "gate.json"),
  "--update",
  path.join(dir, "update.json"),
  "--out",
  path.join(dir, "ledger"),
  ...extra,
];

test("writes one record for HEAD, resolved to its full SHA, with this pack's digest", async () => {
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  const result = await run(recordArgs("HEAD"));
  expect(result.code).toBe(0);
  const files = readdirSync(path.join(dir, "ledger"));
  expect(files).toHaveLength(1);
  expect(result.stdout).toBe(`${path.join(dir, "ledger", files[0])}\n`);
  const record = JSON.parse(readFileSync(path.join(dir, "ledger", files[0]), "utf8")) as Record<
    string,
    unknown
  >;
  expect(record).toMatchObject({
    kind: "deploy",
    commit: head,
    stack: "example",
    run: { id: "987654", attempt: "2", actor: "alice" },
    policyPack: {
      name: "soc2-baseline",
      version: "0.1.0",
      ...packDigest(path.join(ROOT, "policy-pack")),
    },
    update: { version: 3, result: "succeeded" },
  });
  expect(files[0]).toMatch(
    new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z-deploy-${head}-run987654\\.2\\.json$`),
  );
});

test("outside GitHub Actions it says which run variables are missing and writes nothing", async () => {
  const partial: NodeJS.ProcessEnv = { ...RUN_ENV, GITHUB_RUN_ID: "", GITHUB_ACTOR: undefined };
  expect(await run(recordArgs("HEAD"), partial)).toEqual({
    code: 2,
    stdout: "",
    stderr:
      "ledger: GITHUB_RUN_ID, GITHUB_ACTOR are not set: records are written by GitHub Actions jobs\n",
  });
  expect(readdirSync(dir)).not.toContain("ledger");
});

test("an unreadable or malformed input file is named, and nothing is written", async () => {
  writeFileSync(path.join(dir, "gate.json"), "{ not json");
  expect((await run(recordArgs("HEAD"))).stderr).toBe(
    `ledger: gate file ${path.join(dir, "gate.json")} is not valid JSON\n`,
  );
  rmSync(path.join(dir, "update.json"));
  expect((await run(recordArgs("HEAD"))).stderr).toBe(
    `ledger: gate file ${path.join(dir, "gate.json")} is not valid JSON\n`,
  );
  writeFileSync(path.join(dir, "gate.json"), JSON.stringify(GATE));
  expect(await run(recordArgs("HEAD"))).toMatchObject({
    code: 2,
    stderr: `ledger: update file ${path.join(dir, "update.json")} cannot be read\n`,
  });
  expect(readdirSync(dir)).not.toContain("ledger");
});

test("a ref git cannot resolve is reported as not a commit", async () => {
  expect(await run(recordArgs("no-such-ref"))).toMatchObject({
    code: 2,
    stderr:
      'ledger: the deployment record cannot be written:\n  - commit: must be a full commit SHA (got "no-such-ref")\n',
  });
});

test("a missing option or an unknown kind is a usage error", async () => {
  expect(await run(["record", "--kind", "deploy"])).toEqual({
    code: 2,
    stdout: "",
    stderr: "error: required option '--commit <ref>' not specified\n",
  });
  const release = recordArgs("HEAD").map((a) => (a === "deploy" ? "release" : a));
  expect((await run(release)).stderr).toBe(
    "error: option '--kind <kind>' argument 'release' is invalid. Allowed choices are deploy, rollback.\n",
  );
});
