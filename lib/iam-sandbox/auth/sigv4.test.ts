import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readBody } from "../http/request";
import { errorXml, successXml } from "../http/xml";
import { IamError } from "../model/errors";
import { clients } from "../test/helpers";
import { readSignatureClaim, verifySignature, type SignatureClaim } from "./sigv4";

// SigV4 checking against two independent signers: the AWS SDK for JavaScript (IAMClient) and
// Python's botocore (boto3, the signer the AWS CLI uses). A small HTTP server runs the checker and
// answers as IAM does, so the clients see real responses and real errors.

const KEY = { id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const SESSION = {
  id: "ASIAQNZGKIQY3EXAMPLE",
  secret: "sessionSecretsessionSecretsessionSecret1",
  token: "FwoGZXIvYXdzEXAMPLEtoken",
};
const secrets = new Map([
  [KEY.id, { secret: KEY.secret }],
  [SESSION.id, { secret: SESSION.secret, token: SESSION.token }],
]);

let server: Server;
let url: string;
let clockOffsetMs = 0;
let lastClaim: SignatureClaim | undefined;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const signed = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
    try {
      const claim = readSignatureClaim(signed, new Date(Date.now() + clockOffsetMs));
      const known = secrets.get(claim.accessKeyId);
      if (!known || known.token !== claim.sessionToken)
        throw new IamError(
          "InvalidClientTokenId",
          "The security token included in the request is invalid.",
          403,
        );
      await verifySignature(signed, claim, known.secret);
      lastClaim = claim;
      res.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": "req-1" });
      const user = {
        UserName: "sally",
        UserId: "AIDAEXAMPLE",
        Arn: "arn:aws:iam::123456789012:user/sally",
        Path: "/",
        CreateDate: new Date(0).toISOString(),
      };
      res.end(successXml("GetUser", "https://iam.amazonaws.com/doc/2010-05-08/", { User: user }, "req-1"));
    } catch (e) {
      if (!(e instanceof IamError)) throw e;
      res.writeHead(e.status, { "content-type": "text/xml", "x-amzn-requestid": "req-1" });
      res.end(errorXml(e.code, e.message, "req-1", e.status));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  clockOffsetMs = 0;
  lastClaim = undefined;
});

const js = (accessKeyId: string, secretAccessKey: string, sessionToken?: string) =>
  clients(url, { accessKeyId, secretAccessKey, sessionToken }).iam;

async function jsError(client: IAMClient): Promise<{ name: string; status?: number; message: string }> {
  const e = (await client.send(new GetUserCommand({})).catch((err: unknown) => err)) as {
    name: string;
    message: string;
    $metadata?: { httpStatusCode?: number };
  };
  return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
}

/**
 * Runs a botocore snippet with `session` (a boto3 Session) and `url` defined; returns its stdout.
 * (Asynchronously: the server it calls runs in this process.)
 */
async function python(code: string, key = KEY.id, secret = KEY.secret, token = ""): Promise<string> {
  const prelude = [
    "import boto3, botocore, json, urllib.request, urllib.error",
    "from botocore.auth import SigV4Auth, SigV4QueryAuth",
    "from botocore.awsrequest import AWSRequest",
    "from botocore.credentials import Credentials",
    `url = ${JSON.stringify(url)}`,
    `creds = Credentials(${JSON.stringify(key)}, ${JSON.stringify(secret)}, ${token ? JSON.stringify(token) : "None"})`,
    "session = boto3.Session(aws_access_key_id=creds.access_key, aws_secret_access_key=creds.secret_key, aws_session_token=creds.token, region_name='us-east-1')",
    "def send(req):",
    "    data = req.body.encode() if isinstance(req.body, str) else req.body",
    "    r = urllib.request.Request(req.url, data=data, method=req.method, headers=dict(req.headers))",
    "    try:",
    "        with urllib.request.urlopen(r) as resp: return resp.status, resp.read().decode()",
    "    except urllib.error.HTTPError as e: return e.code, e.read().decode()",
  ].join("\n");
  const { stdout } = await promisify(execFile)("python3", ["-c", `${prelude}\n${code}`]);
  return stdout.trim();
}

const signedForm = (body: string, tamper = "") => `
req = AWSRequest(method="POST", url=url + "/", data=${JSON.stringify(body)}, headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
SigV4Auth(creds, "iam", "us-east-1").add_auth(req)
${tamper}
status, text = send(req.prepare())
print(status, text)`;

