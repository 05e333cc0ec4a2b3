/**
 * The gate: the verdict `pulumi preview --policy-pack` would give, without credentials or the CLI.
 * Runs the program under the SDK's mocks in the requested views while the pack starts, configures
 * the pack as the CLI does, and has it judge every view.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import Ajv from "ajv";
import {
  type AnalyzedResource,
  type Diagnostic,
  type EncodedResource,
  encodeResource,
} from "./analyzerMessages";
import { AnalyzedStack, analyzeOne, type ResourceAnalysis } from "./judge";
import type { View } from "./mocks";
import { type PackInfo, type PolicyPackConfig, RunningPack } from "./policyPack";
import { readProject, readStack } from "./project";
import { type RunOptions, runProgram } from "./runProgram";

/** The policy config file is unusable; the message names the file and the entry. */
export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyConfigError";
  }
}

export interface GateOptions {
  projectDir: string;
  stack: string;
  /** The stack's config file, instead of `Pulumi.<stack>.yaml` (the CLI's `--config-file`). */
  configFile?: string;
  views: View[];
  packDir: string;
  /** Path of a `--policy-pack-config` JSON file. */
  policyConfigFile?: string;
  /** How long the program may run, and the pack go silent while calls wait; default 300 s. */
  programTimeoutMs?: number;
  /** How long the pack may take to print its port; default 30 s. */
  packTimeoutMs?: number;
  /** Set when the program is an earlier ref's, judged for a rollback. */
  rollbackRef?: string;
  /** Resources in a view past which a second pack judges a view's stack; default SECOND_PACK_AT. */
  secondPackAt?: number;
  /** A pack already running (configured afresh for this run, and left running); else one is launched. */
  pack?: RunningPack;
}

export interface ViewVerdict {
  view: View;
  resources: AnalyzedResource[];
  diagnostics: Diagnostic[];
  /**
   * Per analysed resource (by URN), and for the stack as a whole (""), the policies that said they
   * do not apply there. A policy applied wherever it is not listed, unless it is disabled (then it
   * ran nowhere); a resource without an entry was not analysed on its own (the root stack).
   */
  notApplicable: Map<string, string[]>;
}

export interface GateResult {
  project: string;
  /** The project folder; reports name files relative to it. */
  projectDir: string;
  /** The git ref whose program was judged, in rollback mode. */
  rollbackRef?: string;
  stack: string;
  pack: PackInfo;
  views: ViewVerdict[];
  /** The policy config the pack was configured with (empty without a config file). */
  policyConfig: PolicyPackConfig;
  /** Mandatory diagnostics over all views; any blocks. */
  mandatory: number;
  passed: boolean;
  seconds: number;
}

