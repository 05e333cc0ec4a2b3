/**
 * The program's host: how the gate starts the process that runs a program.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { JudgedRegistration } from "../../../pipelines/gate/capture";
import { readProject, readStack } from "../../../pipelines/gate/project";
import { runProgram } from "../../../pipelines/gate/runProgram";

const FIXTURE = path.join(__dirname, "fixtures", "host-flags");

/** The probe the fixture program registers, as the host sends it. */
async function probe(): Promise<JudgedRegistration | undefined> {
  const project = readProject(FIXTURE);
  const registered: JudgedRegistration[] = [];
  await runProgram(
    {
      project,
      stack: "test",
      config: readStack(project, "test"),
      views: ["update"],
      place: { region: "us-east-1", accountId: "123456789012" },
    },
    (_view, resource) => registered.push(resource),
  );
  return registered.find((r) => r.type === "fake:index:Probe");
}

test("the host runs the program with V8's heap growth bounded at twice the live size", async () => {
  expect((await probe())?.serializedInputs.execArgv).toEqual([
    "--heap-growing-percent=100",
    "-r",
    require.resolve("ts-node/register/transpile-only"),
  ]);
});

test("each resource's source position is the program's line that constructs it", async () => {
  expect((await probe())?.source).toEqual({
    uri: pathToFileURL(path.join(FIXTURE, "index.ts")).toString(),
    line: 10,
  });
});