describe("SigV4 checking", () => {
  it("accepts the JavaScript SDK's signed requests and reads who signed them", async () => {
    const out = await js(KEY.id, KEY.secret).send(new GetUserCommand({}));
    expect(out.User?.UserName).toBe("sally");
    expect(lastClaim).toMatchObject({ accessKeyId: KEY.id, region: "us-east-1", service: "iam" });
  });

  it("accepts temporary credentials with their session token, and refuses them without it", async () => {
    await js(SESSION.id, SESSION.secret, SESSION.token).send(new GetUserCommand({}));
    expect(lastClaim).toMatchObject({ accessKeyId: SESSION.id, sessionToken: SESSION.token });
    expect(await jsError(js(SESSION.id, SESSION.secret))).toMatchObject({
      name: "InvalidClientTokenId",
      status: 403,
    });
  });

  it("refuses a wrong secret as SignatureDoesNotMatch and an unknown key as InvalidClientTokenId", async () => {
    expect(await jsError(js(KEY.id, "not-the-secret"))).toEqual({
      name: "SignatureDoesNotMatch",
      status: 403,
      message: expect.stringContaining("Check your AWS Secret Access Key and signing method"),
    });
    expect(await jsError(js("AKIANOSUCHKEY0000000", KEY.secret))).toMatchObject({
      name: "InvalidClientTokenId",
      status: 403,
    });
  });

  it("refuses a request signed more than 15 minutes before or after the server's clock", async () => {
    clockOffsetMs = 16 * 60 * 1000;
    expect(await jsError(js(KEY.id, KEY.secret))).toMatchObject({
      name: "SignatureDoesNotMatch",
      status: 403,
      message: expect.stringMatching(
        /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(.* - 15 min\.\)$/,
      ),
    });
    clockOffsetMs = -16 * 60 * 1000;
    expect((await jsError(js(KEY.id, KEY.secret))).message).toMatch(/^Signature not yet current: /);
    clockOffsetMs = 14 * 60 * 1000;
    await js(KEY.id, KEY.secret).send(new GetUserCommand({}));
  });

  it("refuses an unsigned request as MissingAuthenticationToken", async () => {
    const res = await fetch(`${url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetUser&Version=2010-05-08",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Code>MissingAuthenticationToken</Code>");
  });

  it("accepts botocore's header signature, and refuses the same request with its body changed", async () => {
    expect(await python(signedForm("Action=GetUser&Version=2010-05-08"))).toMatch(/^200 /);
    const tampered = await python(
      signedForm(
        "Action=GetUser&Version=2010-05-08",
        'req.data = "Action=GetUser&Version=2010-05-08&UserName=root"',
      ),
    );
    expect(tampered).toMatch(/^403 .*<Code>SignatureDoesNotMatch<\/Code>/);
  });

  it("accepts botocore signing a query string on a POST and a header of its own, and refuses that header changed", async () => {
    const custom = (tamper: string) => `
req = AWSRequest(method="POST", url=url + "/?Action=GetUser&Version=2010-05-08", data="", headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "X-Bench-Note": "  two   spaces "})
SigV4Auth(creds, "iam", "us-east-1").add_auth(req)
${tamper}
status, text = send(req.prepare())
print(status, text)`;
    expect(await python(custom(""))).toMatch(/^200 /);
    expect(await python(custom('req.headers.replace_header("X-Bench-Note", "one space")'))).toMatch(
      /^403 .*<Code>SignatureDoesNotMatch<\/Code>/,
    );
  });

  it("accepts botocore with a session token, and refuses a changed token", async () => {
    const signed = signedForm("Action=GetUser&Version=2010-05-08");
    expect(await python(signed, SESSION.id, SESSION.secret, SESSION.token)).toMatch(/^200 /);
    const changed = await python(
      signedForm(
        "Action=GetUser&Version=2010-05-08",
        'req.headers["X-Amz-Security-Token"] = "FwoGZXIvYXdzEXAMPLEforged"',
      ),
      SESSION.id,
      SESSION.secret,
      SESSION.token,
    );
    expect(changed).toMatch(/^403 .*<Code>InvalidClientTokenId<\/Code>/);
  });

  it("accepts botocore's query-string signature (a presigned GET) until it expires", async () => {
    const presigned = (expires: number, wait: number) => `
req = AWSRequest(method="GET", url=url + "/?Action=GetUser&Version=2010-05-08")
SigV4QueryAuth(creds, "iam", "us-east-1", expires=${expires}).add_auth(req)
import time; time.sleep(${wait})
status, text = send(req.prepare())
print(status, text)`;
    expect(await python(presigned(60, 0))).toMatch(/^200 /);
    expect(await python(presigned(1, 2))).toMatch(
      /^403 .*<Code>SignatureDoesNotMatch<\/Code>.*Signature expired/s,
    );
  });

  it("answers a malformed Authorization header with IncompleteSignature (400)", async () => {
    const res = await fetch(`${url}/`, {
      method: "POST",
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${KEY.id}/20261202/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date`,
        "x-amz-date": "20261202T000000Z",
      },
      body: "Action=GetUser&Version=2010-05-08",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Authorization header requires &apos;Signature&apos; parameter.");
  });
});