/** The promise, marked handled: its failure is reported with the others, not as unhandled first. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/** Reads and checks a policy config file against the pack's own schemas, as the CLI does. */
export function readPolicyConfig(file: string, pack: PackInfo): PolicyPackConfig {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "is not valid JSON";
    throw new PolicyConfigError(`policy config ${file} ${reason}`);
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new PolicyConfigError(`policy config ${file} must be a JSON object of policy names`);
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  const byName = new Map(pack.policies.map((p) => [p.name, p]));
  for (const [name, entry] of Object.entries(config)) {
    const where = `policy config ${file}: ${name}`;
    const policy = byName.get(name);
    if (!policy && name !== "all")
      throw new PolicyConfigError(`${where} is not a policy of ${pack.name}`);
    const level: unknown =
      typeof entry === "object" && entry !== null
        ? (entry as { enforcementLevel?: unknown }).enforcementLevel
        : entry;
    if (level !== undefined && !LEVELS.includes(level as string)) {
      throw new PolicyConfigError(
        `${where}: enforcementLevel must be one of ${LEVELS.join(", ")} (got ${JSON.stringify(level)})`,
      );
    }
    if (typeof entry !== "object" || entry === null || !policy) continue;
    const properties = Object.fromEntries(
      Object.entries(entry as Record<string, unknown>).filter(([k]) => k !== "enforcementLevel"),
    );
    const schema = { type: "object", ...policy.configSchema, additionalProperties: false };
    const validate = ajv.compile(schema);
    if (!validate(properties)) {
      const first = validate.errors?.[0];
      const at = first?.instancePath ? first.instancePath.slice(1).replace(/\//g, ".") : "";
      const detail =
        first?.keyword === "additionalProperties"
          ? `has no property ${JSON.stringify((first.params as { additionalProperty: string }).additionalProperty)}`
          : `${at ? `${at} ` : ""}${first?.message ?? "is invalid"}`;
      throw new PolicyConfigError(`${where} ${detail}`);
    }
  }
  return config as PolicyPackConfig;
}

/** Region and account for the update view's ARNs, from the stack config when it names them. */
function placeOf(project: string, config: Record<string, string>) {
  return {
    region: config["aws:region"] ?? "us-east-1",
    accountId: config[`${project}:accountId`] ?? "123456789012",
  };
}

/**
 * Past this many resources in a view, a second pack starts while the program runs, so that the
 * views' AnalyzeStack calls — the one part that must wait for the whole program — run side by side.
 */
export const SECOND_PACK_AT = 1_000;

/** A view of the program as the analyzer receives it, each resource's messages serialized once. */
export interface EncodedView {
  stack: AnalyzedStack;
  /** Each resource's Analyze request and AnalyzeStack entry, in the stack's order. */
  encoded: EncodedResource[];
}

/**
 * Runs the program in each view and builds what the analyzer receives of it, handing each resource
 * on, encoded, as soon as the program registers it (`count`: the view's resources so far); each
 * resource is serialized once, for its Analyze and its AnalyzeStack entry.
 */
export async function runEncoded(
  run: Omit<RunOptions, "place">,
  onResource?: (
    view: View,
    resource: AnalyzedResource,
    encoded: EncodedResource,
    count: number,
  ) => void,
): Promise<Map<View, EncodedView>> {
  const views = new Map<View, EncodedView>(
    run.views.map((view) => [view, { stack: new AnalyzedStack(run.config), encoded: [] }]),
  );
  await runProgram({ ...run, place: placeOf(run.project.name, run.config) }, (view, registered) => {
    const encodedView = views.get(view);
    if (!encodedView) return;
    for (const resource of encodedView.stack.add(registered)) {
      const encoded = encodeResource(resource);
      encodedView.encoded.push(encoded);
      onResource?.(view, resource, encoded, encodedView.stack.resources.length);
    }
  });
  return views;
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const start = performance.now();
  const project = readProject(options.projectDir);
  const config = readStack(project, options.stack, options.configFile);
  const launch = () =>
    RunningPack.launch(path.resolve(options.packDir), {
      timeoutMs: options.packTimeoutMs,
      stallMs: options.programTimeoutMs,
      yieldCpu: true,
    });
  const launching = options.pack ? Promise.resolve(options.pack) : launch();
  const ready = launching.then(async (pack) => {
    const info = await pack.info();
    const policyConfig = options.policyConfigFile
      ? readPolicyConfig(options.policyConfigFile, info)
      : {};
    await pack.configure(info.policies, policyConfig);
    return { pack, info, policyConfig };
  });
  let second: { launching: Promise<RunningPack>; ready: Promise<RunningPack> } | undefined;
  const startSecondPack = () => {
    const launchingSecond = launch();
    const readySecond = Promise.all([launchingSecond, ready]).then(
      async ([pack, { info, policyConfig }]) => {
        await pack.configure(info.policies, policyConfig);
        return pack;
      },
    );
    return { launching: launchingSecond, ready: readySecond };
  };
  // Each resource is analysed as soon as the program registers it and the pack is ready, so the
  // analysis overlaps the program's run; AnalyzeStack follows once the program is done.
  const analyses = new Map<View, Promise<ResourceAnalysis | undefined>[]>(
    options.views.map((v) => [v, []]),
  );
  // A resource the views describe alike (no unknown in it) gets the same answer in both: the
  // request is sent once. Policies are pure functions of the request (test/policy-pack/properties).
  const byRequest = new Map<string, Promise<ResourceAnalysis | undefined>>();
  const analysisOf = (resource: AnalyzedResource, encoded: EncodedResource) => {
    const analyse = () => ready.then(({ pack }) => analyzeOne(pack, resource, encoded));
    if (options.views.length === 1) return settledLater(analyse());
    const key = Buffer.from(encoded.request).toString("latin1");
    let analysis = byRequest.get(key);
    if (!analysis) {
      analysis = settledLater(analyse());
      byRequest.set(key, analysis);
    }
    return analysis;
  };
  const running = runEncoded(
    {
      project,
      stack: options.stack,
      config,
      views: options.views,
      timeoutMs: options.programTimeoutMs,
    },
    (view, resource, encoded, count) => {
      analyses.get(view)?.push(analysisOf(resource, encoded));
      const large = count >= (options.secondPackAt ?? SECOND_PACK_AT);
      if (large && !second && !options.pack && options.views.length > 1) {
        second = startSecondPack();
      }
    },
  );
  // Everything must settle before a failure is reported, so no pack process is left behind.
  const [packStarted, ran, configured] = await Promise.allSettled([launching, running, ready]);
  const [secondStarted, secondConfigured] = second
    ? await Promise.allSettled([second.launching, second.ready])
    : [];
  try {
    for (const outcome of [packStarted, ran, configured, secondStarted, secondConfigured]) {
      if (outcome?.status === "rejected") throw outcome.reason as Error;
    }
    const { pack, info, policyConfig } = await ready;
    const secondPack = second && (await second.ready);
    const encodedViews = await running;
    const views = await Promise.all(
      options.views.map(async (view, i): Promise<ViewVerdict> => {
        const encodedView = encodedViews.get(view);
        const resources = encodedView?.stack.resources ?? [];
        const stackAnalysis = (i > 0 && secondPack ? secondPack : pack).stackAnalysis(
          resources,
          encodedView?.encoded,
        );
        const perResource = (await Promise.all(analyses.get(view) ?? [])).filter(
          (a) => a !== undefined,
        );
        const stack = await stackAnalysis;
        return {
          view,
          resources,
          diagnostics: [...perResource.flatMap((a) => a.diagnostics), ...stack.diagnostics],
          notApplicable: new Map([
            ...perResource.map((a) => [a.urn, a.notApplicable] as const),
            ["", stack.notApplicable],
          ]),
        };
      }),
    );
    const mandatory = views.reduce(
      (n, v) => n + v.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
      0,
    );
    return {
      project: project.name,
      projectDir: project.dir,
      rollbackRef: options.rollbackRef,
      stack: options.stack,
      pack: info,
      policyConfig,
      views,
      mandatory,
      passed: mandatory === 0,
      seconds: (performance.now() - start) / 1000,
    };
  } finally {
    // A pack passed in stays running for its owner; a second pack is only ever the gate's own.
    const own = options.pack ? [] : [packStarted, secondStarted];
    for (const started of own) if (started?.status === "fulfilled") await started.value.close();
  }
}
