// One kind's inventory page body: the header with its register (and import) links, and the list.
import { IdentityList } from "@/components/identities/identity-list";
import { KIND_DESCRIPTIONS, KIND_WORD } from "@/components/identities/identity-labels";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { KIND_INFO, type IdentityKind } from "@/lib/identities/kinds";

export function InventoryView({ kind, canRegister, initialMine }: { kind: IdentityKind; canRegister: boolean; initialMine: boolean }) {
  const { plural, labelPlural } = KIND_INFO[kind];
  return (
    <div className="flex flex-col gap-2">
      <PageHeader
        title={labelPlural}
        description={KIND_DESCRIPTIONS[kind]}
        actions={
          canRegister ? (
            <>
              {kind === "server" ? (
                <ButtonLink href="/servers/import" variant="secondary">
                  Import server.json
                </ButtonLink>
              ) : null}
              <ButtonLink href={`/${plural}/new`}>Register {KIND_WORD[kind].toLowerCase()}</ButtonLink>
            </>
          ) : undefined
        }
      />
      <IdentityList kind={kind} canRegister={canRegister} initialMine={initialMine} canPickOwner={canRegister} />
    </div>
  );
}
