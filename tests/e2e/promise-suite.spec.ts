/**
 * One promise suite for every resource (tests/support/promiseCases.ts has the table), through the
 * real CLI: (a) every replacement, whatever asks for it (a replace-forcing input, a console change
 * with `up --refresh`, `up --replace`), leaves exactly one live notebook and the stack's id is it;
 * (b) stop schedules off and on and optional nested inputs absent survive up and refresh;
 * (c) a same-named notebook someone else made before or during the first `up` is never touched;
 * (d) failedPolicy "error", "restart" and "replace" on a notebook the console failed.
 */
import { strict as assert } from "node:assert";
import { TestEmulator, eventually, startTestEmulator } from "../support/emulator";
import { Args, LiveNotebook, PROMISE_CASES, programOf } from "../support/promiseCases";
import { PulumiProject, emulatorConfig } from "../support/pulumi";

for (const c of PROMISE_CASES) {
    describe(`promises: ${c.resource} through the real CLI`, function () {
        // Each step is several CLI runs; on a busy two-core machine one run can take a minute.
        this.timeout(15 * 60_000);
        let t: TestEmulator;
        let proj: PulumiProject;
        let args: Args;
        let id = "";
        const strangers = new Set<string>();
        const base = `promise-${c.resource.replace(/\W/g, "-").toLowerCase()}`.slice(0, 24);
        const name = c.uniqueNames && c.nameKey === "instanceName" ? base.replace(/-/g, "_") : base;

        before(async () => {
            t = await startTestEmulator();
            args = { ...c.minimal(name), ...c.scheduleOff };
            proj = await PulumiProject.create(base, programOf(c, args), emulatorConfig(t.url));
        });
        after(() => t.close());

        const ours = async (): Promise<LiveNotebook[]> => (await c.live(t)).filter((n) => !strangers.has(n.id));
        const stateId = async (): Promise<string> => {
            const rs = await proj.resources(c.type);
            assert.equal(rs.length, 1, `one ${c.resource} in the stack`);
            return String(rs[0].id);
        };
        /** Exactly one live notebook of ours, the stack's; refresh finds nothing to change. */
        const oneLiveIsTheStacks = async (what: string): Promise<string> => {
            const live = await ours();
            const sid = await stateId();
            assert.deepEqual(
                live.map((n) => n.id),
                [sid],
                `${what}: exactly one live ${c.resource}, the stack's (live: ${JSON.stringify(live)})`,
            );
            await proj.must(["preview", "--refresh", "--expect-no-changes"]);
            return sid;
        };
        const write = (a: Args, opts: Record<string, unknown> = {}) => {
            args = a;
            proj.writeProgram(programOf(c, a, opts));
        };

        it("(c) a same-named notebook someone else made before the first up is never touched", async () => {
            const strangerArgs = c.minimal(c.uniqueNames ? `${name}2` : name);
            const s = await c.stranger(t, strangerArgs);
            strangers.add(s);
            if (c.uniqueNames) {
                // Names are unique here: the stack's create is refused, clearly, before it calls the cloud.
                const other = await PulumiProject.create(`${base}-s`, programOf(c, strangerArgs), emulatorConfig(t.url));
                const r = await other.run(["up", "--yes", "--skip-preview"]);
                assert.notEqual(r.code, 0);
                assert.match(r.output, new RegExp(`already exists.*${s}`));
                assert.equal((await other.resources(c.type)).length, 0, "nothing taken into the stack");
                await other.must(["destroy", "--yes", "--skip-preview"]);
            }
            await eventually(async () => (await c.live(t)).some((n) => n.id === s), 30_000, "the stranger's notebook");
        });

        it("(b, c) schedules off and only required inputs: up creates its own notebook; one made during the up is not taken either", async () => {
            const up = proj.up();
            if (!c.uniqueNames) {
                // Someone makes a look-alike while the stack's create waits for its notebook.
                await eventually(async () => (await ours()).length > 0, 60_000, "the stack's create");
                strangers.add(await c.stranger(t, c.minimal(name)));
            }
            await up;
            id = await oneLiveIsTheStacks("first up");
        });

        it("(b) schedules switched on, off and on again: up and refresh stay clean", async () => {
            for (const s of [c.scheduleOn, c.scheduleOff, c.scheduleOn]) {
                write({ ...c.minimal(name), ...s });
                await proj.up();
                assert.equal(await oneLiveIsTheStacks(`schedule ${JSON.stringify(s)}`), id, "updated in place");
            }
        });

        const stopUpdate = c.stopUpdate;
        if (stopUpdate) {
            it("the preview says when an in-place update will stop the running notebook", async () => {
                const kept = args;
                write({ ...args, ...stopUpdate });
                const pv = await proj.must(["preview"]);
                assert.match(
                    pv.output,
                    /updating \w+ stops the running notebook first \(the cloud changes it only on a stopped notebook\), then starts it again/,
                );
                assert.doesNotMatch(pv.output, /replace/);
                write(kept);
            });
        }

        for (const r of c.replaceChanges) {
            it(`(a) a replace forced by ${r.what} creates a new notebook and deletes the old one`, async () => {
                write({ ...args, ...r.change });
                await proj.up();
                const next = await oneLiveIsTheStacks(r.what);
                assert.notEqual(next, id, "a new notebook");
                id = next;
            });
        }

        const consoleReplace = c.consoleReplace;
        if ("act" in consoleReplace) {
            it(`(a) a replace forced by a console change (${consoleReplace.what}) under up --refresh`, async () => {
                await consoleReplace.act(t, id);
                await proj.up(["--refresh"]);
                const next = await oneLiveIsTheStacks(consoleReplace.what);
                assert.notEqual(next, id, "a new notebook");
                id = next;
            });
        }

        it("(a) pulumi up --replace: a new notebook, never the one it replaces", async () => {
            const urn = (await proj.resources(c.type))[0].urn;
            if (c.uniqueNames) {
                // Create-first with the same name cannot work where names are unique: refused, nothing deleted.
                const r = await proj.run(["up", "--yes", "--skip-preview", "--replace", urn]);
                assert.notEqual(r.code, 0, r.output);
                assert.match(r.output, /names are unique.*deleteBeforeReplace: true/);
                assert.equal(await oneLiveIsTheStacks("refused --replace"), id, "the old notebook kept, in the stack");
                write(args, { deleteBeforeReplace: true });
            }
            await proj.up(["--replace", urn]);
            const next = await oneLiveIsTheStacks("--replace");
            assert.notEqual(next, id, "a new notebook");
            id = next;
        });

        it('(d) failedPolicy "error" stops at preview, "restart" restarts the same notebook, "replace" makes a new one', async () => {
            await c.fail(t, id);
            write({ ...args, failedPolicy: "error" });
            const stuck = await proj.run(["preview", "--refresh"]);
            assert.notEqual(stuck.code, 0);
            assert.match(stuck.output, /failedPolicy is "error"/);

            write({ ...args, failedPolicy: "restart" });
            await proj.up(["--refresh"]);
            await eventually(async () => (await ours()).find((n) => n.id === id)?.status === c.running, 30_000, "the restart");
            assert.equal(await oneLiveIsTheStacks("restart"), id, "restart keeps the notebook");

            await c.fail(t, id);
            write({ ...args, failedPolicy: "replace" });
            await proj.up(["--refresh"]);
            const next = await oneLiveIsTheStacks("failedPolicy replace");
            assert.notEqual(next, id, "a new notebook");
            id = next;
        });

        it("destroy removes the stack's notebooks and no one else's", async () => {
            await proj.must(["destroy", "--yes", "--skip-preview"]);
            await eventually(async () => (await ours()).length === 0, 30_000, "the stack's notebooks gone");
            const alive = new Set((await c.live(t)).map((n) => n.id));
            for (const s of strangers) assert.ok(alive.has(s), `the stranger's ${s} is alive`);
        });
    });
}
