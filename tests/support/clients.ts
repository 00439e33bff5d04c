/** Cloud clients and providers wired to a test emulator, with fast polling. */
import { DswClient } from "../../provider/dsw/client";
import { DswInstanceProvider } from "../../provider/dsw/instance";
import { DswReadCache } from "../../provider/dsw/readCache";
import { ModelArtsClient } from "../../provider/modelarts/client";
import { ModelArtsNotebookProvider } from "../../provider/modelarts/notebook";
import { maSharedReads } from "../../provider/modelarts/readCache";
import { NotebooksClient } from "../../provider/modelartsV2/client";
import { NotebookV2Provider } from "../../provider/modelartsV2/notebook";
import { nbSharedReads } from "../../provider/modelartsV2/readCache";
import { StandardRetryStrategy } from "../../provider/common/retry";
import { DSW_DEV, MA_DEV, MA_PROJECT } from "./emulator";

export const FAST_POLL = { minDelayMs: 5, maxDelayMs: 20 };
const fastRetry = () => new StandardRetryStrategy({ baseDelayMs: 5, throttlingBaseDelayMs: 10, maxDelayMs: 100 });

export function dswClient(url: string, creds = { accessKeyId: DSW_DEV.accessKeyId, accessKeySecret: DSW_DEV.accessKeySecret }): DswClient {
    return new DswClient({ endpoint: url, credentials: creds, retry: fastRetry() });
}

export function maClient(url: string, projectId = MA_PROJECT): ModelArtsClient {
    return new ModelArtsClient({
        endpoint: url,
        projectId,
        auth: { kind: "aksk", credentials: { accessKey: MA_DEV.accessKey, secretKey: MA_DEV.secretKey } },
        retry: fastRetry(),
    });
}

/** `idleMs`: how long a refresh listing answers reads (0: every read lists anew unless it joins a walk in flight). */
export function dswProvider(url: string, client = dswClient(url), idleMs = 0): { provider: DswInstanceProvider; client: DswClient } {
    const cache = new DswReadCache(client, idleMs);
    return { provider: new DswInstanceProvider({ client: () => client, cache: () => cache, poll: () => FAST_POLL }), client };
}

export function maProvider(url: string, client = maClient(url)): { provider: ModelArtsNotebookProvider; client: ModelArtsClient } {
    return { provider: new ModelArtsNotebookProvider({ client: () => client, poll: () => FAST_POLL, shared: maSharedReads() }), client };
}

export function nbClient(url: string, projectId = MA_PROJECT): NotebooksClient {
    return new NotebooksClient({
        endpoint: url,
        projectId,
        auth: { kind: "aksk", credentials: { accessKey: MA_DEV.accessKey, secretKey: MA_DEV.secretKey } },
        retry: fastRetry(),
    });
}

/** A NotebookV2 look-alike made by someone else (the API directly, no marks): the stranger of the promise suite and the benches. */
export async function strangerNotebookV2(
    url: string,
    n: { name: unknown; flavor: unknown; imageId: unknown; category?: string; capacity?: number },
): Promise<string> {
    const volume = { category: n.category ?? "EVS", ownership: "MANAGED", capacity: n.capacity ?? 20 };
    return (await nbClient(url).create({ name: n.name, flavor: n.flavor, image_id: n.imageId, volume })).id;
}

export function nbProvider(url: string, client = nbClient(url)): { provider: NotebookV2Provider; client: NotebooksClient } {
    return { provider: new NotebookV2Provider({ client: () => client, poll: () => FAST_POLL, shared: nbSharedReads() }), client };
}

/** check, then create: what the engine does for a new resource. */
export async function checkAndCreate(
    p: {
        check(
            o: Record<string, unknown>,
            n: Record<string, unknown>,
        ): { inputs: Record<string, unknown>; failures: Array<{ property: string; reason: string }> };
        create(i: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }>;
    },
    news: Record<string, unknown>,
) {
    const c = p.check({}, { __nbName: "t", __nbOwner: "test/dev", ...news });
    if (c.failures.length) {
        throw new Error(`check failed: ${JSON.stringify(c.failures)}`);
    }
    return { inputs: c.inputs, ...(await p.create(c.inputs)) };
}
