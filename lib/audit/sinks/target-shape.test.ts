import { describe, expect, it } from "vitest";
import { asciiJson, octetCounted, syslogMessage } from "@/lib/audit/sinks/forward/syslog-format";
import { exportRecord } from "@/lib/audit/otel-fields";
import { formatSyslogTarget, parseSyslogTarget, targetProblems } from "@/lib/audit/sinks/target-shape";

describe("syslog targets", () => {
  it.each([
    ["siem.example.test:514", { protocol: "udp", host: "siem.example.test", port: 514 }],
    ["udp://10.0.0.7:514", { protocol: "udp", host: "10.0.0.7", port: 514 }],
    ["tcp://siem.example.test:6514", { protocol: "tcp", host: "siem.example.test", port: 6514 }],
    ["tcp://[2001:db8::1]:601", { protocol: "tcp", host: "2001:db8::1", port: 601 }],
  ])("reads %s", (value, expected) => {
    expect(parseSyslogTarget(value)).toEqual(expected);
  });

  it("writes the protocol out, IPv6 in brackets", () => {
    expect(formatSyslogTarget({ protocol: "udp", host: "siem.example.test", port: 514 })).toBe("udp://siem.example.test:514");
    expect(formatSyslogTarget({ protocol: "tcp", host: "2001:db8::1", port: 601 })).toBe("tcp://[2001:db8::1]:601");
  });

  it.each(["siem.example.test", "siem.example.test:0", "siem.example.test:65536", "http://siem.example.test:514", "bad host:514", "-bad.example:514", "[siem]:514", "2001:db8::1:514", "a:b:514"])("refuses %s", (value) => {
    expect(typeof parseSyslogTarget(value)).toBe("string");
  });
});

describe("file targets", () => {
  it.each([["/var/lib/warden/audit-sinks/siem.jsonl"], ["/a/b.jsonl"]])("accepts %s", (value) => {
    expect(targetProblems("file", value)).toEqual([]);
  });

  it.each([["siem.jsonl"], ["./siem.jsonl"], ["/a/../b.jsonl"], ["/a/./b.jsonl"], ["/a//b.jsonl"], ["/a/b/"], ["/a/\0b"]])("refuses %j", (value) => {
    expect(targetProblems("file", value)).toHaveLength(1);
  });
});

describe("syslog messages", () => {
  const event = {
    seq: 7n,
    id: "evt_01",
    occurredAt: new Date("2026-11-28T09:00:00.000Z"),
    actorType: "anonymous",
    actorId: null,
    actorLabel: null,
    action: "auth.sign_in.failed",
    targetType: null,
    targetId: null,
    outcome: "failure",
    requestId: null,
    ip: "192.0.2.1",
    userAgent: null,
    details: { email: "zoë@example.test", error: "bad_password" },
    prevHash: "a",
    hash: "b",
    agentId: null,
    serverId: null,
    resourceId: null,
    gatewayId: null,
    tool: null,
    scope: null,
    tier: null,
    jti: null,
    parentJti: null,
  };

  it("is RFC 5424 with facility 13, the action as MSGID and ASCII JSON as MSG", () => {
    const record = exportRecord(event);
    const message = syslogMessage(record, { hostname: "warden-1", procId: "42" });
    expect(message).toBe(`<108>1 2026-11-28T09:00:00.000Z warden-1 warden 42 auth.sign_in.failed - ${asciiJson(record)}`);
    expect(message).not.toMatch(/[^\x20-\x7e]/);
    expect(JSON.parse(message.slice(message.indexOf("{")))).toEqual(record);
    expect(syslogMessage({ ...record, "warden.audit.outcome": "success" }, { hostname: "h", procId: "1" })).toMatch(/^<110>1 /);
  });

  it("marks details it cut to fit a datagram, keeping every field", () => {
    const record = exportRecord({ ...event, details: { blob: "x".repeat(5_000) } });
    const message = syslogMessage(record, { hostname: "h", procId: "1", maxBytes: 1_000 });
    const sent = JSON.parse(message.slice(message.indexOf("{"))) as Record<string, string>;
    expect(Object.keys(sent)).toEqual(Object.keys(record));
    expect(JSON.parse(sent["warden.audit.details"]!)).toEqual({ "warden.truncated": true, bytes: record["warden.audit.details"]!.length });
  });

  it("frames by octet counting", () => {
    expect(octetCounted("<110>1 - - - - - - é")).toBe("21 <110>1 - - - - - - é");
  });
});
