import { noteUse } from "../../activity/last-accessed";
import type { State } from "../../model/types";

const DAY = 24 * 60 * 60 * 1000;

/**
 * The example company's history of service use, relative to when the seed is made, so the
 * review always has the same story to tell: Sally (DevOps) works EC2 and SQS daily; John was
 * granted Elastic Beanstalk as a web developer and never used it; Maria last deployed to it
 * long ago (over 90 days); Jane uses her mobile assets in S3; the orders worker reads its queue.
 * Only services their policies grant appear in Access Advisor's reports, so nothing here is
 * outside what each person may do.
 */
const HISTORY: { principal: string; role?: boolean; service: string; daysAgo: number }[] = [
  { principal: "sally", service: "ec2", daysAgo: 1 },
  { principal: "sally", service: "sqs", daysAgo: 1 },
  { principal: "sally", service: "elasticbeanstalk", daysAgo: 12 },
  { principal: "john", service: "s3", daysAgo: 3 },
  { principal: "maria", service: "elasticbeanstalk", daysAgo: 130 },
  { principal: "maria", service: "s3", daysAgo: 130 },
  { principal: "jane", service: "s3", daysAgo: 2 },
  { principal: "mary", service: "s3", daysAgo: 20 },
  { principal: "ec2-sqs-worker", role: true, service: "sqs", daysAgo: 0 },
];

/** `partial`: an account of the organization seed, which holds only some of the people. */
export function seedUsage(state: State, now: number, partial = false): void {
  for (const h of HISTORY) {
    const entity = h.role ? state.roles.get(h.principal) : state.users.get(h.principal);
    if (!entity && partial) continue;
    if (!entity) throw new Error(`usage seed: no ${h.principal}`);
    noteUse(state, entity.id, h.service, { at: now - h.daysAgo * DAY - 60 * 60 * 1000, region: "us-east-1" });
  }
}
