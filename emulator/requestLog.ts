/**
 * What tests and benchmarks read back: a bounded log of cloud API requests (operation, tenant,
 * status, error code, fault; never headers or bodies, so no secret can leak through it) and
 * per-operation counters. Admin requests are not recorded.
 */
export interface RequestLogEntry {
    seq: number;
    at: number;
    cloud: "dsw" | "modelarts" | "iam" | "sts" | "metadata" | "unknown";
    op: string;
    method: string;
    path: string;
    status: number;
    code?: string;
    /** Access key id / AK / token user that made the call, when authenticated. */
    principal?: string;
    fault?: string;
    durationMs: number;
    /** Instances a list answer returned. */
    listed?: string[];
    /** Names (never values) of the query parameters, e.g. the filters of a listing. */
    queryNames?: string[];
}

export interface OperationCounters {
    total: number;
    byOperation: Record<string, number>;
    byStatus: Record<string, number>;
    faults: Record<string, number>;
}

export class RequestLog {
    private entries: RequestLogEntry[] = [];
    private seq = 0;
    private counters: OperationCounters = emptyCounters();
    private listeners: Array<(e: RequestLogEntry) => void> = [];

    constructor(private capacity: number) {}

    /** In-process embedders (the test suite's secret audit) see every entry, even after a reset. */
    onRecord(listener: (e: RequestLogEntry) => void): void {
        this.listeners.push(listener);
    }

    record(entry: Omit<RequestLogEntry, "seq">): void {
        const e = { ...entry, seq: ++this.seq };
        for (const l of this.listeners) {
            l(e);
        }
        this.entries.push(e);
        if (this.entries.length > this.capacity) {
            this.entries.splice(0, this.entries.length - this.capacity);
        }
        const c = this.counters;
        c.total++;
        c.byOperation[e.op] = (c.byOperation[e.op] ?? 0) + 1;
        c.byStatus[String(e.status)] = (c.byStatus[String(e.status)] ?? 0) + 1;
        if (e.fault) {
            c.faults[e.fault] = (c.faults[e.fault] ?? 0) + 1;
        }
    }

    list(sinceSeq = 0): RequestLogEntry[] {
        return this.entries.filter((e) => e.seq > sinceSeq);
    }

    get lastSeq(): number {
        return this.seq;
    }

    snapshot(): OperationCounters {
        return JSON.parse(JSON.stringify(this.counters)) as OperationCounters;
    }

    reset(): void {
        this.entries = [];
        this.counters = emptyCounters();
    }
}

function emptyCounters(): OperationCounters {
    return { total: 0, byOperation: {}, byStatus: {}, faults: {} };
}
