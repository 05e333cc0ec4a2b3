/**
 * A module's exports that load the module only when first touched. `__esModule` is answered at
 * once, so TypeScript's import helpers take the stand-in as it is, without enumerating it; every
 * property is reported configurable, since a proxy may not claim a fixed property its empty target
 * lacks. Used by lib/lazySdkModules.ts, and by the mutation run's jest setup.
 */
export function lazyExports(load: () => Record<PropertyKey, unknown>): object {
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" ? true : load()[key]),
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}
