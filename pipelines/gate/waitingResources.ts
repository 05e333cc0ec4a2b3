/**
 * The resources a program has constructed that have not reached the engine. The SDK registers a
 * resource once all its inputs have settled, so a program that gives a resource a promise that never
 * settles ends with nothing left to do and that resource never registered. `pulumi` then fails the
 * run with its report of the promises still pending at exit, which the gate's host does without
 * (programSdk.ts); the host names the resources instead, with where the program constructs them.
 */
import * as path from "node:path";
import { fileURLToPath } from "node:url";

type Position = { uri: string; line: number } | undefined;

interface Constructed {
  type: string;
  name: string;
  position: Position;
}

/** The SDK's runtime module that every resource's constructor calls, through its exports. */
interface RuntimeResource {
  registerResource: (...args: unknown[]) => void;
}

/** How many waiting resources a message names; it counts the rest. */
const NAMED = 5;

export interface WaitingResources {
  /** The engine received this registration. */
  registered(type: string, name: string, source: Position): void;
  /** Why a program that ended with nothing left to do, before it finished, did not finish. */
  whyUnfinished(): string;
}

/**
 * Records every resource the program in `projectDir` constructs, through the SDK it resolves, until
 * it is registered; to be called before the program loads.
 */
export function trackWaitingResources(projectDir: string): WaitingResources {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtime = require(
    require.resolve("@pulumi/pulumi/runtime/resource", { paths: [projectDir] }),
  ) as RuntimeResource;
  /** By type and name: two parents may each have a child of the same type and name. */
  const waiting = new Map<string, Constructed[]>();
  const register = runtime.registerResource;
  runtime.registerResource = (...args) => {
    // (resource, parent, type, name, custom, remote, newDependency, props, opts, sourcePosition, …)
    const [type, name, position] = [args[2], args[3], args[9]] as [string, string, Position];
    const key = `${type}::${name}`;
    waiting.set(key, [...(waiting.get(key) ?? []), { type, name, position }]);
    register(...args);
  };
  const where = ({ position }: Constructed) =>
    position?.uri.startsWith("file:")
      ? ` (${path.relative(projectDir, fileURLToPath(position.uri))}:${position.line})`
      : "";
  return {
    registered(type, name, source) {
      const key = `${type}::${name}`;
      const same = waiting.get(key) ?? [];
      const at = same.findIndex(
        (c) => c.position?.uri === source?.uri && c.position?.line === source?.line,
      );
      same.splice(Math.max(at, 0), 1);
      if (same.length === 0) waiting.delete(key);
    },
    whyUnfinished() {
      const all = [...waiting.values()].flat();
      if (all.length === 0) {
        return "the program ended unfinished: a promise it awaits, or one of its stack outputs, never settles";
      }
      const named = all
        .slice(0, NAMED)
        .map((c) => `${c.type} ${JSON.stringify(c.name)}${where(c)}`);
      const more = all.length > NAMED ? ` and ${all.length - NAMED} more` : "";
      const resources = all.length === 1 ? "1 resource" : `${all.length} resources`;
      return `the program ended unfinished, with ${resources} waiting for inputs that never settle: ${named.join(", ")}${more}`;
    },
  };
}
