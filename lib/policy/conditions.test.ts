import { describe, expect, it } from "vitest";
import { conditionHolds } from "./conditions";
import { normaliseContext, type RequestContextInput } from "./context";
import type { ConditionBlock } from "./types";

const holds = (block: ConditionBlock, ctx: RequestContextInput = {}) =>
  conditionHolds(block, normaliseContext(ctx), true);

describe("condition operators", () => {
  it("string operators: equals is case-sensitive, IgnoreCase is not, Like takes wildcards", () => {
    expect(
      holds({ StringEquals: { "aws:PrincipalTag/team": ["eng"] } }, { "aws:PrincipalTag/team": "eng" }),
    ).toBe(true);
    expect(
      holds({ StringEquals: { "aws:PrincipalTag/team": ["eng"] } }, { "aws:PrincipalTag/team": "ENG" }),
    ).toBe(false);
    expect(
      holds(
        { StringEqualsIgnoreCase: { "aws:PrincipalTag/team": ["eng"] } },
        { "aws:principaltag/team": "ENG" },
      ),
    ).toBe(true);
    expect(holds({ StringLike: { "s3:prefix": ["reports/*"] } }, { "s3:prefix": "reports/2026" })).toBe(true);
    expect(holds({ StringLike: { "s3:prefix": ["reports/*"] } }, { "s3:prefix": "hr/2026" })).toBe(false);
  });

  it("several values OR together, several keys and operators AND together", () => {
    const block = {
      StringEquals: {
        "aws:RequestedRegion": ["eu-west-1", "eu-central-1"],
        "aws:PrincipalTag/team": ["eng"],
      },
    };
    expect(holds(block, { "aws:RequestedRegion": "eu-central-1", "aws:PrincipalTag/team": "eng" })).toBe(
      true,
    );
    expect(holds(block, { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "eng" })).toBe(false);
    expect(holds(block, { "aws:RequestedRegion": "eu-west-1" })).toBe(false);
  });

  it("a negated operator with several values is a NOR, and is true when the key is missing", () => {
    const block = { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } };
    expect(holds(block, { "aws:RequestedRegion": "us-east-1" })).toBe(true);
    expect(holds(block, { "aws:RequestedRegion": "eu-west-1" })).toBe(false);
    expect(holds(block, {})).toBe(true);
    expect(holds({ ArnNotLike: { "aws:SourceArn": ["arn:aws:sns:*:*:x"] } }, {})).toBe(true);
  });

  it("a missing key makes positive operators false and ...IfExists true", () => {
    expect(holds({ StringEquals: { "ec2:InstanceType": ["t3.micro"] } }, {})).toBe(false);
    expect(holds({ StringEqualsIfExists: { "ec2:InstanceType": ["t3.micro"] } }, {})).toBe(true);
    expect(
      holds(
        { StringEqualsIfExists: { "ec2:InstanceType": ["t3.micro"] } },
        { "ec2:InstanceType": "m5.large" },
      ),
    ).toBe(false);
  });

  it("Null tests presence", () => {
    expect(holds({ Null: { "aws:TokenIssueTime": ["true"] } }, {})).toBe(true);
    expect(
      holds({ Null: { "aws:TokenIssueTime": ["true"] } }, { "aws:TokenIssueTime": "2026-01-01T00:00:00Z" }),
    ).toBe(false);
    expect(
      holds({ Null: { "aws:TokenIssueTime": ["false"] } }, { "aws:TokenIssueTime": "2026-01-01T00:00:00Z" }),
    ).toBe(true);
  });

  it("Bool, Numeric and Date compare values, not text", () => {
    expect(holds({ Bool: { "aws:SecureTransport": ["true"] } }, { "aws:SecureTransport": true })).toBe(true);
    expect(holds({ Bool: { "aws:SecureTransport": ["true"] } }, { "aws:SecureTransport": false })).toBe(
      false,
    );
    expect(holds({ NumericLessThanEquals: { "s3:max-keys": ["10"] } }, { "s3:max-keys": 9 })).toBe(true);
    expect(holds({ NumericLessThanEquals: { "s3:max-keys": ["10"] } }, { "s3:max-keys": "11" })).toBe(false);
    expect(
      holds(
        { DateLessThan: { "aws:CurrentTime": ["2026-12-31T23:59:59Z"] } },
        { "aws:CurrentTime": "2026-11-27T12:00:00Z" },
      ),
    ).toBe(true);
    expect(
      holds(
        { DateGreaterThan: { "aws:CurrentTime": ["2026-12-31T23:59:59Z"] } },
        { "aws:CurrentTime": "2026-11-27T12:00:00Z" },
      ),
    ).toBe(false);
    expect(
      holds({ DateGreaterThan: { "aws:EpochTime": ["1700000000"] } }, { "aws:EpochTime": "1800000000" }),
    ).toBe(true);
  });

  it("IpAddress / NotIpAddress take CIDR blocks (IPv4 and IPv6)", () => {
    const office = { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } };
    expect(holds(office, { "aws:SourceIp": "203.0.113.77" })).toBe(true);
    expect(holds(office, { "aws:SourceIp": "198.51.100.1" })).toBe(false);
    expect(holds(office, { "aws:SourceIp": "2001:db8:0:1::5" })).toBe(true);
    expect(
      holds({ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }, { "aws:SourceIp": "198.51.100.1" }),
    ).toBe(true);
  });

  it("ArnLike checks each ARN component separately", () => {
    expect(
      holds(
        { ArnLike: { "aws:SourceArn": ["arn:aws:sns:*:111122223333:*"] } },
        { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic" },
      ),
    ).toBe(true);
    expect(
      holds(
        { ArnLike: { "aws:SourceArn": ["arn:aws:sns:*:111122223333:*"] } },
        { "aws:SourceArn": "arn:aws:sns:us-east-1:999999999999:topic" },
      ),
    ).toBe(false);
    // `*` in the region must not swallow the account component.
    expect(
      holds(
        { ArnEquals: { "aws:SourceArn": ["arn:aws:sns:*:topic"] } },
        { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic" },
      ),
    ).toBe(false);
  });

  it("ForAllValues: every request value must be allowed; true when the key is missing", () => {
    const block = { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } };
    expect(holds(block, { "aws:TagKeys": ["team"] })).toBe(true);
    expect(holds(block, { "aws:TagKeys": ["team", "owner"] })).toBe(false);
    expect(holds(block, {})).toBe(true);
  });

  it("ForAnyValue: at least one request value must match; false when the key is missing", () => {
    const block = { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team", "env"] } };
    expect(holds(block, { "aws:TagKeys": ["owner", "env"] })).toBe(true);
    expect(holds(block, { "aws:TagKeys": ["owner"] })).toBe(false);
    expect(holds(block, {})).toBe(false);
  });
});
