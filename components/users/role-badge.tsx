// Role pill used wherever a user's or token's role is shown.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";

const TONES: Record<Role, BadgeTone> = { admin: "info", owner: "neutral", auditor: "warning" };

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={TONES[role]}>{ROLE_LABELS[role]}</Badge>;
}
