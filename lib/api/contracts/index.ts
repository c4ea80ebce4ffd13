// Every management endpoint. The OpenAPI document is generated from this list,
// and a test fails when a route file under app/api/v1 has no contract here.
import type { Contract } from "@/lib/api/contract";
import * as accessRequests from "@/lib/api/contracts/access-requests";
import * as apiTokens from "@/lib/api/contracts/api-tokens";
import * as audit from "@/lib/api/contracts/audit";
import * as auditIntegrity from "@/lib/api/contracts/audit-integrity";
import * as attesters from "@/lib/api/contracts/attesters";
import * as auditSinks from "@/lib/api/contracts/audit-sinks";
import * as campaigns from "@/lib/api/contracts/campaigns";
import * as campaignStats from "@/lib/api/contracts/campaign-stats";
import * as capabilities from "@/lib/api/contracts/capabilities";
import * as catalog from "@/lib/api/contracts/catalog";
import * as grants from "@/lib/api/contracts/grants";
import * as tokens from "@/lib/api/contracts/tokens";
import * as toxic from "@/lib/api/contracts/toxic";
import * as fleet from "@/lib/api/contracts/fleet";
import * as directory from "@/lib/api/contracts/directory";
import * as importContracts from "@/lib/api/contracts/import";
import * as keys from "@/lib/api/contracts/keys";
import * as me from "@/lib/api/contracts/me";
import * as meta from "@/lib/api/contracts/meta";
import * as notifications from "@/lib/api/contracts/notifications";
import * as posture from "@/lib/api/contracts/posture";
import * as identities from "@/lib/api/contracts/identities";
import * as users from "@/lib/api/contracts/users";

export const CONTRACTS: Contract[] = [me, users, apiTokens, identities, importContracts, keys, catalog, capabilities, grants, accessRequests, tokens, fleet, campaigns, campaignStats, notifications, directory, audit, auditIntegrity, auditSinks, attesters, posture, toxic, meta].flatMap((group) =>
  Object.values(group).filter((value): value is Contract => typeof value === "object" && value !== null && "operationId" in value),
);
