// Reads a JSON request body with a size limit, refusing before buffering when
// Content-Length is already too large, and stopping mid-stream otherwise.
import { AppError } from "@/lib/errors/app-error";

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  // No content type and nothing sent means "no fields": POSTs like approve take
  // only optional fields, and the schema still validates the {}.
  if (!type) {
    if ((await readLimited(request, maxBytes)).trim() === "") return {};
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  if (!/^application\/([a-z0-9.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError("payload_too_large", `The body exceeds the limit of ${maxBytes} bytes`);
  }
  const text = await readLimited(request, maxBytes);
  if (text.trim() === "") throw new AppError("bad_request", "The request body is empty");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `The body exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}
