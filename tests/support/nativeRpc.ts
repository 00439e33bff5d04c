/**
 * The native plugin's gRPC methods called as grpc-js would call them, without a network: unit
 * tests of provider/native/server.ts.
 */
import { NotebooksProviderServer } from "../../provider/native/server";

type Method = (call: unknown, callback: (e: unknown, v?: unknown) => void) => void;

/** One server instance's methods (Configure then Check share its settings). */
export function nativeServer(): <Res>(method: string, request: unknown) => Promise<Res> {
    const svc = new NotebooksProviderServer("0.0.0-test").service() as Record<string, Method>;
    return <Res>(method: string, request: unknown) =>
        new Promise<Res>((resolve, reject) => svc[method]({ request }, (e, v) => (e ? reject(e) : resolve(v as Res))));
}

/** One call on a fresh server. */
export function call<Res>(method: string, request: unknown): Promise<Res> {
    return nativeServer()<Res>(method, request);
}
