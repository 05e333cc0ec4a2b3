export * from "./auditLogArchive";
export * from "./auditLogDocuments";
export * from "./policyDocument";
export * from "./secureBucket";
