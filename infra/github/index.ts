export * from "./repositoryProtection";
