import type { ManagedPolicy } from "./types";
import administratorAccess from "../aws-managed/AdministratorAccess.json";
import readOnlyAccess from "../aws-managed/ReadOnlyAccess.json";
import changePassword from "../aws-managed/IAMUserChangePassword.json";
import s3Full from "../aws-managed/AmazonS3FullAccess.json";
import s3ReadOnly from "../aws-managed/AmazonS3ReadOnlyAccess.json";
import ec2Full from "../aws-managed/AmazonEC2FullAccess.json";
import sqsFull from "../aws-managed/AmazonSQSFullAccess.json";
import beanstalkAdmin from "../aws-managed/AdministratorAccess-AWSElasticBeanstalk.json";
import cognitoPowerUser from "../aws-managed/AmazonCognitoPowerUser.json";

interface AwsManagedFile {
  name: string;
  description: string;
  versionId: string;
  created: string;
  document: unknown;
}

const FILES: AwsManagedFile[] = [
  administratorAccess,
  readOnlyAccess,
  changePassword,
  s3Full,
  s3ReadOnly,
  ec2Full,
  sqsFull,
  beanstalkAdmin,
  cognitoPowerUser,
];

/** Stable ids so that a restart does not change them (AWS's own ids are fixed too). */
function stableId(name: string): string {
  let h = 2166136261;
  let id = "ANPA";
  for (let i = 0; id.length < 21; i++) {
    h = Math.imul(h ^ name.charCodeAt(i % name.length) ^ i, 16777619) >>> 0;
    id += "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[h % 32];
  }
  return id;
}

export function awsManagedPolicies(): ManagedPolicy[] {
  return FILES.map((f) => {
    const created = Date.parse(f.created);
    return {
      arn: `arn:aws:iam::aws:policy/${f.name}`,
      id: stableId(f.name),
      name: f.name,
      path: "/",
      description: f.description,
      created,
      updated: created,
      awsManaged: true,
      defaultVersion: f.versionId,
      versions: new Map([
        [f.versionId, { id: f.versionId, document: JSON.stringify(f.document, null, 4), created }],
      ]),
      nextVersion: Number(f.versionId.slice(1)) + 1,
      tags: [],
      attachedUsers: new Set(),
      attachedGroups: new Set(),
      attachedRoles: new Set(),
      boundaryCount: 0,
    };
  });
}
