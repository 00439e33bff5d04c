/**
 * A runtime client for tests of `check`: building it is allowed (check resolves the provider's
 * settings, common/settings.ts `settingsRule`), using it fails the test, since check must not call
 * the API.
 */
export function noCloudClient(): never {
    return new Proxy(
        {},
        {
            get(_target, key) {
                throw new Error(`check must not call the API (it used the client's ${String(key)})`);
            },
        },
    ) as never;
}
