import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
} from "@aws-sdk/client-iam";
import { generateSync } from "otplib";
import { describe, expect, it } from "vitest";
import { expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile();

/** Two consecutive codes, as a person would read them off an authenticator app. */
function consecutiveCodes(seed: string): [string, string] {
  const step = Math.floor(Date.now() / 30_000) - 1;
  return [
    generateSync({ secret: seed, epoch: step * 30 }),
    generateSync({ secret: seed, epoch: (step + 1) * 30 }),
  ];
}

describe("virtual MFA", () => {
  it("creates a device with a Base32 seed and a QR PNG, both base64", async () => {
    const d = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "phone", Path: "/" }));
    expect(d.VirtualMFADevice!.SerialNumber).toBe("arn:aws:iam::123456789012:mfa/phone");
    const seed = Buffer.from(d.VirtualMFADevice!.Base32StringSeed!).toString("ascii");
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);
    const png = Buffer.from(d.VirtualMFADevice!.QRCodePNG!);
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    await expectIamError(
      iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "phone" })),
      "EntityAlreadyExists",
      409,
    );
  });

  it("enables only with two valid consecutive codes, blocks DeleteUser, deactivates and deletes", async () => {
    await iam.send(new CreateUserCommand({ UserName: "mfa-user" }));
    const d = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "mfa-user-phone" }));
    const serial = d.VirtualMFADevice!.SerialNumber!;
    const seed = Buffer.from(d.VirtualMFADevice!.Base32StringSeed!).toString("ascii");
    const [c1, c2] = consecutiveCodes(seed);
    const wrong = c1 === "000000" ? "111111" : "000000";
    const msg = await expectIamError(
      iam.send(
        new EnableMFADeviceCommand({
          UserName: "mfa-user",
          SerialNumber: serial,
          AuthenticationCode1: c1,
          AuthenticationCode2: wrong,
        }),
      ),
      "InvalidAuthenticationCode",
      403,
    );
    expect(msg).toBe("Authentication code for device is not valid.");
    await expectIamError(
      iam.send(
        new EnableMFADeviceCommand({
          UserName: "mfa-user",
          SerialNumber: serial,
          AuthenticationCode1: c2,
          AuthenticationCode2: c1,
        }),
      ),
      "InvalidAuthenticationCode",
      403,
    );
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: "mfa-user",
        SerialNumber: serial,
        AuthenticationCode1: c1,
        AuthenticationCode2: c2,
      }),
    );
    const listed = await iam.send(new ListMFADevicesCommand({ UserName: "mfa-user" }));
    expect(listed.MFADevices!.map((m) => m.SerialNumber)).toEqual([serial]);
    const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Assigned" }));
    expect(assigned.VirtualMFADevices!.map((v) => v.User?.UserName)).toEqual(["mfa-user"]);
    expect(
      await expectIamError(
        iam.send(
          new EnableMFADeviceCommand({
            UserName: "mfa-user",
            SerialNumber: serial,
            AuthenticationCode1: c1,
            AuthenticationCode2: c2,
          }),
        ),
        "EntityAlreadyExists",
        409,
      ),
    ).toBe("MFA Device is already in use.");
    expect(
      await expectIamError(iam.send(new DeleteUserCommand({ UserName: "mfa-user" })), "DeleteConflict", 409),
    ).toBe("Cannot delete entity, must delete MFA device first.");
    await expectIamError(
      iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })),
      "DeleteConflict",
      409,
    );
    await iam.send(new DeactivateMFADeviceCommand({ UserName: "mfa-user", SerialNumber: serial }));
    const unassigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Unassigned" }));
    expect(unassigned.VirtualMFADevices!.map((v) => v.SerialNumber)).toContain(serial);
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    await expectIamError(
      iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })),
      "NoSuchEntity",
      404,
    );
    await iam.send(new DeleteUserCommand({ UserName: "mfa-user" }));
  });

  it("validates code format", async () => {
    await expectIamError(
      iam.send(
        new EnableMFADeviceCommand({
          UserName: "x",
          SerialNumber: "arn:aws:iam::123456789012:mfa/phone",
          AuthenticationCode1: "12ab56",
          AuthenticationCode2: "123456",
        }),
      ),
      "ValidationError",
      400,
    );
  });
});
