//go:build tools

// The YAML language host Pulumi 3.248 bundles (pkg/cmd/pulumi's build pins pulumi-yaml v1.37.0).
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
