import { describe, expect, it } from "vitest";
import { conditionHolds } from "./conditions";
import { normaliseContext, type RequestContextInput } from "./context";
import type { ConditionBlock } from "./types";

const holds = (block: ConditionBlock, ctx: RequestContextInput = {}) =>
  conditionHolds(block, normaliseContext(ctx), true);

/** A condition block, the request context it is evaluated in, and whether it holds. */
type Case = [block: ConditionBlock, context: RequestContextInput, holds: boolean];

const regions = ["eu-west-1", "eu-central-1"];
const tagKeys = ["team", "env"];
const topicArn = (account: string) => ({ "aws:SourceArn": `arn:aws:sns:us-east-1:${account}:topic` });
const now = { "aws:CurrentTime": "2026-11-27T12:00:00Z" };
const issued = { "aws:TokenIssueTime": "2026-01-01T00:00:00Z" };

const RULES: Record<string, Case[]> = {
  "string operators: equals is case-sensitive, IgnoreCase is not, Like takes wildcards": [
    [{ StringEquals: { "aws:PrincipalTag/team": ["eng"] } }, { "aws:PrincipalTag/team": "eng" }, true],
    [{ StringEquals: { "aws:PrincipalTag/team": ["eng"] } }, { "aws:PrincipalTag/team": "ENG" }, false],
    [
      { StringEqualsIgnoreCase: { "aws:PrincipalTag/team": ["eng"] } },
      { "aws:principaltag/team": "ENG" },
      true,
    ],
    [{ StringLike: { "s3:prefix": ["reports/*"] } }, { "s3:prefix": "reports/2026" }, true],
    [{ StringLike: { "s3:prefix": ["reports/*"] } }, { "s3:prefix": "hr/2026" }, false],
  ],
  "several values OR together, several keys and operators AND together": [
    [
      { StringEquals: { "aws:RequestedRegion": regions, "aws:PrincipalTag/team": ["eng"] } },
      { "aws:RequestedRegion": "eu-central-1", "aws:PrincipalTag/team": "eng" },
      true,
    ],
    [
      { StringEquals: { "aws:RequestedRegion": regions, "aws:PrincipalTag/team": ["eng"] } },
      { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "eng" },
      false,
    ],
    [
      { StringEquals: { "aws:RequestedRegion": regions, "aws:PrincipalTag/team": ["eng"] } },
      { "aws:RequestedRegion": "eu-west-1" },
      false,
    ],
  ],
  "a negated operator with several values is a NOR, and is true when the key is missing": [
    [{ StringNotEquals: { "aws:RequestedRegion": regions } }, { "aws:RequestedRegion": "us-east-1" }, true],
    [{ StringNotEquals: { "aws:RequestedRegion": regions } }, { "aws:RequestedRegion": "eu-west-1" }, false],
    [{ StringNotEquals: { "aws:RequestedRegion": regions } }, {}, true],
    [{ ArnNotLike: { "aws:SourceArn": ["arn:aws:sns:*:*:x"] } }, {}, true],
  ],
  "a missing key makes positive operators false and ...IfExists true": [
    [{ StringEquals: { "ec2:InstanceType": ["t3.micro"] } }, {}, false],
    [{ StringEqualsIfExists: { "ec2:InstanceType": ["t3.micro"] } }, {}, true],
    [
      { StringEqualsIfExists: { "ec2:InstanceType": ["t3.micro"] } },
      { "ec2:InstanceType": "m5.large" },
      false,
    ],
  ],
  "Null tests presence": [
    [{ Null: { "aws:TokenIssueTime": ["true"] } }, {}, true],
    [{ Null: { "aws:TokenIssueTime": ["true"] } }, issued, false],
    [{ Null: { "aws:TokenIssueTime": ["false"] } }, issued, true],
  ],
  "Bool, Numeric and Date compare values, not text": [
    [{ Bool: { "aws:SecureTransport": ["true"] } }, { "aws:SecureTransport": true }, true],
    [{ Bool: { "aws:SecureTransport": ["true"] } }, { "aws:SecureTransport": false }, false],
    [{ NumericLessThanEquals: { "s3:max-keys": ["10"] } }, { "s3:max-keys": 9 }, true],
    [{ NumericLessThanEquals: { "s3:max-keys": ["10"] } }, { "s3:max-keys": "11" }, false],
    [{ DateLessThan: { "aws:CurrentTime": ["2026-12-31T23:59:59Z"] } }, now, true],
    [{ DateGreaterThan: { "aws:CurrentTime": ["2026-12-31T23:59:59Z"] } }, now, false],
    [{ DateGreaterThan: { "aws:EpochTime": ["1700000000"] } }, { "aws:EpochTime": "1800000000" }, true],
  ],
  "IpAddress / NotIpAddress take CIDR blocks (IPv4 and IPv6)": [
    [
      { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } },
      { "aws:SourceIp": "203.0.113.77" },
      true,
    ],
    [
      { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } },
      { "aws:SourceIp": "198.51.100.1" },
      false,
    ],
    [
      { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } },
      { "aws:SourceIp": "2001:db8:0:1::5" },
      true,
    ],
    [{ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }, { "aws:SourceIp": "198.51.100.1" }, true],
  ],
  "ArnLike checks each ARN component separately": [
    [{ ArnLike: { "aws:SourceArn": ["arn:aws:sns:*:111122223333:*"] } }, topicArn("111122223333"), true],
    [{ ArnLike: { "aws:SourceArn": ["arn:aws:sns:*:111122223333:*"] } }, topicArn("999999999999"), false],
    // `*` in the region must not swallow the account component.
    [{ ArnEquals: { "aws:SourceArn": ["arn:aws:sns:*:topic"] } }, topicArn("111122223333"), false],
  ],
  "ForAllValues: every request value must be allowed; true when the key is missing": [
    [{ "ForAllValues:StringEquals": { "aws:TagKeys": tagKeys } }, { "aws:TagKeys": ["team"] }, true],
    [
      { "ForAllValues:StringEquals": { "aws:TagKeys": tagKeys } },
      { "aws:TagKeys": ["team", "owner"] },
      false,
    ],
    [{ "ForAllValues:StringEquals": { "aws:TagKeys": tagKeys } }, {}, true],
  ],
  "ForAnyValue: at least one request value must match; false when the key is missing": [
    [{ "ForAnyValue:StringEquals": { "aws:TagKeys": tagKeys } }, { "aws:TagKeys": ["owner", "env"] }, true],
    [{ "ForAnyValue:StringEquals": { "aws:TagKeys": tagKeys } }, { "aws:TagKeys": ["owner"] }, false],
    [{ "ForAnyValue:StringEquals": { "aws:TagKeys": tagKeys } }, {}, false],
  ],
};

describe("condition operators", () => {
  describe.each(Object.entries(RULES))("%s", (_rule, cases) => {
    it.each(cases)("%j in %j holds: %s", (block, context, expected) => {
      expect(holds(block, context)).toBe(expected);
    });
  });
});
