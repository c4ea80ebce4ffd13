import { Counter, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { HotCounter, HotHistogram } from "@/lib/metrics/hot";

const BUCKETS = [0.001, 0.01, 0.1, 1];

describe("hot metrics", () => {
  it("expose exactly what prom-client's own counter and histogram expose for the same observations", async () => {
    const hot = new Registry();
    const reference = new Registry();
    const counter = new HotCounter(hot, { name: "t_requests_total", help: "requests", labelNames: ["route", "status"] });
    const histogram = new HotHistogram(hot, { name: "t_seconds", help: "durations", labelNames: ["route"], buckets: BUCKETS });
    const plain = new HotHistogram(hot, { name: "t_plain_seconds", help: "no labels", buckets: BUCKETS });
    const theirCounter = new Counter({ name: "t_requests_total", help: "requests", labelNames: ["route", "status"], registers: [reference] });
    const theirHistogram = new Histogram({ name: "t_seconds", help: "durations", labelNames: ["route"], buckets: BUCKETS, registers: [reference] });
    const theirPlain = new Histogram({ name: "t_plain_seconds", help: "no labels", buckets: BUCKETS, registers: [reference] });

    const observations: [string, string, number][] = [
      ["/a", "200", 0.0005],
      ["/a", "200", 0.001],
      ["/a", "304", 0.05],
      ['/b"\\\n', "500", 3],
      ["/a", "200", 0.2],
    ];
    for (const [route, status, seconds] of observations) {
      counter.labels(route, status).inc();
      theirCounter.labels(route, status).inc();
      histogram.labels(route).observe(seconds);
      theirHistogram.labels(route).observe(seconds);
      plain.labels().observe(seconds);
      theirPlain.observe(seconds);
    }
    counter.labels("/a", "200").inc(2);
    theirCounter.labels("/a", "200").inc(2);
    expect(await hot.metrics()).toBe(await reference.metrics());
    expect(await hot.getMetricsAsJSON()).toHaveLength(3);
  });

  it("hand out one cell per label combination", () => {
    const registry = new Registry();
    const counter = new HotCounter(registry, { name: "t_total", help: "t", labelNames: ["a", "b", "c"] });
    const cell = counter.labels("x", "y", "z");
    expect(counter.labels("x", "y", "z")).toBe(cell);
    expect(counter.labels("x", "y", "w")).not.toBe(cell);
    expect(cell.labels).toEqual({ a: "x", b: "y", c: "z" });
    expect(() => counter.labels("x", "y")).toThrow(/c label/);
  });

  it("ignore NaN and reset with the registry", async () => {
    const registry = new Registry();
    const histogram = new HotHistogram(registry, { name: "t_seconds", help: "t", buckets: [1] });
    histogram.labels().observe(Number.NaN);
    histogram.labels().observe(2);
    expect(await registry.metrics()).toContain('t_seconds_bucket{le="+Inf"} 1');
    expect(await registry.metrics()).toContain('t_seconds_bucket{le="1"} 0');
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain("t_seconds_count");
  });
});
