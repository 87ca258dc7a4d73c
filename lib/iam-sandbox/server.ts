import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { recordActivity } from "./activity/record";
import { recordUsage } from "./activity/usage-input";
import { authenticate, EXAMPLE_ROOT_CREDENTIALS, type RootCredentials } from "./auth/authenticate";
import { authorize } from "./auth/authorize";
import { accountOfKey, allStates, stateOf, type Accounts } from "./model/accounts";
import {
  handleOrganizations,
  isOrganizationsTarget,
  organizationsOperation,
  ORGANIZATIONS_WRITES,
} from "./organizations/handler";
import {
  cloudTrailOperation,
  handleCloudTrail,
  isCloudTrailTarget,
  type JsonAnswer,
} from "./cloudtrail/handler";
import { Faults, normalizeFaults, type FaultConfig } from "./faults";
import { BodyTooLarge, parseCredential, parseForm, readBody } from "./http/request";
import { errorXml, successXml, type XmlValue } from "./http/xml";
import { IAM_ACTIONS, isMutating } from "./model/dispatch";
import { sessionCaller, stsHandlers } from "./model/sts";
import { IamError, invalidClientToken } from "./model/errors";
import { newRequestId } from "./model/ids";
import { Params, prevalidate } from "./model/params";
import type { Handler } from "./model/handler";
import { arn, type Caller, type Ctx } from "./model/state";
import type { State } from "./model/types";
import { StateWriter, loadStateFile } from "./persist";
import { buildSeed, type SeedSpec } from "./seeds";
import { APP_USER, appCredentials, keepAppIdentity } from "./seeds/app-identity";

const IAM_VERSION = "2010-05-08";
const STS_VERSION = "2011-06-15";
const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

export interface SandboxOptions {
  port?: number;
  host?: string;
  seed?: SeedSpec;
  stateFile?: string;
  accountId?: string;
  faults?: FaultConfig;
  /** coalescing window for state-file writes */
  persistDelayMs?: number;
  /** discard a saved state file and start from the seed */
  reset?: boolean;
  /** the bearer token /_sandbox/* requires; omitted = a random one (read it from `adminToken`) */
  adminToken?: string;
  /**
   * "on": every IAM/STS request must carry a valid Signature V4 of the root's or an active user
   * key (auth/authenticate.ts), and the caller's policies decide (auth/authorize.ts); the
   * default. "off": the signature is not checked and an unknown key acts as root.
   */
  auth?: "on" | "off";
  /** the account root's key pair under auth "on"; default AWS's documented example pair */
  rootCredentials?: RootCredentials;
}

/** One account of the sandbox, as GET /_sandbox/health lists it. */
export interface SandboxAccountHealth {
  accountId: string;
  /** the organization's name for it; absent without an organization */
  name?: string;
  management: boolean;
  users: number;
  groups: number;
  roles: number;
  policies: number;
}

export interface SandboxHealth {
  ok: true;
  /** the management account (a single-account seed's only account) */
  accountId: string;
  users: number;
  groups: number;
  roles: number;
  policies: number;
  instanceProfiles: number;
  stateFile: string | null;
  faults: FaultConfig;
  /** every account, the management account first; with an organization, its id */
  accounts: SandboxAccountHealth[];
  organizationId: string | null;
}

export interface SandboxAdmin {
  health(): SandboxHealth;
  reset(seed?: SeedSpec): Promise<void>;
  setFaults(config: FaultConfig): void;
  getFaults(): FaultConfig;
  /** write the state file now (no-op in memory mode) */
  flush(): Promise<void>;
  /** the live model of the management account, for assertions in tests */
  state(): State;
  /** one account's live model (any account of the organization), for assertions in tests */
  account(accountId: string): State | undefined;
  /** the key pair of the seeded least-privilege app user (seeds/app-identity.ts), if it exists */
  appCredentials(): AppCredentials | undefined;
}

