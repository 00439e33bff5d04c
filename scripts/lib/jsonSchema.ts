/** The subset of JSON Schema that `z.toJSONSchema` emits for our input schemas. */
export interface JsonSchema {
    type?: string | string[];
    description?: string;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    items?: JsonSchema;
    enum?: unknown[];
    const?: unknown;
    pattern?: string;
    minimum?: number;
    maximum?: number;
    minLength?: number;
    maxLength?: number;
    additionalProperties?: JsonSchema | boolean;
    anyOf?: JsonSchema[];
    propertyNames?: JsonSchema;
    deprecated?: boolean;
    /** Our own metadata (provider/common/declare.ts), carried through by `z.toJSONSchema`. */
    typeName?: string;
    policy?: string;
    secret?: boolean;
    sentBy?: string;
    wireName?: string;
}
