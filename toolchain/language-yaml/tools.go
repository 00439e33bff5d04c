//go:build tools

// The YAML language host (v1.38.1: v1.37.0, which 3.248 bundles, needs pulumi/pkg v3.247.0, not served by the proxy here).
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
