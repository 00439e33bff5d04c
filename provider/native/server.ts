/**
 * Pulumi's ResourceProvider gRPC service (proto/pulumi/provider.proto) over the same provider
 * cores the dynamic resources run: the calls the engine makes of a native plugin, each translated
 * once between protobuf and the cores' plain objects.
 *
 * Where it differs from `pulumi.provider.main` (sdk/nodejs/provider/server.ts, 3.248): Configure
 * reads its arguments (each provider instance, default or explicit, gets its own settings and
 * clients) and accepts secrets, unwrapped here and wrapped again on the way out; CheckConfig and
 * DiffConfig are implemented; Diff answers `detailedDiff`; Cancel aborts the waits in progress.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { ResourceInitError, errorMessage } from "../common/errors";
import { CheckFailure, checkLookupArgs } from "../common/schema";
import { ConfigGetter } from "../common/settings";
import { registerSecret, registerSecretValues, redact } from "../common/redact";
import { SECRET_KEYS, forEngine, keptFromReplacementDelete, splitInternal, withoutUndefined } from "../common/resource";
import { withCancellation, withDeadline } from "../common/deadline";
import { resolveTimeouts } from "../common/timeouts";
import { PolicyTable } from "../common/diff";
import { detailedDiff } from "./detailedDiff";
import { Core, FUNCTIONS, ProviderRuntimes, RESOURCES, ResourceEntry } from "./resources";
import { CONFIG_KEYS, packageSchema } from "./schema";
import { UNKNOWN, unwrapSecrets, wrapSecrets } from "./values";

type Props = Record<string, unknown>;
type Callback<T> = (err: grpc.ServiceError | grpc.StatusObject | null, value?: T) => void;

const toJs = (s: Struct | undefined): Props => (s ? (s.toJavaScript() as Props) : {});
const toStruct = (v: Props): Struct => Struct.fromJavaScript(withoutUndefined(v) as Props as never);

/** `urn:pulumi:stack::project::type::name` → its parts (the owner label is `project/stack`). */
function urnParts(urn: string): { stack: string; project: string; type: string; name: string } {
    const [, rest = ""] = urn.split("urn:pulumi:");
    const [stack = "", project = "", type = "", ...name] = rest.split("::");
    return { stack, project, type: type.split("$").pop() ?? type, name: name.join("::") };
}

/** The SDK-side keys the cores read (progress lines, owner label), derived from the URN. */
function internalOf(urn: string): Props {
    const u = urnParts(urn);
    return { __nbName: u.name, __nbOwner: `${u.project}/${u.stack}`, __nbUrn: urn };
}

/** Outputs as state keeps them: no SDK-side keys; secret inputs, inputs given as secrets and secret outputs wrapped. */
function outputsOf(entry: ResourceEntry, props: Props, secretKeys: Iterable<string>): Props {
    const clean = Object.fromEntries(Object.entries(forEngine(props)).filter(([k]) => !["__nbName", "__nbOwner", "__nbUrn"].includes(k)));
    const given = new Set(secretKeys);
    const echoes = Object.entries(entry.secretEchoes)
        .filter(([, input]) => given.has(input))
        .map(([out]) => out);
    return wrapSecrets(clean, new Set([...entry.secretInputs, ...entry.secretOutputs, ...given, ...echoes]));
}

/** The values of the inputs that came as secrets, so no message of this process shows them (errors pass redact()). */
function registerSecretInputs(props: Props, secretKeys: Iterable<string>): void {
    for (const k of secretKeys) registerSecretValues(props[k], "a secret input");
}

function failure(f: CheckFailure): provproto.CheckFailure {
    const c = new provproto.CheckFailure();
    c.setProperty(f.property);
    c.setReason(redact(f.reason));
    return c;
}

