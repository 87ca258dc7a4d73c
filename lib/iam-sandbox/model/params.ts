import { IamError } from "./errors";
import type { Tag } from "./types";

export interface Rule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternText?: string;
  oneOf?: readonly string[];
}

const NAME = /^[\w+=,.@-]+$/;
const NAME_TEXT = "[\\w+=,.@-]+";
const ID = /^[\w]+$/;

export const RULES = {
  userName: { min: 1, max: 64, pattern: NAME, patternText: NAME_TEXT },
  roleName: { min: 1, max: 64, pattern: NAME, patternText: NAME_TEXT },
  groupName: { min: 1, max: 128, pattern: NAME, patternText: NAME_TEXT },
  policyName: { min: 1, max: 128, pattern: NAME, patternText: NAME_TEXT },
  instanceProfileName: { min: 1, max: 128, pattern: NAME, patternText: NAME_TEXT },
  mfaName: { min: 1, max: 226, pattern: NAME, patternText: NAME_TEXT },
  path: {
    min: 1,
    max: 512,
    pattern: /^(\/|\/[\x21-\x7E]+\/)$/,
    patternText: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
  },
  pathPrefix: { min: 1, max: 512, pattern: /^\/[\x21-\x7F]*$/, patternText: "\\u002F[\\u0021-\\u007F]*" },
  document: {
    min: 1,
    max: 131072,
    pattern: /^[\t\n\r\x20-\xFF]+$/,
    patternText: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
  },
  arn: { min: 20, max: 2048 },
  accessKeyId: { min: 16, max: 128, pattern: ID, patternText: "[\\w]+" },
  entityId: { min: 20, max: 128, pattern: ID, patternText: "[\\w]+" },
  serialNumber: { min: 9, max: 256, pattern: /^[\w+=/:,.@-]+$/, patternText: "[\\w+=/:,.@-]+" },
  authCode: { min: 6, max: 6, pattern: /^\d+$/, patternText: "[\\d]+" },
  password: {
    min: 1,
    max: 128,
    pattern: /^[\t\n\r\x20-\xFF]+$/,
    patternText: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
  },
  versionId: { pattern: /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/, patternText: "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?" },
  status: { oneOf: ["Active", "Inactive"] },
  description: { max: 1000 },
  body: { min: 1, max: 16384 },
  marker: { min: 1, max: 320, pattern: /^[\x20-\xFF]+$/, patternText: "[\\u0020-\\u00FF]+" },
  free: { min: 1, max: 2048 },
} satisfies Record<string, Rule>;

function camel(param: string): string {
  return param.charAt(0).toLowerCase() + param.slice(1);
}

export function validationError(param: string, constraint: string): IamError {
  return new IamError(
    "ValidationError",
    `1 validation error detected: Value at '${camel(param)}' failed to satisfy constraint: Member must ${constraint}`,
  );
}

export function check(param: string, value: string, rule: Rule): string {
  if (rule.min !== undefined && value.length < rule.min)
    throw validationError(param, `have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value.length > rule.max)
    throw validationError(param, `have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value))
    throw validationError(param, `satisfy regular expression pattern: ${rule.patternText}`);
  if (rule.oneOf && !rule.oneOf.includes(value))
    throw validationError(param, `satisfy enum value set: [${rule.oneOf.join(", ")}]`);
  return value;
}

/**
 * AWS validates every parameter before it looks anything up, so a bad value is a
 * ValidationError even when the named entity does not exist. Handlers validate again as
 * they read; this pass only fixes the order for the common parameters.
 */
const SHARED: Record<string, Rule> = {
  UserName: RULES.userName,
  NewUserName: RULES.userName,
  GroupName: RULES.groupName,
  NewGroupName: RULES.groupName,
  RoleName: RULES.roleName,
  PolicyName: RULES.policyName,
  InstanceProfileName: RULES.instanceProfileName,
  Path: RULES.path,
  NewPath: RULES.path,
  PathPrefix: RULES.pathPrefix,
  PolicyArn: RULES.arn,
  PolicyDocument: RULES.document,
  AssumeRolePolicyDocument: RULES.document,
  AccessKeyId: RULES.accessKeyId,
  SerialNumber: RULES.serialNumber,
  AuthenticationCode1: RULES.authCode,
  AuthenticationCode2: RULES.authCode,
  Status: RULES.status,
  VersionId: RULES.versionId,
  Description: RULES.description,
  Marker: RULES.marker,
  Password: RULES.password,
  NewPassword: RULES.password,
  OldPassword: RULES.password,
  SSHPublicKeyId: RULES.entityId,
  CertificateId: RULES.entityId,
  ServiceSpecificCredentialId: RULES.entityId,
};

export function prevalidate(values: Map<string, string>): void {
  for (const [name, rule] of Object.entries(SHARED)) {
    const v = values.get(name);
    if (v !== undefined) check(name, v, rule);
  }
  const maxItems = values.get("MaxItems");
  if (maxItems !== undefined) new Params(values).int("MaxItems", 1, 1000);
}

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Read-only view of one request's form parameters, with AWS's validation wording. */
export class Params {
  constructor(private readonly values: Map<string, string>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  opt(name: string, rule?: Rule): string | undefined {
    const v = this.values.get(name);
    if (v === undefined) return undefined;
    return rule ? check(name, v, rule) : v;
  }

  /** Create*: the new entity's name (required) and its Path (default "/"). */
  nameAndPath(nameParam: string, rule: Rule): { name: string; path: string } {
    return { name: this.req(nameParam, rule), path: this.opt("Path", RULES.path) ?? "/" };
  }

  req(name: string, rule?: Rule): string {
    const v = this.values.get(name);
    if (v === undefined) throw validationError(name, "not be null");
    return rule ? check(name, v, rule) : v;
  }

  int(name: string, min: number, max: number): number | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw)) throw validationError(name, "be a number");
    const n = Number(raw);
    if (n < min) throw validationError(name, `have value greater than or equal to ${min}`);
    if (n > max) throw validationError(name, `have value less than or equal to ${max}`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    const lower = raw.toLowerCase();
    if (lower !== "true" && lower !== "false") throw validationError(name, "be a boolean");
    return lower === "true";
  }

  /** `X.member.N` lists, counted from 1 (docs/iam-facts.md#requests-and-signing). */
  list(name: string): string[] {
    const out: string[] = [];
    for (let i = 1; ; i++) {
      const v = this.values.get(`${name}.member.${i}`);
      if (v === undefined) break;
      out.push(v);
    }
    return out;
  }

  tags(): Tag[] {
    const tags: Tag[] = [];
    for (let i = 1; ; i++) {
      const key = this.values.get(`Tags.member.${i}.Key`);
      const value = this.values.get(`Tags.member.${i}.Value`);
      if (key === undefined && value === undefined) break;
      if (key === undefined) throw validationError(`tags.${i}.member.key`, "not be null");
      if (key.length < 1 || key.length > 128 || !TAG_KEY.test(key))
        throw validationError(
          `tags.${i}.member.key`,
          "satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
        );
      const val = value ?? "";
      if (val.length > 256 || !TAG_VALUE.test(val))
        throw validationError(
          `tags.${i}.member.value`,
          "satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
        );
      tags.push({ Key: key, Value: val });
    }
    if (tags.length > 50) throw validationError("tags", "have length less than or equal to 50");
    return tags;
  }
}
