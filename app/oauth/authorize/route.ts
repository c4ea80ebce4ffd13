// GET|POST /oauth/authorize — always refused: Warden has no interactive flow (lib/server/public-documents/authorize-refusal.ts)
import { authorizeRefusal } from "@/lib/server/public-documents/authorize-refusal";

export const dynamic = "force-dynamic";

export const GET = authorizeRefusal;
export const POST = authorizeRefusal;
