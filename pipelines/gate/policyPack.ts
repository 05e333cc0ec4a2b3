/**
 * Runs a policy pack the way the Pulumi CLI does — `node <pack>/node_modules/@pulumi/pulumi/cmd/run-policy-pack
 * <engine-address> <program>` with the pack folder as working directory, the port read from the
 * first line of stdout — and speaks the engine's analyzer protocol to it over gRPC.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { setPriority } from "node:os";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";
import * as grpc from "@grpc/grpc-js";
import pLimit from "p-limit";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient, AnalyzerService } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
  type AnalyzedResource,
  type Analysis,
  analysisOf,
  analyzeStackBytes,
  type EncodedResource,
  encodeResource,
  type EnforcementLevel,
  type Severity,
} from "./analyzerMessages";

/**
 * The line of a crashed Node.js process's stderr that says why: the first `…Error: …` line, without
 * terminal colours, else the last line.
 */
export function reasonIn(stderr: string): string | undefined {
  const lines = stripVTControlCharacters(stderr)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /^[A-Za-z]*Error: /.test(l)) ?? lines[lines.length - 1];
}

/** The pack could not be started or stopped answering; the message says why, in one line. */
export class PolicyPackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyPackError";
  }
}

export interface PolicyInfo {
  name: string;
  displayName: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  policyType: "resource" | "stack";
  framework?: { name: string; version: string; reference: string; specification: string };
  tags: string[];
  remediationSteps: string;
  configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface PackInfo {
  name: string;
  version: string;
  displayName: string;
  description: string;
  policies: PolicyInfo[];
}

/** The CLI's `--policy-pack-config` JSON: policy (or "all") → level, or level and properties. */
export type PolicyPackConfig = Record<string, EnforcementLevel | Record<string, unknown>>;

const LEVEL_OF: Record<EnforcementLevel, analyzer.EnforcementLevel> = {
  advisory: analyzer.EnforcementLevel.ADVISORY,
  mandatory: analyzer.EnforcementLevel.MANDATORY,
  disabled: analyzer.EnforcementLevel.DISABLED,
  remediate: analyzer.EnforcementLevel.REMEDIATE,
};
const LEVEL_NAME = Object.fromEntries(Object.entries(LEVEL_OF).map(([k, v]) => [v, k])) as Record<
  number,
  EnforcementLevel
>;
const SEVERITY_NAME: Record<number, Severity> = {
  0: "",
  1: "low",
  2: "medium",
  3: "high",
  4: "critical",
};

/** The level the CLI configures a policy with: its own entry's, else "all"'s, else its default. */
export function configuredLevel(policy: PolicyInfo, config: PolicyPackConfig): EnforcementLevel {
  const own = config[policy.name];
  const level = typeof own === "object" ? own.enforcementLevel : own;
  const all = typeof config.all === "string" ? config.all : undefined;
  return (level as EnforcementLevel | undefined) ?? all ?? policy.enforcementLevel;
}

export interface LaunchOptions {
  /** How long to wait for the port; default 30 s. */
  timeoutMs?: number;
  /**
   * How long the pack may go without answering any call while some wait (a hung pack); default
   * 300 s, since one AnalyzeStack of thousands of resources is a long silence of its own.
   */
  stallMs?: number;
  /** The program argument of run-policy-pack: "." (the package's main) or a file such as index.ts. */
  program?: string;
  /** Extra environment for the pack process. */
  env?: Record<string, string>;
  /**
   * Start the pack at a lower scheduling priority, so that a program starting beside it on a small
   * machine gets the CPU first; the pack only waits for its resources anyway.
   */
  yieldCpu?: boolean;
}

/** How a process ended, in the words of a message: "exited with code 3", "was killed by SIGSEGV". */
function howEnded(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/**
 * How long a call that lost its connection waits for the pack's exit (a pack that died is seen to
 * exit just after its connection drops), and a pack asked to stop may take before it is killed.
 */
const EXIT_GRACE_MS = 2_000;

/**
 * Analyze calls a pack has at once; the rest wait their turn in the gate, as encoded bytes. The
 * engine analyses each resource as its step runs, so a pack never holds a whole program's requests;
 * unbounded, a pack that falls behind a program of thousands of resources holds them all (about
 * 150 MiB more across the process tree at 1,000 repositories, for no gain in time).
 */
export const ANALYZE_IN_FLIGHT = 64;

/** A running policy pack and a gRPC client connected to it. */
export class RunningPack {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: AnalyzerClient,
    readonly port: number,
    /** Resolves once the process is gone and its output read, with how it ended. */
    private readonly ended: Promise<string>,
    /** What the process has written to stderr so far. */
    private readonly stderr: () => string,
    private readonly stallMs: number,
  ) {}

  /** The pack's process id, for measuring it. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The calls waiting for an answer, each with how to fail it. */
  private readonly waiting = new Map<symbol, (err: Error) => void>();
  /** When the pack last answered, or a call began to wait on an idle pack. */
  private lastProgress = 0;
  private watchdog?: NodeJS.Timeout;
  private readonly analyzeSlots = pLimit(ANALYZE_IN_FLIGHT);

  /** Registers a waiting call; returns what to call once it is answered. */
  private wait(method: string, fail: (err: Error) => void): () => void {
    const key = Symbol(method);
    if (this.waiting.size === 0) this.lastProgress = Date.now();
    this.waiting.set(key, fail);
    this.watchdog ??= setInterval(
      () => {
        if (Date.now() - this.lastProgress < this.stallMs) return;
        const stalled = new PolicyPackError(
          `policy pack answered nothing for ${Math.round(this.stallMs / 1000)} s during ${method}`,
        );
        for (const failWaiting of this.waiting.values()) failWaiting(stalled);
        this.waiting.clear();
        this.stopWatchdog();
      },
      Math.min(1_000, this.stallMs),
    );
    return () => {
      this.lastProgress = Date.now();
      this.waiting.delete(key);
      if (this.waiting.size === 0) this.stopWatchdog();
    };
  }

  private stopWatchdog(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  static launch(dir: string, options: LaunchOptions = {}): Promise<RunningPack> {
    const packDir = path.resolve(dir);
    const timeoutMs = options.timeoutMs ?? 30_000;
    const launcher = path.join(
      packDir,
      "node_modules",
      "@pulumi",
      "pulumi",
      "cmd",
      "run-policy-pack",
    );
    // The engine address is where the pack would send log messages; the gate reads stderr instead.
    const child = spawn(process.execPath, [launcher, "127.0.0.1:0", options.program ?? "."], {
      cwd: packDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    });
    if (options.yieldCpu && child.pid !== undefined) setPriority(child.pid, 10);
    let stdout = "";
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const ended = new Promise<string>((resolve) =>
      child.once("close", (code, signal) => resolve(howEnded(code, signal))),
    );
    return new Promise<RunningPack>((resolve, reject) => {
      let settled = false;
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill("SIGKILL");
        const rejectWithDetail = () => {
          const detail = reasonIn(stderr);
          reject(new PolicyPackError(detail ? `${reason}: ${detail}` : reason));
        };
        // A failed start is reported once the process is gone, so it leaves nothing running.
        if (child.pid === undefined) rejectWithDetail();
        else void ended.then(rejectWithDetail);
      };
      const timer = setTimeout(
        () => fail(`policy pack did not start within ${Math.round(timeoutMs / 1000)} s`),
        timeoutMs,
      );
      child.on("error", (err) => fail(`policy pack could not be launched (${err.message})`));
      void ended.then((how) => fail(`policy pack ${how} before printing its port`));
      child.stdout?.on("data", (chunk: Buffer) => {
        // Read on after the port, so a pack that keeps printing never blocks on a full pipe.
        if (settled) return;
        stdout += chunk.toString();
        const newline = stdout.indexOf("\n");
        if (newline < 0) return;
        const first = stdout.slice(0, newline).trim();
        const port = /^\d{1,5}$/.test(first) ? Number(first) : NaN;
        if (!(port > 0 && port < 65536)) {
          fail(`policy pack printed ${JSON.stringify(first.slice(0, 80))} instead of a port`);
          return;
        }
        settled = true;
        clearTimeout(timer);
        const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const stallMs = options.stallMs ?? 300_000;
        resolve(new RunningPack(child, client, port, ended, () => stderr, stallMs));
      });
    });
  }

  /**
   * One unary call; a gRPC failure becomes a PolicyPackError that names the call — or, when the
   * pack's process ended, how it ended and why (a dead pack's connection errors say neither).
   */
  private call<Res>(
    method: string,
    subject: string | undefined,
    invoke: (done: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
  ): Promise<Res> {
    const what = subject ? `${method} of ${subject}` : method;
    return new Promise((resolve, reject) => {
      const answered = this.wait(method, reject);
      invoke((err, res) => {
        answered();
        if (!err) return resolve(res);
        const failed = new PolicyPackError(`policy pack failed during ${what}: ${err.details}`);
        if (err.code !== grpc.status.UNAVAILABLE) return reject(failed);
        const grace = new Promise<undefined>((done) =>
          setTimeout(() => done(undefined), EXIT_GRACE_MS).unref(),
        );
        void Promise.race([this.ended, grace]).then((how) => {
          if (!how) return reject(failed);
          const detail = reasonIn(this.stderr());
          reject(
            new PolicyPackError(
              `policy pack ${how} during ${method}${detail ? `: ${detail}` : ""}`,
            ),
          );
        });
      });
    });
  }

  async info(): Promise<PackInfo> {
    const info = await this.call<analyzer.AnalyzerInfo>("GetAnalyzerInfo", undefined, (done) =>
      this.client.getAnalyzerInfo(new Empty(), done),
    );
    return {
      name: info.getName(),
      version: info.getVersion(),
      displayName: info.getDisplayname(),
      description: info.getDescription(),
      policies: info.getPoliciesList().map((p) => {
        const framework = p.getFramework();
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          displayName: p.getDisplayname(),
          description: p.getDescription(),
          enforcementLevel: LEVEL_NAME[p.getEnforcementlevel()],
          severity: SEVERITY_NAME[p.getSeverity()] ?? "",
          policyType:
            p.getPolicyType() === analyzer.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
          framework: framework && {
            name: framework.getName(),
            version: framework.getVersion(),
            reference: framework.getReference(),
            specification: framework.getSpecification(),
          },
          tags: p.getTagsList(),
          remediationSteps: p.getRemediationSteps(),
          configSchema: schema && {
            properties: schema.getProperties()?.toJavaScript() ?? {},
            required: schema.getRequiredList(),
          },
        };
      }),
    };
  }

  /**
   * Configures every policy as the CLI does: the level from the config file ("all", then the policy's
   * own entry) or the policy's default, and its properties' schema defaults overlaid by the file's.
   */
  async configure(policies: readonly PolicyInfo[], config: PolicyPackConfig = {}): Promise<void> {
    const req = new analyzer.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const policy of policies) {
      const own = config[policy.name];
      const given = typeof own === "object" ? { ...own } : {};
      delete given.enforcementLevel;
      const defaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {})
          .filter(([, s]) => typeof s === "object" && s !== null && "default" in s)
          .map(([k, s]) => [k, (s as { default: unknown }).default]),
      );
      const pc = new analyzer.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_OF[configuredLevel(policy, config)]);
      pc.setProperties(Struct.fromJavaScript({ ...defaults, ...given } as Record<string, never>));
      map.set(policy.name, pc);
    }
    await this.call("Configure", undefined, (done) => this.client.configure(req, done));
  }

  /** One call whose request is already serialized, such as the gate's, encoded once per resource. */
  private callEncoded(
    method: "analyze" | "analyzeStack",
    subject: string | undefined,
    bytes: Uint8Array,
  ): Promise<analyzer.AnalyzeResponse> {
    const definition = AnalyzerService[method];
    // The service's name for the method, as errors name it: "/pulumirpc.Analyzer/Analyze" → Analyze.
    const name = definition.path.slice(definition.path.lastIndexOf("/") + 1);
    return this.call<analyzer.AnalyzeResponse>(name, subject, (done) =>
      this.client.makeUnaryRequest(
        definition.path,
        (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
        definition.responseDeserialize,
        bytes,
        // On success the response is set; on failure it is not read.
        (err, res) => done(err, res as analyzer.AnalyzeResponse),
      ),
    );
  }

  /** Analyze of one resource: its diagnostics and the resource policies that did not apply. */
  async analysis(
    resource: AnalyzedResource,
    encoded: EncodedResource = encodeResource(resource),
  ): Promise<Analysis> {
    return analysisOf(
      await this.analyzeSlots(() => this.callEncoded("analyze", resource.urn, encoded.request)),
    );
  }

  /** AnalyzeStack: its diagnostics and the stack policies that did not apply. */
  async stackAnalysis(
    resources: readonly AnalyzedResource[],
    encoded: readonly EncodedResource[] = resources.map(encodeResource),
  ): Promise<Analysis> {
    const bytes = analyzeStackBytes(encoded);
    return analysisOf(await this.callEncoded("analyzeStack", undefined, bytes));
  }

  /**
   * Stops the pack and closes the connection; waits until the process is gone. A pack that ignores
   * SIGTERM is killed after EXIT_GRACE_MS.
   */
  async close(): Promise<void> {
    this.stopWatchdog();
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    const kill = setTimeout(() => this.child.kill("SIGKILL"), EXIT_GRACE_MS);
    await this.ended;
    clearTimeout(kill);
  }
}
