// The `modelarts.NotebookV2` `__provider` shim; its exports object is the provider (see ../shim.ts).
import { makeShim } from "../shim";

export = makeShim("modelarts-notebooks");
