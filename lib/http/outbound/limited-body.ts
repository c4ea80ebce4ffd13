// A response body that stops past a size limit: the guard reads no more than
// WARDEN_OUTBOUND_MAX_BYTES of any answer, however it is framed (a missing or
// lying Content-Length, chunked encoding, an endless event stream).
import { OutboundError } from "@/lib/http/outbound/errors";

export function tooLarge(maxBytes: number): OutboundError {
  return new OutboundError("too_large", `the answer is larger than the limit of ${maxBytes} bytes`, maxBytes);
}

/** `source` passed through until more than `maxBytes` arrived; errors of the source go through `mapError`. */
export function limitedBody(source: ReadableStream<Uint8Array>, maxBytes: number, mapError: (error: unknown) => unknown = (error) => error): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        controller.error(mapError(error));
        return;
      }
      if (chunk.done) return controller.close();
      received += chunk.value.byteLength;
      if (received > maxBytes) {
        controller.error(tooLarge(maxBytes));
        await reader.cancel().catch(() => undefined);
        return;
      }
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
