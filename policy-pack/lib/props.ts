/**
 * Small readers for resource properties as policies receive them: plain JSON values that may be
 * missing, malformed, or (through the unknown-checking proxy) unknown.
 */
import { has, UNKNOWN, Verdict } from "./unknowns";

/** `value[key]` when `value` is an object, else undefined. */
export const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** Whether `value` is an object with `key`, without reading the key's (possibly unknown) value. */
export const hasKey = (value: unknown, key: string): boolean =>
  typeof value === "object" && value !== null && has(value, key);

/** A value as a violation message shows it: JSON, or `unset` / `malformed`. */
export const shown = (value: unknown): string =>
  value === undefined || value === null
    ? "unset"
    : typeof value === "object"
      ? "malformed"
      : JSON.stringify(value);

/** Whether `key` holds a value; an unknown one counts, since the program set it. */
export function isSet(props: Record<string, unknown>, key: string): boolean {
  if (!has(props, key)) return false;
  const value = new Verdict().read(() => props[key]);
  return value === UNKNOWN || (value !== null && value !== "");
}
