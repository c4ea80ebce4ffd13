// One batch to a syslog receiver: one RFC 5424 message per event. UDP sends a
// datagram each (no acknowledgement: a send that leaves this host counts as
// delivered); TCP opens one connection per batch, writes the octet-counted
// messages and counts the batch delivered once they are flushed to the socket.
// Both resolve and connect through the outbound guard (docs/outbound-requests.md).
import dgram from "node:dgram";
import net from "node:net";
import type { ExportRecord } from "@/lib/audit/otel-fields";
import { MAX_UDP_MESSAGE_BYTES, octetCounted, syslogMessage } from "@/lib/audit/sinks/forward/syslog-format";
import type { SyslogTarget } from "@/lib/audit/sinks/target-shape";
import { guardedLookup, pinnedAddress } from "@/lib/http/outbound/socket";
import type { Attempt } from "@/lib/notifications/attempt";
import { shortError } from "@/lib/notifications/short-error";

function withTimeout<T>(work: (signal: { cancelled: boolean }) => Promise<T>, timeoutMs: number, cleanup: () => void): Promise<T> {
  const state = { cancelled: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      state.cancelled = true;
      reject(new Error(`No completion within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  return Promise.race([work(state), timeout]).finally(() => {
    clearTimeout(timer);
    cleanup();
  });
}

async function sendUdp(target: SyslogTarget, records: ExportRecord[], timeoutMs: number): Promise<void> {
  let socket: dgram.Socket | undefined;
  await withTimeout(
    async (state) => {
      // resolved and checked once, then sent to that address (a dgram socket's
      // own lookup would resolve its bind address, 0.0.0.0, through the guard too)
      const destination = await pinnedAddress(target.host);
      if (state.cancelled) return;
      socket = dgram.createSocket(destination.family === 6 ? "udp6" : "udp4");
      // send callbacks report failures; an unlistened 'error' event would end the process
      socket.on("error", () => undefined);
      for (const record of records) {
        if (state.cancelled) return;
        const datagram = Buffer.from(syslogMessage(record, { maxBytes: MAX_UDP_MESSAGE_BYTES }), "utf8");
        await new Promise<void>((resolve, reject) => socket!.send(datagram, target.port, destination.address, (error) => (error ? reject(error) : resolve())));
      }
    },
    timeoutMs,
    () => socket?.close(),
  );
}

async function sendTcp(target: SyslogTarget, records: ExportRecord[], timeoutMs: number): Promise<void> {
  const payload = records.map((record) => octetCounted(syslogMessage(record))).join("");
  const socket = net.connect({ host: target.host, port: target.port, lookup: guardedLookup(target.host) });
  await withTimeout(
    () =>
      new Promise<void>((resolve, reject) => {
        socket.on("error", reject);
        socket.once("connect", () => socket.end(payload, () => resolve()));
      }),
    timeoutMs,
    () => socket.destroy(),
  );
}

export async function sendSyslogBatch(options: { target: SyslogTarget; records: ExportRecord[]; timeoutMs: number }): Promise<Attempt> {
  try {
    if (options.target.protocol === "tcp") await sendTcp(options.target, options.records, options.timeoutMs);
    else await sendUdp(options.target, options.records, options.timeoutMs);
    return { ok: true, status: null };
  } catch (error) {
    return { ok: false, status: null, error: shortError(error) };
  }
}
