// The pulumi-notebooks cost-guard policy pack. Run: pulumi preview --policy-pack node_modules/pulumi-notebooks/policy-pack
// The engine may start a pack with the program's directory as the working directory (a 3.163
// nodejs language host does, ignoring the analyzer kind); @pulumi/policy reads the pack's version
// from ./package.json, so the pack's own directory must be the working directory first.
process.chdir(__dirname);
const { PolicyPack } = require("@pulumi/policy");
const { notebookPolicies } = require("../dist/policy/index.js");

new PolicyPack("pulumi-notebooks-cost-guards", { policies: notebookPolicies() });
