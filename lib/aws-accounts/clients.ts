import { createIamClients, type IamClientOptions, type IamClients } from "@/lib/iam";
import { SessionCache, type MemberRole } from "./sessions";

// A member account's IAM/STS/CloudTrail clients: lib/iam's createIamClients with the app's own
// configuration (endpoint, region, retries) and, as credentials, a provider that hands out the
// account's cached AssumeRole session. The SDK asks the provider before signing and, like the
// cache, renews 5 minutes before expiry, so these clients live as long as the account's role.

export class MemberClients {
  private readonly built = new Map<string, IamClients>();

  constructor(
    private readonly options: () => IamClientOptions,
    readonly sessions: SessionCache,
  ) {}

  for(role: MemberRole): IamClients {
    const key = `${role.roleArn}\n${role.externalId ?? ""}`;
    let clients = this.built.get(key);
    if (!clients) {
      clients = createIamClients({ ...this.options(), credentials: () => this.sessions.credentials(role) });
      this.built.set(key, clients);
    }
    return clients;
  }

  /** Forgets the account's clients and session (it was removed, or its role changed). */
  forget(role: MemberRole): void {
    const key = `${role.roleArn}\n${role.externalId ?? ""}`;
    const clients = this.built.get(key);
    clients?.iam.destroy();
    clients?.sts.destroy();
    clients?.cloudTrail.destroy();
    this.built.delete(key);
    this.sessions.forget(role);
  }
}
