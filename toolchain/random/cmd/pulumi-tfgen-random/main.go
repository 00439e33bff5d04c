// Generates the Pulumi schema of the bridged random provider (run by scripts/build-random-plugin.sh).
package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfgen"

	"pulumi-notebooks/toolchain/random/provider"
)

func main() {
	tfgen.Main("random", provider.Info())
}