export interface AppCredentials {
  userName: string;
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SandboxServer {
  private accounts: Accounts;
  private readonly faults = new Faults();
  private readonly writer?: StateWriter;
  private readonly accountId: string;
  private readonly seed: SeedSpec;
  /** What /_sandbox/* requires as `Authorization: Bearer <token>`: whoever holds it may wipe the state. */
  readonly adminToken: string;
  readonly rootCredentials: RootCredentials;
  private readonly authOn: boolean;
  readonly http: Server;

  constructor(private readonly opts: SandboxOptions) {
    this.accountId = opts.accountId ?? "123456789012";
    this.seed = opts.seed ?? "empty";
    this.adminToken = opts.adminToken ?? randomBytes(24).toString("base64url");
    this.rootCredentials = opts.rootCredentials ?? EXAMPLE_ROOT_CREDENTIALS;
    this.authOn = (opts.auth ?? "on") === "on";
    if (this.adminToken.length < 16)
      throw new Error("the sandbox admin token must be at least 16 characters");
    const saved = opts.stateFile && !opts.reset ? loadStateFile(opts.stateFile) : undefined;
    this.accounts = saved ?? buildSeed(this.seed, this.accountId);
    if (opts.faults) this.faults.set(normalizeFaults(opts.faults));
    if (opts.stateFile) {
      this.writer = new StateWriter(opts.stateFile, () => this.accounts, opts.persistDelayMs);
      if (!saved) this.writer.markDirty();
    }
    this.http = createServer((req, res) => {
      this.route(req, res).catch((e) => {
        console.error("[iam-sandbox] unexpected error", e);
        if (!res.headersSent)
          this.sendError(res, newRequestId(), new IamError("ServiceFailure", "Internal failure."));
      });
    });
    this.http.keepAliveTimeout = 5000;
    // A client that stops sending mid-request must not hold a socket forever.
    this.http.headersTimeout = 10_000;
    this.http.requestTimeout = 30_000;
  }

  /** The management account: the root key's, and a single-account seed's only one. */
  private get state(): State {
    return this.accounts.management;
  }

  admin: SandboxAdmin = {
    health: () => ({
      ok: true,
      accountId: this.state.accountId,
      users: this.state.users.size,
      groups: this.state.groups.size,
      roles: this.state.roles.size,
      policies: this.state.policyNames.size,
      instanceProfiles: this.state.instanceProfiles.size,
      stateFile: this.opts.stateFile ?? null,
      faults: this.faults.get(),
      organizationId: this.accounts.organization?.id ?? null,
      accounts: allStates(this.accounts).map((s) => ({
        accountId: s.accountId,
        name: this.accounts.organization?.accounts.find((a) => a.id === s.accountId)?.name,
        management: s === this.state,
        users: s.users.size,
        groups: s.groups.size,
        roles: s.roles.size,
        policies: s.policyNames.size,
      })),
    }),
    reset: async (seed) => {
      const before = this.state;
      this.accounts = buildSeed(seed ?? this.seed, this.accountId);
      keepAppIdentity(before, this.state, Date.now());
      this.writer?.markDirty();
      await this.writer?.flush();
    },
    setFaults: (config) => this.faults.set(normalizeFaults(config)),
    getFaults: () => this.faults.get(),
    flush: async () => {
      await this.writer?.flush();
    },
    state: () => this.state,
    account: (accountId) => stateOf(this.accounts, accountId),
    appCredentials: () => {
      const ctx: Ctx = {
        state: this.state,
        now: Date.now(),
        hideNewerThanMs: 0,
        caller: { kind: "root" },
        p: new Params(new Map()),
      };
      const before = this.state.users.get(APP_USER)?.accessKeys.length;
      const found = appCredentials(ctx);
      if (!found) return undefined;
      if (found.user.accessKeys.length !== before) this.writer?.markDirty();
      return {
        userName: found.user.name,
        arn: arn.user(this.state, found.user),
        accessKeyId: found.key.id,
        secretAccessKey: found.key.secret,
      };
    },
  };

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeIdleConnections();
    });
    await this.writer?.flush();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox");
    if (url.pathname.startsWith("/_sandbox/")) return this.routeAdmin(req, res, url.pathname);
    const requestId = newRequestId();
    let body: string;
    try {
      body = req.method === "POST" || req.method === "PUT" ? await readBody(req) : "";
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader("Connection", "close");
        return this.sendError(
          res,
          requestId,
          new IamError("RequestEntityTooLarge", "Request body is too large."),
        );
      }
      throw e;
    }
    const target = req.headers["x-amz-target"];
    if (isCloudTrailTarget(target)) return this.routeJson(req, res, body, "cloudtrail", target, requestId);
    if (isOrganizationsTarget(target))
      return this.routeJson(req, res, body, "organizations", target, requestId);
    const params = parseForm(url.search.slice(1), parseForm(body));
    // The account that answers is the one that holds the signing key (model/accounts.ts).
    let state = accountOfKey(this.accounts, parseCredential(req.headers.authorization, params).keyId);
    if (this.authOn) {
      const signed = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
      try {
        state = await authenticate(signed, (key) => accountOfKey(this.accounts, key), this.rootCredentials);
      } catch (e) {
        if (e instanceof IamError) return this.sendError(res, requestId, e);
        throw e;
      }
    }
    const result = await this.dispatch(req, state, params, requestId);
    if (result instanceof IamError) return this.sendError(res, requestId, result);
    this.send(res, 200, requestId, result);
  }

  private async dispatch(
    req: IncomingMessage,
    state: State,
    params: Map<string, string>,
    requestId: string,
  ): Promise<string | IamError> {
    const action = params.get("Action");
    const version = params.get("Version");
    if (!action) return new IamError("MissingAction", "Missing Action");
    const cred = parseCredential(req.headers.authorization, params);
    const sts = version === STS_VERSION || cred.service === "sts";
    if (version === undefined)
      return new IamError("MissingParameter", "The request must contain the parameter Version.");
    if (version !== IAM_VERSION && version !== STS_VERSION)
      return new IamError("InvalidAction", `Could not find operation ${action} for version ${version}`);
    const table = sts ? stsHandlers : IAM_ACTIONS;
    const handler = Object.hasOwn(table, action) ? table[action] : undefined;
    if (!handler)
      return new IamError("InvalidAction", `Could not find operation ${action} for version ${version}`);

    const latency = this.faults.latencyFor(action);
    if (latency > 0) await sleep(latency);
    const fault = this.faults.decide(action, isMutating(action));
    if (fault.kind === "throttle") return new IamError("Throttling", "Rate exceeded");
    if (fault.kind === "failure")
      return new IamError(
        "ServiceFailure",
        "Request processing has failed due to an unknown error, exception or failure.",
      );
    if (fault.kind === "unmodifiable")
      return new IamError(
        "EntityTemporarilyUnmodifiable",
        "The entity is temporarily unmodifiable. Please try again later.",
      );
    if (fault.kind === "concurrent")
      return new IamError(
        "ConcurrentModification",
        "Another process is modifying this entity. Please try again later.",
      );

    const now = Date.now();
    const caller = this.resolveCaller(state, cred.keyId, now, cred.service, cred.region);
    if (caller instanceof IamError) return caller;

    const ctx: Ctx = {
      state,
      accounts: this.accounts,
      now,
      hideNewerThanMs: this.faults.consistencyDelayMs,
      caller,
      p: new Params(params),
      request: {
        sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
        region: cred.region,
      },
    };
    const result = await this.run(ctx, params, sts ? "sts" : "iam", action, handler);
    const roleAccount =
      action === "AssumeRole" ? stateOf(this.accounts, arnAccount(params.get("RoleArn"))) : undefined;
    recordActivity(
      state,
      {
        at: now,
        service: sts ? "sts" : "iam",
        action,
        caller,
        region: cred.region,
        sourceIp: ctx.request!.sourceIp,
        userAgent: req.headers["user-agent"] ?? "",
        params,
        requestId,
        ...(result instanceof IamError
          ? { errorCode: result.code, errorMessage: result.message }
          : { response: result }),
      },
      roleAccount,
    );
    return result instanceof IamError ? result : successXml(action, sts ? STS_NS : IAM_NS, result, requestId);
  }

  /**
   * CloudTrail's and Organizations' JSON 1.1 APIs (cloudtrail/handler.ts, organizations/handler.ts),
   * in the account of the signing key; errors in JSON, as their clients expect.
   */
  private async routeJson(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
    service: "cloudtrail" | "organizations",
    target: string,
    requestId: string,
  ): Promise<void> {
    let answer: JsonAnswer;
    try {
      const now = Date.now();
      const cred = parseCredential(req.headers.authorization, new Map());
      let state = accountOfKey(this.accounts, cred.keyId);
      let ctx: Ctx | undefined;
      if (this.authOn) {
        const signed = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
        const accountOf = (key: string) => accountOfKey(this.accounts, key);
        state = await authenticate(signed, accountOf, this.rootCredentials, new Date(), [service]);
        const caller = this.resolveCaller(state, cred.keyId, now, service, cred.region);
        if (caller instanceof IamError) throw caller;
        ctx = { state, now, hideNewerThanMs: 0, caller, p: new Params(new Map()) };
      }
      if (service === "organizations") {
        answer = handleOrganizations(target, body, {
          accounts: this.accounts,
          callerAccount: state.accountId,
          authorize: (operation, resource) =>
            ctx && authorize(ctx, "organizations", operation, { arn: resource }),
        });
        if (answer.status === 200 && ORGANIZATIONS_WRITES.has(organizationsOperation(target)))
          this.writer?.markDirty();
      } else {
        // The caller's policies decide, as for IAM: cloudtrail:<Operation> on "*".
        const refused = ctx && authorize(ctx, "cloudtrail", cloudTrailOperation(target));
        if (refused) throw refused;
        answer = handleCloudTrail(state, target, body, now);
      }
    } catch (e) {
      if (!(e instanceof IamError)) throw e;
      // JSON services name a refusal AccessDeniedException.
      const code = e.code === "AccessDenied" ? "AccessDeniedException" : e.code;
      answer = { status: e.status, body: { __type: code, message: e.message } };
    }
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      "Content-Type": "application/x-amz-json-1.1",
      "x-amzn-RequestId": requestId,
      "Content-Length": Buffer.byteLength(text),
    });
    res.end(text);
  }

  /** Authorize (auth "on"), validate and run one action; an IamError is the answer to send. */
  private async run(
    ctx: Ctx,
    params: Map<string, string>,
    service: "iam" | "sts",
    action: string,
    handler: Handler,
  ): Promise<XmlValue | IamError> {
    try {
      const denied = this.authOn ? authorize(ctx, service, action) : undefined;
      if (denied) return denied;
      prevalidate(params);
      const out: XmlValue = await handler(ctx);
      if (isMutating(action)) this.writer?.markDirty();
      return out;
    } catch (e) {
      if (e instanceof IamError) return e;
      console.error(`[iam-sandbox] ${action} failed`, e);
      return new IamError(
        "ServiceFailure",
        "Request processing has failed due to an unknown error, exception or failure.",
      );
    }
  }

  /** A key that belongs to no sandbox user acts as the account root (see README). */
  private resolveCaller(
    state: State,
    keyId: string | undefined,
    now: number,
    service: string,
    region: string,
  ): Caller | IamError {
    if (!keyId) return { kind: "root" };
    const session = state.sessions?.get(keyId);
    if (session) return sessionCaller(state, keyId, session, now);
    const owner = state.keyOwners.get(keyId);
    const user = owner ? state.users.get(owner) : undefined;
    const key = user?.accessKeys.find((k) => k.id === keyId);
    if (!user || !key) return { kind: "root", keyId };
    if (key.status === "Inactive") return invalidClientToken();
    key.lastUsed = { at: now, service, region };
    this.writer?.markDirty();
    return { kind: "user", user: owner!, keyId };
  }

  private send(res: ServerResponse, status: number, requestId: string, body: string): void {
    res.writeHead(status, {
      "Content-Type": "text/xml",
      "x-amzn-RequestId": requestId,
      "Content-Length": Buffer.byteLength(body),
    });
    res.end(body);
  }

  private sendError(res: ServerResponse, requestId: string, e: IamError): void {
    this.send(res, e.status, requestId, errorXml(e.code, e.message, requestId, e.status));
  }

  private async routeAdmin(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const json = (status: number, value: unknown) => {
      const text = JSON.stringify(value);
      res.writeHead(status, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
      });
      res.end(text);
    };
    const refusal = this.adminRefusal(req);
    if (refusal) {
      res.setHeader("Connection", "close");
      return json(refusal.status, { ok: false, error: refusal.error });
    }
    try {
      const body = req.method === "POST" ? await readBody(req) : "";
      const input: unknown = body.trim() ? JSON.parse(body) : {};
      if (pathname === "/_sandbox/health" && req.method === "GET") return json(200, this.admin.health());
      if (pathname === "/_sandbox/app-credentials" && req.method === "GET") {
        const app = this.admin.appCredentials();
        return app
          ? json(200, app)
          : json(404, {
              ok: false,
              error: `no ${APP_USER} user in this sandbox (the example-company seed makes one)`,
            });
      }
      if (pathname === "/_sandbox/faults" && req.method === "GET") return json(200, this.admin.getFaults());
      if (pathname === "/_sandbox/faults" && req.method === "POST") {
        this.admin.setFaults(normalizeFaults(input));
        return json(200, { ok: true, faults: this.admin.getFaults() });
      }
      if (pathname === "/_sandbox/reset" && req.method === "POST") {
        const seed = (input as { seed?: SeedSpec }).seed;
        await this.admin.reset(seed);
        return json(200, this.admin.health());
      }
      if (pathname === "/_sandbox/usage" && req.method === "POST") {
        const accountId = (input as { account?: unknown }).account;
        const state = accountId === undefined ? this.state : stateOf(this.accounts, String(accountId));
        if (!state) throw new Error(`no account ${String(accountId)} in this sandbox`);
        recordUsage(state, input, Date.now());
        this.writer?.markDirty();
        return json(200, { ok: true });
      }
      return json(404, { ok: false, error: "unknown admin endpoint" });
    } catch (e) {
      return json(400, { ok: false, error: e instanceof Error ? e.message : "bad request" });
    }
  }

  /**
   * The admin endpoint can wipe the state, so it answers only (1) for a loopback Host header —
   * a web page that rebinds its own DNS name to 127.0.0.1 still sends its own name as Host —
   * and (2) with the start-time token, which a browser page or a server Gatehouse is tricked
   * into calling (the webhook) does not have. Checked before the body is read.
   */
  private adminRefusal(req: IncomingMessage): { status: number; error: string } | null {
    if (!isLoopbackHost(req.headers.host))
      return {
        status: 403,
        error: "the admin endpoint answers only for a loopback Host (127.0.0.1, localhost, [::1])",
      };
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const a = Buffer.from(given);
    const b = Buffer.from(this.adminToken);
    if (a.length !== b.length || !timingSafeEqual(a, b))
      return {
        status: 401,
        error: "the admin endpoint needs Authorization: Bearer <the token the sandbox printed at start>",
      };
    return null;
  }

  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(this.opts.port ?? 0, this.opts.host ?? "127.0.0.1", () =>
        resolve(this.http.address() as AddressInfo),
      );
    });
  }
}

/** Host header names that can only mean this machine (with or without a port). */
function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
  return ["127.0.0.1", "localhost", "[::1]"].includes(name.toLowerCase());
}

/** The account id in an ARN (its fifth field), or "" for anything else. */
function arnAccount(arn: string | undefined): string {
  return arn?.split(":")[4] ?? "";
}
