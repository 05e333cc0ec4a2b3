/**
 * The first-preview view of a program, derived from its update run.
 *
 * In a first `pulumi preview` of a new stack nothing exists yet, so every output of another
 * resource reaches a dependent as the engine's unknown sentinel. The gate runs the program once,
 * with realistic ids and ARNs (the update view), and derives the first-preview view from it: in each
 * input property that depends on another resource (its property dependencies, which are URNs), every
 * string that carries one of that resource's outputs — its id or anything it was not given as an
 * input — becomes unknown, nested values included, as the SDK would have sent them. One run serves
 * both views, so judging both costs one program run.
 *
 * What this cannot model: a program that branches on `pulumi.runtime.isDryRun()`, or creates
 * resources inside an `apply` of an output that a preview would not know, registers the same
 * resources here as in the update view.
 */
import type { Registration } from "./capture";

/** The engine's marker for a value not known until the resource exists (any type). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** Shorter outputs (flags, enum words) could occur in literals by chance. */
const MIN_MARKER = 6;

function strings(value: unknown, into: string[]): string[] {
  if (typeof value === "string") {
    if (value.length >= MIN_MARKER) into.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) strings(v, into);
  } else if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) strings(v, into);
  }
  return into;
}

/** What a resource has only once it exists: its id, and every output it was not given as an input. */
function markersOf(r: Registration): string[] {
  const generated = Object.entries(r.serializedOutputs).filter(([k]) => !(k in r.serializedInputs));
  return strings(
    generated.map(([, v]) => v),
    r.id.length >= MIN_MARKER ? [r.id] : [],
  );
}

/** `value` with every string that carries a marker replaced by the engine's unknown. */
function blank(value: unknown, markers: readonly string[]): unknown {
  if (typeof value === "string") return markers.some((m) => value.includes(m)) ? UNKNOWN : value;
  if (Array.isArray(value)) return value.map((v) => blank(v, markers));
  if (typeof value !== "object" || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (obj[SIG_KEY] === SECRET_SIG) return { ...obj, value: blank(obj.value, markers) };
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, blank(v, markers)]));
}

/**
 * Derives the first-preview form of each resource as it is registered: a resource's dependencies
 * register before it, so their outputs are known by then.
 */
export class FirstPreview {
  private readonly markers = new Map<string, string[]>();

  add(r: Registration): Registration {
    this.markers.set(r.urn, markersOf(r));
    const serializedInputs = { ...r.serializedInputs };
    for (const [prop, deps] of Object.entries(r.propertyDependencies)) {
      const carried = deps.flatMap((urn) => this.markers.get(urn) ?? []);
      if (carried.length === 0 || !(prop in serializedInputs)) continue;
      serializedInputs[prop] = blank(serializedInputs[prop], carried);
    }
    return { ...r, serializedInputs };
  }
}
