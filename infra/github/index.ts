export * from "./repositoryProtection";
export * from "./organizationProtection";
