/**
 * Integer parameters as the clouds type them: decimal digits, an optional leading `-`, nothing
 * else. JavaScript's `Number()` also takes `1e3`, `0x384`, `" 900"`, `+900` and `3.6e3`, which the
 * services' integer fields refuse; every query, form or header integer of the emulator goes through
 * here.
 */

const DECIMAL = /^-?[0-9]{1,15}$/;

/** The integer `value` spells, or undefined when it is not a plain decimal integer. */
export function decimalInt(value: string): number | undefined {
    return DECIMAL.test(value) ? Number(value) : undefined;
}

/**
 * `value` as an integer in [min, max]; `dflt` when absent (undefined, or empty when `emptyIsAbsent`);
 * otherwise `refuse()` is thrown.
 */
export function intParam(value: string | undefined, range: { dflt: number; min: number; max?: number; emptyIsAbsent?: boolean }, refuse: () => Error): number {
    if (value === undefined || (range.emptyIsAbsent && value === "")) return range.dflt;
    const n = decimalInt(value);
    if (n === undefined || n < range.min || (range.max !== undefined && n > range.max)) throw refuse();
    return n;
}

const DECIMAL_NUMBER = /^-?[0-9]{1,15}(\.[0-9]{1,15})?$/;

/** A plain decimal number (`1000`, `0.5`): no exponent, hex, sign `+` or spaces; undefined otherwise. */
export function decimalNumber(value: string): number | undefined {
    return DECIMAL_NUMBER.test(value) ? Number(value) : undefined;
}
