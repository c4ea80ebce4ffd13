// Counters and histograms for hot paths, served through the prom-client
// registry. Why not prom-client's own: its labelled children hash the label
// set into a new string and allocate on every inc()/observe() (measured at
// ~0.3 µs and ~0.4 µs per call on Node 20), where the lean path's 304s cost
// ~30 µs in all. Here a labelled cell is found through one Map per label
// (no allocation once it exists) and counting is a number addition; the
// exposition format is built only when /metrics is scraped.
import type { Metric, Registry } from "prom-client";

type Labels = Record<string, string>;
type Tree<C> = Map<string, Tree<C> | C>;

/** Cells per label combination, looked up without allocating (up to three labels). */
class Cells<C> {
  private readonly root: Tree<C> = new Map();
  private single: C | null = null;
  readonly all: C[] = [];

  constructor(
    private readonly names: readonly string[],
    private readonly make: (labels: Labels) => C,
  ) {
    if (names.length > 3) throw new Error("at most three labels");
  }

  get(a?: string, b?: string, c?: string): C {
    const depth = this.names.length;
    if (depth === 0) return (this.single ??= this.add({}));
    let node = this.root;
    for (let level = 0; level < depth; level += 1) {
      const value = level === 0 ? a : level === 1 ? b : c;
      if (value === undefined) throw new Error(`missing the ${this.names[level]} label`);
      const found = node.get(value);
      if (level === depth - 1) {
        if (found !== undefined) return found as C;
        const labels: Labels = {};
        for (let index = 0; index < depth; index += 1) labels[this.names[index]!] = (index === 0 ? a : index === 1 ? b : c)!;
        const cell = this.add(labels);
        node.set(value, cell);
        return cell;
      }
      if (found !== undefined) node = found as Tree<C>;
      else {
        const next: Tree<C> = new Map();
        node.set(value, next);
        node = next;
      }
    }
    throw new Error("unreachable");
  }

  private add(labels: Labels): C {
    const cell = this.make(labels);
    this.all.push(cell);
    return cell;
  }

  reset(): void {
    this.root.clear();
    this.single = null;
    this.all.length = 0;
  }
}

type Options = { name: string; help: string; labelNames?: readonly string[] };
type Value = { labels: Record<string, string | number>; value: number; metricName?: string };

export class CounterCell {
  value = 0;
  constructor(readonly labels: Labels) {}
  inc(by = 1): void {
    this.value += by;
  }
}

export class HistogramCell {
  sum = 0;
  count = 0;
  /** observations per bucket (not cumulative); the last slot is above every bound */
  readonly counts: Float64Array;
  constructor(
    readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }
  observe(value: number): void {
    if (Number.isNaN(value)) return;
    const bounds = this.bounds;
    let index = 0;
    while (index < bounds.length && value > bounds[index]!) index += 1;
    this.counts[index]! += 1;
    this.sum += value;
    this.count += 1;
  }
}

/** What the prom-client registry reads from a metric: name, help, type and the values at scrape time. */
abstract class HotMetric<C> {
  readonly name: string;
  readonly help: string;
  readonly aggregator = "sum";
  protected readonly cells: Cells<C>;

  constructor(registry: Registry, options: Options, make: (labels: Labels) => C) {
    this.name = options.name;
    this.help = options.help;
    this.cells = new Cells(options.labelNames ?? [], make);
    registry.registerMetric(this as unknown as Metric);
  }

  /** The cell of one label combination, in the order of labelNames; keep it where the labels are fixed. */
  labels(a?: string, b?: string, c?: string): C {
    return this.cells.get(a, b, c);
  }

  reset(): void {
    this.cells.reset();
  }

  abstract get type(): string;
  abstract get(): { name: string; help: string; type: string; aggregator: string; values: Value[] };
}

export class HotCounter extends HotMetric<CounterCell> {
  constructor(registry: Registry, options: Options) {
    super(registry, options, (labels) => new CounterCell(labels));
  }

  get type(): string {
    return "counter";
  }

  get() {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: this.cells.all.map((cell) => ({ labels: { ...cell.labels }, value: cell.value })) };
  }
}

export class HotHistogram extends HotMetric<HistogramCell> {
  readonly buckets: readonly number[];

  constructor(registry: Registry, options: Options & { buckets: readonly number[] }) {
    const buckets = [...options.buckets].sort((a, b) => a - b);
    super(registry, options, (labels) => new HistogramCell(labels, buckets));
    this.buckets = buckets;
  }

  get type(): string {
    return "histogram";
  }

  get() {
    const values: Value[] = [];
    const bucket = `${this.name}_bucket`;
    for (const cell of this.cells.all) {
      let cumulative = 0;
      for (let index = 0; index < this.buckets.length; index += 1) {
        cumulative += cell.counts[index]!;
        values.push({ metricName: bucket, labels: { le: this.buckets[index]!, ...cell.labels }, value: cumulative });
      }
      values.push({ metricName: bucket, labels: { le: "+Inf", ...cell.labels }, value: cell.count });
      values.push({ metricName: `${this.name}_sum`, labels: { ...cell.labels }, value: cell.sum });
      values.push({ metricName: `${this.name}_count`, labels: { ...cell.labels }, value: cell.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
