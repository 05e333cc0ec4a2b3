export * from "./auditLogArchive";
export * from "./auditLogDocuments";
export * from "./ciRunnerDocuments";
export * from "./ciRunners";
export * from "./policyDocument";
export * from "./secureBucket";
