// The enforcement fleet (GET /api/v1/gateways/fleet), refreshed every 5 s: the
// page exists to show gateways falling behind or going quiet.
import { useQuery } from "@tanstack/react-query";
import type { TFleet } from "@/lib/api/contracts/fleet";
import { apiFetch } from "@/lib/query/api-fetch";

export type { TFleet as Fleet, TFleetMember as FleetMember } from "@/lib/api/contracts/fleet";

export const fleetKeys = { all: ["fleet"] as const };

export function useFleet() {
  return useQuery({ queryKey: fleetKeys.all, queryFn: ({ signal }) => apiFetch<TFleet>("/api/v1/gateways/fleet", { signal }), refetchInterval: 5000 });
}
