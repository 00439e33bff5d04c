/** Starts an in-process emulator with test-speed durations and gives typed access to it. */
import { AdminClient } from "../../emulator/adminClient";
import { DEFAULT_DSW_TENANTS, DEFAULT_MODELARTS_TENANTS, EmulatorOptionsInput } from "../../emulator/options";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { secretAudit } from "./secretAudit";

export const DSW_DEV = DEFAULT_DSW_TENANTS[0];
export const DSW_OTHER = DEFAULT_DSW_TENANTS[1];
export const MA_DEV = DEFAULT_MODELARTS_TENANTS[0];
export const MA_OTHER = DEFAULT_MODELARTS_TENANTS[1];
export const MA_PROJECT = MA_DEV.projects[0].id;

export const FAST = { provision: 60, stop: 40, update: 40, delete: 40 };

export interface TestEmulator {
    emu: RunningEmulator;
    admin: AdminClient;
    url: string;
    close(): Promise<void>;
}

export async function startTestEmulator(opts: EmulatorOptionsInput = {}): Promise<TestEmulator> {
    const emu = await startEmulator({ port: 0, durations: FAST, secondMs: 20, tickMs: 10, ...opts });
    for (const t of emu.options.dswTenants) {
        secretAudit.secret(t.accessKeySecret, `DSW secret of ${t.accessKeyId}`);
        if (t.securityToken) secretAudit.secret(t.securityToken, `DSW STS token of ${t.accessKeyId}`);
    }
    for (const u of emu.options.modelartsTenants) {
        secretAudit.secret(u.secretKey, `ModelArts SK of ${u.accessKey}`);
        secretAudit.secret(u.password, `IAM password of ${u.userName}`);
        if (u.securityToken) secretAudit.secret(u.securityToken, `ModelArts security token of ${u.accessKey}`);
    }
    emu.identity.keys.onIssue = (k) => {
        secretAudit.secret(k.secret, `${k.source} session secret ${k.accessKeyId}`);
        secretAudit.secret(k.securityToken, `${k.source} session token ${k.accessKeyId}`);
    };
    emu.context.log.onRecord((e) => secretAudit.request(e));
    return { emu, admin: new AdminClient(emu.url, emu.options.adminToken), url: emu.url, close: () => emu.close() };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every 10 ms until it is true or `timeoutMs` passes. */
export async function eventually(cond: () => Promise<boolean> | boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
        if (await cond()) return;
        await sleep(10);
    }
    throw new Error(`timed out waiting for ${what}`);
}
