import QRCode from "qrcode";
import { generateSecret, generateSync } from "otplib";
import { IamError, limit } from "./errors";
import type { HandlerTable } from "./handler";
import { byKey, paginate, paginateOrdered } from "./paginate";
import { RULES } from "./params";
import { arn, getUser, tagsOut, type Ctx } from "./state";
import { applyTags } from "./tags";
import { userOut } from "./users";
import { ownerOrRoot } from "./credential-owner";
import { isoTime } from "../http/xml";
import type { MfaDevice, User } from "./types";

const MFA_PER_USER = 8;
const STEP = 30;

/**
 * AWS wants two consecutive codes from the device; accept a pair that starts up to
 * ten steps in the past (clock skew, slow typing) or one step ahead.
 */
function codesMatch(seed: string, code1: string, code2: string, nowMs: number): boolean {
  const current = Math.floor(nowMs / 1000 / STEP);
  for (let step = current - 10; step <= current + 1; step++) {
    if (generateSync({ secret: seed, epoch: step * STEP }) !== code1) continue;
    if (generateSync({ secret: seed, epoch: (step + 1) * STEP }) === code2) return true;
  }
  return false;
}

/** One code from the device, as GetSessionToken takes it: this step or one either side. */
export function codeMatches(seed: string, code: string, nowMs: number): boolean {
  const current = Math.floor(nowMs / 1000 / STEP);
  return [current - 1, current, current + 1].some(
    (s) => generateSync({ secret: seed, epoch: s * STEP }) === code,
  );
}

function device(ctx: Ctx, serial: string): MfaDevice {
  const d = ctx.state.mfaDevices.get(serial);
  if (!d) throw new IamError("NoSuchEntity", `VirtualMFADevice with serial number ${serial} doesn't exist.`);
  return d;
}

function mfaListEntry(user: User, d: MfaDevice) {
  return { UserName: user.name, SerialNumber: d.serial, EnableDate: isoTime(d.enabled ?? d.created) };
}

export const mfaHandlers: HandlerTable = {
  async CreateVirtualMFADevice(ctx) {
    const { name, path } = ctx.p.nameAndPath("VirtualMFADeviceName", RULES.mfaName);
    const tags = ctx.p.tags();
    const serial = arn.mfa(ctx.state, path, name);
    for (const d of ctx.state.mfaDevices.values())
      if (d.name.toLowerCase() === name.toLowerCase())
        throw new IamError("EntityAlreadyExists", "MFA device already exists.");
    // 40 random bytes = 64 Base32 characters, the size of AWS's own seeds.
    const seed = generateSecret({ length: 40 });
    const d: MfaDevice = { serial, name, path, seed, created: ctx.now, tags: applyTags([], tags) };
    ctx.state.mfaDevices.set(serial, d);
    const label = encodeURIComponent(`Amazon Web Services:${name}@${ctx.state.accountId}`);
    const uri = `otpauth://totp/${label}?secret=${seed}&issuer=${encodeURIComponent("Amazon Web Services")}`;
    const png = await QRCode.toBuffer(uri, { type: "png" });
    return {
      VirtualMFADevice: {
        SerialNumber: serial,
        Base32StringSeed: Buffer.from(seed, "ascii").toString("base64"),
        QRCodePNG: png.toString("base64"),
        Tags: tagsOut(d.tags),
      },
    };
  },
  EnableMFADevice(ctx) {
    const userName = ctx.p.req("UserName", RULES.userName);
    const serial = ctx.p.req("SerialNumber", RULES.serialNumber);
    const code1 = ctx.p.req("AuthenticationCode1", RULES.authCode);
    const code2 = ctx.p.req("AuthenticationCode2", RULES.authCode);
    const user = getUser(ctx, userName);
    const d = device(ctx, serial);
    if (d.user) throw new IamError("EntityAlreadyExists", "MFA Device is already in use.");
    if (user.mfa.length >= MFA_PER_USER) throw limit("MFADevicesPerUser", MFA_PER_USER);
    if (!codesMatch(d.seed, code1, code2, ctx.now))
      throw new IamError("InvalidAuthenticationCode", "Authentication code for device is not valid.");
    d.user = user.name.toLowerCase();
    d.enabled = ctx.now;
    user.mfa.push(serial);
    return undefined;
  },
  DeactivateMFADevice(ctx) {
    const user = getUser(ctx, ctx.p.req("UserName", RULES.userName));
    const serial = ctx.p.req("SerialNumber", RULES.serialNumber);
    if (!user.mfa.includes(serial))
      throw new IamError(
        "NoSuchEntity",
        `MFA Device with serial number ${serial} does not exist for user ${user.name}.`,
      );
    user.mfa = user.mfa.filter((s) => s !== serial);
    const d = ctx.state.mfaDevices.get(serial);
    if (d) {
      d.user = undefined;
      d.enabled = undefined;
    }
    return undefined;
  },
  DeleteVirtualMFADevice(ctx) {
    const d = device(ctx, ctx.p.req("SerialNumber", RULES.serialNumber));
    if (d.user) throw new IamError("DeleteConflict", "MFA Device is still in use.");
    ctx.state.mfaDevices.delete(d.serial);
    return undefined;
  },
  ListMFADevices(ctx) {
    const user = ownerOrRoot(ctx);
    const rows = user
      ? user.mfa
          .map((s) => ctx.state.mfaDevices.get(s))
          .filter((d) => d !== undefined)
          .map((d) => mfaListEntry(user, d!))
      : [];
    const page = paginateOrdered(rows, ctx.p);
    return { MFADevices: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
  ListVirtualMFADevices(ctx) {
    const status = ctx.p.opt("AssignmentStatus", { oneOf: ["Assigned", "Unassigned", "Any"] }) ?? "Any";
    const list = [...ctx.state.mfaDevices.values()].filter(
      (d) => status === "Any" || (status === "Assigned") === (d.user !== undefined),
    );
    const page = paginate(
      byKey(list, (d) => d.serial),
      (d) => d.serial,
      ctx.p,
    );
    return {
      VirtualMFADevices: page.items.map((d) => {
        const user = d.user ? ctx.state.users.get(d.user) : undefined;
        return {
          SerialNumber: d.serial,
          User: user ? userOut(ctx.state, user, false) : undefined,
          EnableDate: d.enabled ? isoTime(d.enabled) : undefined,
          Tags: tagsOut(d.tags),
        };
      }),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
};
