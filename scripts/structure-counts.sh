#!/bin/bash
# `bash scripts/structure-counts.sh`: the structure figures of issue 24 (casts, Record<string, unknown>, typeof re-checks, out-of-repo references, import circles); `duplicates` counts the duplicated pairs.
# Counts for issue 24 (run from the repository root). Casts: regex '\bas ([A-Z(]|unknown\b)' counted per occurrence, comment lines (// or *) excluded.
casts() { grep -rhE --include=*.ts '\bas ([A-Z(]|unknown\b)' "$1" | grep -vE '^\s*(//|\*)' | grep -oE '\bas ([A-Z(]|unknown\b)' | wc -l; }
rec() { grep -rho --include=*.ts 'Record<string, unknown>' "$1" | wc -l; }
echo "casts provider/: $(casts provider)  emulator/: $(casts emulator)"
echo "'as unknown as' provider/: $(grep -rE --include=*.ts 'as unknown as' provider | wc -l)  emulator/: $(grep -rE --include=*.ts 'as unknown as' emulator | wc -l)"
echo "Record<string, unknown> provider/: $(rec provider)  emulator/: $(rec emulator)"
echo "typeof state re-checks provider/modelarts*: $(grep -rE --include=*.ts 'typeof (state|olds|news|props|s|prior)\.' provider/modelarts provider/modelartsV2 | wc -l)"
echo "comments citing shared/api or a developers' guide: $(grep -rEi --include=*.ts 'shared/api|developers.? guide' provider emulator sdk scripts policy tests | wc -l)"

# Import circles among the .ts files (relative imports; WITH_TYPES=1 counts type-only imports too).
node - provider emulator sdk scripts policy tests <<'JS'
// Import circles among the repository's .ts files: relative imports (static `import ... from` and `export ... from`), Tarjan SCCs; prints each circle (SCC of size > 1 or self-import).
const fs = require("node:fs"); const path = require("node:path");
const roots = process.argv.slice(2).filter((a) => a !== "-");
const files = [];
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { if (e.name === "node_modules" || e.name.startsWith(".")) continue; const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (p.endsWith(".ts") && !p.endsWith(".d.ts")) files.push(p); } };
roots.forEach(walk);
const graph = new Map();
for (const f of files) {
  const src = fs.readFileSync(f, "utf8"); const deps = [];
  for (const m of src.matchAll(/(?:import|export)\s+(?:type\s+)?[^;]*?from\s+["'](\.[^"']+)["']/g)) {
    if (!process.env.WITH_TYPES && (/^\s*import\s+type\b/.test(m[0]) || /^\s*export\s+type\b/.test(m[0]))) continue; // type-only imports vanish at runtime unless WITH_TYPES=1
    let t = path.normalize(path.join(path.dirname(f), m[1])).replace(/\.js$/, "");
    for (const c of [t + ".ts", path.join(t, "index.ts")]) if (fs.existsSync(c)) { deps.push(c); break; }
  }
  graph.set(f, deps);
}
let idx = 0; const st = [], on = new Set(), ix = new Map(), low = new Map(), sccs = [];
const sc = (v) => { ix.set(v, idx); low.set(v, idx++); st.push(v); on.add(v);
  for (const w of graph.get(v) ?? []) { if (!ix.has(w)) { sc(w); low.set(v, Math.min(low.get(v), low.get(w))); } else if (on.has(w)) low.set(v, Math.min(low.get(v), ix.get(w))); }
  if (low.get(v) === ix.get(v)) { const c = []; let w; do { w = st.pop(); on.delete(w); c.push(w); } while (w !== v); if (c.length > 1 || (graph.get(v) ?? []).includes(v)) sccs.push(c); } };
for (const v of graph.keys()) if (!ix.has(v)) sc(v);
console.log(`import circles (${process.env.WITH_TYPES ? "all imports" : "runtime imports"}): ${sccs.length} among ${files.length} files`);
for (const c of sccs) console.log("  " + c.sort().join(" <-> "));
JS
