export * from "./repositoryProtection";
export * from "./organizationProtection";
export * from "./runnerAccess";
export * from "./deploymentVariables";
