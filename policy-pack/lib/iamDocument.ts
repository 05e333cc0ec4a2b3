/**
 * Reading IAM policy documents (bucket, key and trust policies) as policies receive them: a JSON
 * string, or an object, with single values or lists.
 */
import { wildcardMatches } from "./wildcard";

export interface NormalizedStatement {
  sid?: string;
  effect: "Allow" | "Deny";
  principals: string[];
  actions: string[];
  notActions: string[];
  resources: string[];
  /** Condition operator → key → values. */
  conditions: Record<string, Record<string, string[]>>;
}

const text = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));
const list = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map(text) : [text(v)];

function principalsOf(p: unknown): string[] {
  if (p === "*") return ["*"];
  if (typeof p !== "object" || p === null) return list(p);
  return Object.entries(p as Record<string, unknown>).flatMap(([kind, v]) =>
    list(v).map((x) => (x === "*" ? "*" : `${kind}:${x}`)),
  );
}

/**
 * The statements of a document, or `undefined` when it is not a readable IAM document (the caller
 * reports that, naming the resource).
 */
export function statementsOf(document: unknown): NormalizedStatement[] | undefined {
  let doc: unknown = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  if (typeof doc !== "object" || doc === null) return undefined;
  const raw = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const result: NormalizedStatement[] = [];
  for (const s of statements) {
    if (typeof s !== "object" || s === null) return undefined;
    const st = s as Record<string, unknown>;
    if (st.Effect !== "Allow" && st.Effect !== "Deny") return undefined;
    const conditions: NormalizedStatement["conditions"] = {};
    if (typeof st.Condition === "object" && st.Condition !== null) {
      for (const [op, keys] of Object.entries(st.Condition as Record<string, unknown>)) {
        if (typeof keys !== "object" || keys === null) continue;
        conditions[op] = Object.fromEntries(
          Object.entries(keys as Record<string, unknown>).map(([k, v]) => [k, list(v)]),
        );
      }
    }
    result.push({
      sid: typeof st.Sid === "string" ? st.Sid : undefined,
      effect: st.Effect,
      principals: principalsOf(st.Principal),
      actions: list(st.Action),
      notActions: list(st.NotAction),
      resources: list(st.Resource),
      conditions,
    });
  }
  return result;
}

/** Whether an IAM action pattern (with `*` and `?` wildcards, case-insensitive) covers `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatches(pattern.toLowerCase(), action.toLowerCase(), true);
}