function grpcError(e: unknown): grpc.StatusObject {
    const message = redact(errorMessage(e));
    const metadata = new grpc.Metadata();
    if (e instanceof ResourceInitError && e.id) {
        // A create the cloud accepted keeps its id in state (ErrorResourceInitFailed, as the Node SDK's server sends it).
        const detail = new provproto.ErrorResourceInitFailed();
        detail.setId(e.id);
        detail.setProperties(toStruct(e.properties));
        detail.setReasonsList(e.reasons);
        const any = new Any();
        any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
        const status = new statusproto.Status();
        status.setCode(grpc.status.UNKNOWN);
        status.setMessage(message);
        status.addDetails(any);
        metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return { code: grpc.status.UNKNOWN, details: message, metadata };
}

/** A getter over Configure's arguments (plain after unwrapping), falling back to its variables. */
function configGetter(args: Props, variables: Map<string, string>): ConfigGetter {
    return (key) => {
        const v = args[key] ?? variables.get(`notebooks:${key}`) ?? variables.get(`notebooks:config:${key}`);
        if (v === undefined || v === null || v === "" || v === UNKNOWN) return undefined;
        return typeof v === "string" ? v : JSON.stringify(v);
    };
}

export class NotebooksProviderServer {
    private get: ConfigGetter = () => undefined;
    private runtimes = new ProviderRuntimes(this.get);
    private readonly aborts = new Set<AbortController>();

    constructor(private readonly version: string) {}

    private core(entry: ResourceEntry): Core {
        return this.runtimes.of(entry.providerModule).core;
    }

    private entryOf(urn: string): ResourceEntry {
        const type = urnParts(urn).type;
        const entry = RESOURCES.find((r) => r.token === type);
        if (!entry) throw new Error(`unknown resource type ${type} (this provider serves ${RESOURCES.map((r) => r.token).join(", ")})`);
        return entry;
    }

    /**
     * Runs `work`, answering the engine once. Cancel ends the waits still running through the
     * operation's context (deadline.ts), so each operation answers as its own failure would: a
     * create the cloud accepted still returns its id (ErrorResourceInitFailed) and stays in state.
     */
    private answer<T>(cb: Callback<T>, work: () => Promise<T> | T): void {
        const abort = new AbortController();
        this.aborts.add(abort);
        withCancellation(abort.signal, () => Promise.resolve().then(work))
            .then((v) => cb(null, v))
            .catch((e: unknown) => cb(grpcError(e)))
            .finally(() => this.aborts.delete(abort));
    }

    service(): grpc.UntypedServiceImplementation {
        type Call<Req> = grpc.ServerUnaryCall<Req, unknown>;
        const h =
            <Req, Res>(fn: (req: Req) => Promise<Res> | Res) =>
            (call: Call<Req>, cb: Callback<Res>) =>
                this.answer(cb, () => fn(call.request));
        return {
            getPluginInfo: h(() => {
                const info = new pluginproto.PluginInfo();
                info.setVersion(this.version);
                return info;
            }),
            getSchema: h(() => {
                const r = new provproto.GetSchemaResponse();
                r.setSchema(JSON.stringify(packageSchema(this.version)));
                return r;
            }),
            checkConfig: h((req: provproto.CheckRequest) => this.checkConfig(req)),
            diffConfig: h((req: provproto.DiffRequest) => this.diffConfig(req)),
            configure: h((req: provproto.ConfigureRequest) => this.configure(req)),
            check: h((req: provproto.CheckRequest) => this.check(req)),
            diff: h((req: provproto.DiffRequest) => this.diff(req)),
            create: h((req: provproto.CreateRequest) => this.create(req)),
            read: h((req: provproto.ReadRequest) => this.read(req)),
            update: h((req: provproto.UpdateRequest) => this.update(req)),
            delete: h((req: provproto.DeleteRequest) => this.delete(req)),
            invoke: h((req: provproto.InvokeRequest) => this.invoke(req)),
            cancel: h(() => {
                for (const a of this.aborts) a.abort();
                return new Empty();
            }),
        };
    }

    // ----- configuration ------------------------------------------------------------------------
    private checkConfig(req: provproto.CheckRequest): provproto.CheckResponse {
        const news = toJs(req.getNews());
        const r = new provproto.CheckResponse();
        const failures: CheckFailure[] = [];
        for (const [k, v] of Object.entries(news)) {
            if (k === "version" || k.startsWith("__")) continue;
            if (!CONFIG_KEYS.some((c) => c.name === k))
                failures.push({ property: k, reason: `unknown setting notebooks:${k} (settings: ${CONFIG_KEYS.map((c) => c.name).join(", ")})` });
            else if (v !== UNKNOWN && typeof unwrapSecrets(v) !== "string" && typeof unwrapSecrets(v) !== "number")
                failures.push({ property: k, reason: "must be a string" });
        }
        // The engine sends CheckConfig plain values (sdk/go/common/resource/plugin/provider_plugin.go,
        // CheckConfig marshals without KeepSecrets): every secret setting goes back wrapped, so the
        // provider's inputs hold it as a secret whatever the engine's own bookkeeping does. Nothing
        // is added here from the environment: a credential the engine never had stays out of its
        // state and logs.
        const secretKeys = new Set<string>(CONFIG_KEYS.filter((c) => c.secret).map((c) => c.name));
        unwrapSecrets(news, secretKeys);
        r.setInputs(toStruct(wrapSecrets(news, secretKeys)));
        r.setFailuresList(failures.map(failure));
        return r;
    }

    private diffConfig(req: provproto.DiffRequest): provproto.DiffResponse {
        const olds = unwrapSecrets(toJs(req.getOldInputs() ?? req.getOlds())) as Props;
        const news = unwrapSecrets(toJs(req.getNews())) as Props;
        // A provider's settings change where its notebooks are reached, not the notebooks: in place.
        const settings: PolicyTable = Object.fromEntries(
            [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => k !== "version").map((k) => [k, "update"]),
        );
        const { diffs, detailed } = detailedDiff(olds, news, settings, []);
        const r = new provproto.DiffResponse();
        r.setChanges(diffs.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
        r.setDiffsList(diffs);
        r.setHasdetaileddiff(true);
        for (const [k, kind] of Object.entries(detailed)) r.getDetaileddiffMap().set(k, propertyDiff(kind));
        return r;
    }

    private configure(req: provproto.ConfigureRequest): provproto.ConfigureResponse {
        // An explicit provider's argument given as a secret (`fn::secret`) is one whatever the setting.
        const givenSecret = new Set<string>();
        const args = unwrapSecrets(toJs(req.getArgs()), givenSecret) as Props;
        const variables = new Map(req.getVariablesMap().toArray());
        for (const name of new Set([...CONFIG_KEYS.filter((k) => k.secret).map((k) => k.name), ...givenSecret])) {
            const v = args[name] ?? variables.get(`notebooks:${name}`);
            if (typeof v === "string") registerSecret(v, `notebooks:${name}`);
        }
        this.get = configGetter(args, variables);
        const known = !Object.values(args).some((v) => v === UNKNOWN) && ![...variables.values()].some((v) => v === UNKNOWN);
        this.runtimes = new ProviderRuntimes(this.get, () => known);
        const r = new provproto.ConfigureResponse();
        r.setAcceptsecrets(true);
        r.setSupportspreview(false);
        return r;
    }

    // ----- resources ----------------------------------------------------------------------------
    private check(req: provproto.CheckRequest): provproto.CheckResponse {
        const entry = this.entryOf(req.getUrn());
        const secretKeys = new Set<string>();
        const news = unwrapSecrets(toJs(req.getNews()), secretKeys) as Props;
        const olds = unwrapSecrets(toJs(req.getOlds())) as Props;
        // The inputs the program made secret, so no failure message shows them (common/resource.ts SECRET_KEYS).
        const result = this.core(entry).check(olds, { ...news, [SECRET_KEYS]: [...secretKeys] });
        const r = new provproto.CheckResponse();
        if (result.failures.length > 0) {
            r.setFailuresList(result.failures.map(failure));
        } else {
            r.setInputs(toStruct(wrapSecrets(splitInternal(forEngine(result.inputs)).user, new Set([...entry.secretInputs, ...secretKeys]))));
        }
        return r;
    }

    private diff(req: provproto.DiffRequest): provproto.DiffResponse {
        const entry = this.entryOf(req.getUrn());
        const olds = unwrapSecrets(toJs(req.getOlds())) as Props;
        const news = unwrapSecrets(toJs(req.getNews())) as Props;
        const plan = this.core(entry).diff(req.getId(), olds, { ...news, ...internalOf(req.getUrn()) });
        // The cores compare the inputs recorded in state with the new ones: the same view here.
        const oldInputs = unwrapSecrets(toJs(req.getOldInputs())) as Props;
        const before = Object.keys(oldInputs).length > 0 ? oldInputs : olds;
        const r = new provproto.DiffResponse();
        r.setChanges(plan.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
        r.setReplacesList(plan.replaces);
        r.setDeletebeforereplace(Boolean(plan.deleteBeforeReplace));
        if (plan.changes) {
            // Per row of the policy table, so a nested field shows with the kind its own row costs.
            const { diffs, detailed } = detailedDiff(before, news, entry.policy, plan.replaces, entry.flatten);
            r.setDiffsList(diffs);
            for (const [k, kind] of Object.entries(detailed)) r.getDetaileddiffMap().set(k, propertyDiff(kind));
        }
        r.setHasdetaileddiff(true);
        return r;
    }

    private async create(req: provproto.CreateRequest): Promise<provproto.CreateResponse> {
        const entry = this.entryOf(req.getUrn());
        const secretKeys = new Set<string>();
        const props = { ...(unwrapSecrets(toJs(req.getProperties()), secretKeys) as Props), ...internalOf(req.getUrn()) };
        registerSecretInputs(props, secretKeys);
        const r = new provproto.CreateResponse();
        if (req.getPreview()) {
            r.setProperties(req.getProperties());
            return r;
        }
        const out = await withDeadline(Date.now() + resolveTimeouts(props.timeouts as never).create, () => this.core(entry).create(props)).catch(
            (e: unknown) => {
                if (e instanceof ResourceInitError) throw new ResourceInitError(e.message, e.id, outputsOf(entry, e.properties, secretKeys), e.reasons);
                throw e;
            },
        );
        r.setId(out.id);
        r.setProperties(toStruct(outputsOf(entry, out.outs as Props, secretKeys)));
        return r;
    }

    private async read(req: provproto.ReadRequest): Promise<provproto.ReadResponse> {
        const entry = this.entryOf(req.getUrn());
        const secretKeys = new Set<string>();
        const props = unwrapSecrets(toJs(req.getProperties()), secretKeys) as Props;
        const core = this.core(entry);
        let out: { id: string; props: Props; inputs?: Props };
        if (Object.keys(props).length === 0) {
            // `pulumi import`: a read by id only. The cores read back the inputs a state records;
            // with none, each cloud's live→inputs mapping gives them, and the core's read reports
            // them as drift detection does (what Check then validates and Diff compares).
            const seed = await this.runtimes.of(entry.providerModule).importedInputs(req.getId());
            out = seed ? ((await core.read(req.getId(), seed)) as typeof out) : { id: "", props: {} };
        } else {
            // The owner (from the URN) narrows a refresh's listing to this stack's notebooks.
            out = (await core.read(req.getId(), { ...props, __nbOwner: internalOf(req.getUrn()).__nbOwner })) as typeof out;
        }
        const r = new provproto.ReadResponse();
        r.setId(out.id);
        if (out.id) {
            r.setProperties(toStruct(outputsOf(entry, out.props, secretKeys)));
            if (out.inputs) r.setInputs(toStruct(outputsOf(entry, splitInternal(out.inputs).user, secretKeys)));
        }
        return r;
    }

    private async update(req: provproto.UpdateRequest): Promise<provproto.UpdateResponse> {
        const entry = this.entryOf(req.getUrn());
        const secretKeys = new Set<string>();
        const olds = unwrapSecrets(toJs(req.getOlds()), secretKeys) as Props;
        const news = { ...(unwrapSecrets(toJs(req.getNews()), secretKeys) as Props), ...internalOf(req.getUrn()) };
        registerSecretInputs(news, secretKeys);
        const r = new provproto.UpdateResponse();
        if (req.getPreview()) {
            r.setProperties(req.getNews());
            return r;
        }
        const out = await withDeadline(Date.now() + resolveTimeouts(news.timeouts as never).update, () =>
            this.core(entry).update(req.getId(), olds, news),
        ).catch((e: unknown) => {
            if (e instanceof ResourceInitError) throw new ResourceInitError(e.message, e.id, outputsOf(entry, e.properties, secretKeys), e.reasons);
            throw e;
        });
        r.setProperties(toStruct(outputsOf(entry, out.outs as Props, secretKeys)));
        return r;
    }

    private async delete(req: provproto.DeleteRequest): Promise<Empty> {
        const entry = this.entryOf(req.getUrn());
        const props = { ...(unwrapSecrets(toJs(req.getProperties())) as Props), ...internalOf(req.getUrn()) };
        if (keptFromReplacementDelete(req.getId(), props)) return new Empty();
        await withDeadline(Date.now() + resolveTimeouts(props.timeouts as never).delete, () => this.core(entry).delete(req.getId(), props));
        return new Empty();
    }

    // ----- functions ----------------------------------------------------------------------------
    private async invoke(req: provproto.InvokeRequest): Promise<provproto.InvokeResponse> {
        const fn = FUNCTIONS.find((f) => f.token === req.getTok());
        if (!fn) throw new Error(`unknown function ${req.getTok()} (this provider serves ${FUNCTIONS.map((f) => f.token).join(", ")})`);
        const args = unwrapSecrets(toJs(req.getArgs())) as Props;
        const r = new provproto.InvokeResponse();
        const checked = checkLookupArgs(fn.args, args);
        if ("failures" in checked) {
            r.setFailuresList(checked.failures.map(failure));
            return r;
        }
        const data = checked.data as Props;
        const result = (await fn.invoke(this.runtimes.of(fn.providerModule).lookupClient(data), data)) as Props;
        r.setReturn(toStruct(result));
        return r;
    }
}

function propertyDiff(kind: keyof typeof provproto.PropertyDiff.Kind): provproto.PropertyDiff {
    const d = new provproto.PropertyDiff();
    d.setKind(provproto.PropertyDiff.Kind[kind]);
    d.setInputdiff(true);
    return d;
}

/** Serves the provider on a free local port and prints the port, as the engine expects of a plugin. */
export async function serve(version: string): Promise<grpc.Server> {
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(provrpc.ResourceProviderService, new NotebooksProviderServer(version).service());
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    process.stdout.write(`${port}\n`);
    return server;
}
