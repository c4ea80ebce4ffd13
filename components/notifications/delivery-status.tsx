// A delivery's state: Pending, Delivered or Failed.
import { Badge } from "@/components/ui/badge";
import type { NotificationStatus } from "@/lib/notifications/schemas";

export function DeliveryStatusBadge({ status }: { status: NotificationStatus }) {
  if (status === "delivered") return <Badge tone="success">Delivered</Badge>;
  if (status === "failed") return <Badge tone="danger">Failed</Badge>;
  return <Badge tone="warning">Pending</Badge>;
}
