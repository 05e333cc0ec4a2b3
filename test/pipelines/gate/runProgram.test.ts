/**
 * The program's host: how the gate starts the process that runs a program.
 */
import * as path from "node:path";
import type { JudgedRegistration } from "../../../pipelines/gate/capture";
import { readProject, readStack } from "../../../pipelines/gate/project";
import { runProgram } from "../../../pipelines/gate/runProgram";

const FIXTURE = path.join(__dirname, "fixtures", "host-flags");

test("the host runs the program with V8's heap growth bounded at twice the live size", async () => {
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
  const probe = registered.find((r) => r.type === "fake:index:Probe");
  expect(probe?.serializedInputs.execArgv).toEqual([
    "--heap-growing-percent=100",
    "-r",
    require.resolve("ts-node/register/transpile-only"),
  ]);
});
