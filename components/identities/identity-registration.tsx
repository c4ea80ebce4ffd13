// The "Registration" and "Owners" sections of an identity's page.
import Link from "next/link";
import type { ReactNode } from "react";
import { TagList } from "@/components/identities/identity-badges";
import { AUTH_METHOD_LABELS, ENVIRONMENT_LABELS, RISK_LABELS, STATUS_LABELS, TLS_FIELD_LABELS, TOKEN_BINDING_LABELS, TRANSPORT_LABELS } from "@/components/identities/identity-labels";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DescriptionList } from "@/components/ui/description-list";
import { formatDateTime } from "@/lib/format/date";
import type { TIdentity } from "@/lib/identities/schemas";

type Person = { id: string; name: string; email: string };

const mono = "break-all font-mono text-xs text-slate-900";

function Copyable({ value, subject, testId }: { value: string; subject: string; testId?: string }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      <code className={mono} data-testid={testId}>
        {value}
      </code>
      <CopyButton value={value} subject={subject} />
    </span>
  );
}

function At({ iso }: { iso: string | null }) {
  return iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : null;
}

/** How the identity authenticates as an OAuth client. */
function clientItems(identity: TIdentity): { label: string; value: ReactNode }[] {
  return [
    { label: "Client authentication", value: AUTH_METHOD_LABELS[identity.authMethod] },
    {
      label: "Certificate must hold",
      value: identity.tlsClientAuth ? (
        <span>
          {TLS_FIELD_LABELS[identity.tlsClientAuth.field]}: <code className={mono}>{identity.tlsClientAuth.value}</code>
        </span>
      ) : null,
    },
  ];
}

function kindItems(identity: TIdentity): { label: string; value: ReactNode }[] {
  return [...kindSpecificItems(identity), ...clientItems(identity)];
}

function kindSpecificItems(identity: TIdentity): { label: string; value: ReactNode }[] {
  switch (identity.kind) {
    case "server":
      return [
        { label: "Resource URI", value: identity.resourceUri ? <Copyable value={identity.resourceUri} subject="resource URI" /> : null },
        { label: "Transport", value: identity.transport ? TRANSPORT_LABELS[identity.transport] : null },
        {
          label: "Source repository",
          value: identity.sourceRepository ? (
            <a href={identity.sourceRepository} target="_blank" rel="noopener noreferrer" className="break-all text-indigo-700 hover:underline">
              {identity.sourceRepository}
            </a>
          ) : null,
        },
        { label: "MCP Registry name", value: identity.registryName ? <code className={mono}>{identity.registryName}</code> : null },
      ];
    case "agent":
      return [
        { label: "Client ID", value: identity.clientId ? <Copyable value={identity.clientId} subject="client id" /> : null },
        {
          label: "Token binding",
          value: identity.tokenBinding && identity.tokenBinding !== "bearer" ? <Badge tone="success">{TOKEN_BINDING_LABELS[identity.tokenBinding]}</Badge> : (
            <span className="flex flex-wrap items-center gap-1.5">
              <Badge tone="warning">Bearer</Badge>
              <span className="text-xs text-amber-800">Tokens are not bound to a key: flagged as a risk.</span>
            </span>
          ),
        },
        { label: "Hardware-bound keys", value: identity.hardwareKeysRequired ? <Badge tone="success">Required</Badge> : "Not required" },
        { label: "Token lifetime", value: identity.tokenLifetimeSeconds !== null ? `${identity.tokenLifetimeSeconds} seconds` : null },
      ];
    case "resource":
      return [{ label: "Audience URI", value: identity.resourceUri ? <Copyable value={identity.resourceUri} subject="audience URI" /> : null }];
    case "gateway":
      return [
        {
          label: "Fronts",
          value: identity.frontsAllServers ? (
            "All servers"
          ) : identity.frontedServerIds && identity.frontedServerIds.length > 0 ? (
            <ul className="space-y-0.5">
              {identity.frontedServerIds.map((serverId) => (
                <li key={serverId}>
                  <Link href={`/servers/${serverId}`} className="font-mono text-xs text-indigo-700 hover:underline">
                    {serverId}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            "No servers"
          ),
        },
      ];
  }
}

export function RegistrationCard({ identity, people }: { identity: TIdentity; people: Person[] }) {
  const who = (userId: string | null) => {
    if (!userId) return null;
    const person = people.find((candidate) => candidate.id === userId);
    return person ? `${person.name} (${person.email})` : userId;
  };
  const byWhom = (iso: string | null, userId: string | null, none: string) =>
    iso ? (
      <span>
        <At iso={iso} />
        {userId ? <span className="text-slate-600"> by {who(userId)}</span> : null}
      </span>
    ) : (
      <span className="text-slate-500">{none}</span>
    );

  return (
    <Card title="Registration">
      <DescriptionList
        items={[
          { label: "ID", value: <Copyable value={identity.id} subject="identity id" testId="identity-id" /> },
          { label: "Slug", value: <code className={mono}>{identity.slug}</code> },
          ...kindItems(identity),
          { label: "Description", value: identity.description ? <span className="whitespace-pre-wrap">{identity.description}</span> : null },
          { label: "Environment", value: ENVIRONMENT_LABELS[identity.environment] },
          { label: "Risk tier", value: RISK_LABELS[identity.riskTier] },
          { label: "Tags", value: <TagList tags={identity.tags} /> },
          { label: "Created", value: byWhom(identity.createdAt, identity.createdById, "—") },
          { label: "Approved", value: byWhom(identity.approvedAt, identity.approvedById, identity.status === "pending" ? "not yet approved" : "—") },
          {
            label: "Status",
            value: (
              <span>
                {STATUS_LABELS[identity.status]}
                {identity.statusChangedAt ? (
                  <span className="text-slate-600">
                    {" "}
                    since <At iso={identity.statusChangedAt} />
                  </span>
                ) : null}
              </span>
            ),
          },
          { label: "Status reason", value: identity.statusReason },
          { label: "Last certified", value: identity.lastCertifiedAt ? <At iso={identity.lastCertifiedAt} /> : <span className="text-slate-500">not yet certified</span> },
          { label: "Next certification due", value: identity.nextCertificationDue ? <At iso={identity.nextCertificationDue} /> : <span className="text-slate-500">not scheduled</span> },
          { label: "Public JWKS URL", value: <Copyable value={identity.jwksUri} subject="JWKS URL" testId="identity-jwks-uri" /> },
        ]}
      />
    </Card>
  );
}

function PersonValue({ person }: { person: TIdentity["owner"] | null }) {
  if (!person) return <span className="text-slate-500">none</span>;
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <span>{person.name}</span>
      <span className="text-slate-500">({person.email})</span>
      {person.active ? null : <Badge tone="danger">deactivated</Badge>}
    </span>
  );
}

export function OwnersCard({ identity, actions }: { identity: TIdentity; actions?: ReactNode }) {
  return (
    <Card title="Owners" description="The people accountable for this identity. Either may change it." actions={actions}>
      <div className="space-y-3" data-testid="identity-owners">
        {identity.orphaned ? <Alert tone="warning">This identity is orphaned: its owner was deactivated. Transfer it to an active owner.</Alert> : null}
        <DescriptionList
          items={[
            { label: "Owner", value: <PersonValue person={identity.owner} /> },
            { label: "Backup owner", value: <PersonValue person={identity.backupOwner} /> },
          ]}
        />
      </div>
    </Card>
  );
}
