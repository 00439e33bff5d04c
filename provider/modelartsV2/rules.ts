/**
 * The rules of CreateNotebook and CreateNotebookTags that span fields or count what the provider
 * adds itself, checked at preview after the schema (schema.ts) has parsed the inputs. Each is a
 * documented rule of the service (docs/modelarts-notebooks-api.md §2, huaweicloud-sdk-go-v3
 * models `VolumeMountRequest`, `EndpointsReq`, `TmsTag`); the emulator applies the same rules
 * from its own reading (emulator/modelartsV2/validate.ts).
 */
import { CheckFailure, OWNER_KEY } from "../common/schema";
import type { NbInputs } from "./schema";

/** TMS: at most 20 tags on a notebook; the provider's owner tag is one of them. */
export const NB_MAX_TAGS = 20;
export const NB_MAX_USER_TAGS = NB_MAX_TAGS - 1;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// TmsTag: letters of any script, digits, spaces and `_ . : = + - @` (a value also `/`).
const TAG_KEY = /^[\p{L}\p{N} _.:=+\-@]+$/u;
const TAG_VALUE = /^[\p{L}\p{N} _.:/=+\-@]*$/u;

/** An IPv4 address, or an IPv4 CIDR block (a.b.c.d/n). */
export function isIpv4OrCidr(s: string): boolean {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(s);
    return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && (m[5] === undefined || Number(m[5]) <= 32);
}

function volumeRules(v: NbInputs["volume"]): CheckFailure[] {
    const out: CheckFailure[] = [];
    if ((v.ownership ?? "MANAGED") === "DEDICATED" && v.category === "EFS") {
        if (v.id === undefined) out.push({ property: "volume.id", reason: "volume.id (the EFS file system's id) is required for DEDICATED storage" });
        else if (!UUID.test(v.id)) out.push({ property: "volume.id", reason: "volume.id must be the EFS file system's id, a UUID" });
    }
    if (v.capacity !== undefined && v.category !== "EVS") {
        out.push({ property: "volume.capacity", reason: "volume.capacity sizes an EVS disk only (an EFS is sized by its file system)" });
    }
    return out;
}

function endpointRules(endpoints: NbInputs["endpoints"]): CheckFailure[] {
    return (endpoints ?? []).flatMap((e, i): CheckFailure[] => {
        const out: CheckFailure[] = [];
        if (e.service === "SSH" && (e.keyPairNames ?? []).length === 0) {
            out.push({ property: `endpoints[${i}].keyPairNames`, reason: "an SSH endpoint needs a key pair (keyPairNames: the ECS key pair to log in with)" });
        }
        (e.allowedAccessIps ?? []).forEach((ip, j) => {
            if (!isIpv4OrCidr(ip)) {
                out.push({
                    property: `endpoints[${i}].allowedAccessIps[${j}]`,
                    reason: `allowed access IPs are IPv4 addresses or CIDR blocks (got ${JSON.stringify(ip)})`,
                });
            }
        });
        return out;
    });
}

function tagRules(tags: NbInputs["tags"]): CheckFailure[] {
    const entries = Object.entries(tags ?? {});
    const out: CheckFailure[] = [];
    if (entries.length > NB_MAX_USER_TAGS) {
        out.push({
            property: "tags",
            reason: `at most ${NB_MAX_USER_TAGS} tags: a notebook carries at most ${NB_MAX_TAGS}, and the provider adds ${OWNER_KEY} (got ${entries.length})`,
        });
    }
    for (const [key, value] of entries) {
        const at = `tags.${key}`;
        // A key rule quotes the key: the value shown by default would be the tag's value.
        const gotKey = ` (got key ${JSON.stringify(key)})`;
        if (key === OWNER_KEY) out.push({ property: at, reason: `${OWNER_KEY} is reserved for the provider${gotKey}` });
        else if (key.length < 1 || key.length > 128) out.push({ property: at, reason: `tag keys are 1-128 characters${gotKey}` });
        else if (!TAG_KEY.test(key)) out.push({ property: at, reason: `tag keys have letters, digits, spaces and _ . : = + - @ only${gotKey}` });
        else if (key !== key.trim()) out.push({ property: at, reason: `tag keys must not start or end with a space${gotKey}` });
        else if (key.startsWith("_sys_")) out.push({ property: at, reason: `tag keys must not start with _sys_ (reserved by the cloud)${gotKey}` });
        if (value.length > 255) out.push({ property: at, reason: "tag values are at most 255 characters" });
        else if (!TAG_VALUE.test(value)) out.push({ property: at, reason: "tag values have letters, digits, spaces and _ . : / = + - @ only" });
    }
    return out;
}

/** Every rule above, for the inputs the schema accepted. */
export function nbRules(v: NbInputs): CheckFailure[] {
    return [...volumeRules(v.volume), ...endpointRules(v.endpoints), ...tagRules(v.tags)];
}
