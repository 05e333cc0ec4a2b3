/**
 * Reading resource properties that may be unknown during a preview.
 *
 * Policies receive props wrapped in @pulumi/policy's unknown-checking proxy: reading a value that is
 * not known yet throws its UnknownValueError, which the policy server turns into an advisory
 * "can't run policy … during preview". That is the designed path, and we keep it: a policy never
 * treats an unknown value as compliant. `Verdict` lets a policy decide every other aspect first,
 * and only then say it could not verify the rest.
 */

interface ProxyModule {
  UnknownValueError: new (...args: never[]) => Error;
}
// The error class is internal to @pulumi/policy (its types are stripped), so it is typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as ProxyModule;

/** True for the error @pulumi/policy's proxy throws when a policy reads an unknown value. */
export function isUnknownValueError(err: unknown): err is Error {
  return err instanceof proxy.UnknownValueError;
}

/** Marks a value that is not known until the resource exists. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Maybe<T> = T | typeof UNKNOWN;

/**
 * Collects what a policy could not read. `read` returns the value, or `UNKNOWN` after remembering
 * why; `finish` rethrows the first such error once every decidable check has reported.
 */
export class Verdict {
  private firstUnknown?: Error;

  read<T>(get: () => T): Maybe<T> {
    try {
      return get();
    } catch (err) {
      if (!isUnknownValueError(err)) throw err;
      this.firstUnknown ??= err;
      return UNKNOWN;
    }
  }

  /** Records that a needed value was unknown, for reasons the policy established itself. */
  unknown(err: Error): void {
    this.firstUnknown ??= err;
  }

  get complete(): boolean {
    return this.firstUnknown === undefined;
  }

  finish(): void {
    if (this.firstUnknown) throw this.firstUnknown;
  }
}

/** Whether a property is present, without reading (and so without tripping on) its value. */
export function has(props: object, key: string): boolean {
  return key in props;
}
